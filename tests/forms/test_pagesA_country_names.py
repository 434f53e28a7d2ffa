"""Country and language names a Kyrgyz state system uses (page review F-C): "Кыргызстан",
not CLDR's Russian "Киргизия", on every page that names the code; and the few codes
picked most come first in a list, before the rest in the order of their names."""

from __future__ import annotations

import re

from engine import codes
from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, report_case

KYRGYZSTAN = {"ru": "Кыргызстан", "ky": "Кыргызстан", "en": "Kyrgyzstan"}
KYRGYZ = {"ru": "кыргызский", "ky": "кыргызча", "en": "Kyrgyz"}


def test_kyrgyzstan_and_kyrgyz_are_named_as_the_republic_names_them_in_every_language() -> None:
    for lang in ("ru", "ky", "en"):
        assert codes.name(codes.COUNTRY, lang, "KG") == KYRGYZSTAN[lang]
        assert codes.name(codes.LANGUAGE, lang, "ky") == KYRGYZ[lang]
        every = dict(codes.names(codes.COUNTRY, lang)).values()
        assert "Киргизия" not in every and "Киргизстан" not in every


def test_the_report_lists_the_common_codes_first_then_the_rest_by_name(
    browser: OpenBrowser,
) -> None:
    ngo = browser("ngo")
    for lang in ("ru", "ky", "en"):
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        page = ngo.get("/report", follow_redirects=True).text
        select = page[page.index('<select id="f-citizenship"') :]
        select = select[: select.index("</select>")]
        groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
        assert len(groups) == 2, select[:500]
        first = re.findall(r'<option value="([A-Z]{2})"', groups[0][1])
        assert first[:3] == ["KG", "RU", "KZ"], first
        assert f'<option value="KG">{KYRGYZSTAN[lang]}</option>' in groups[0][1]
        rest = re.findall(r'<option value="([A-Z]{2})">([^<]+)</option>', groups[1][1])
        assert "KG" not in {code for code, _ in rest}  # each code once
        assert [n.casefold() for _, n in rest] == sorted(n.casefold() for _, n in rest)
        language = page[page.index('<select id="f-language"') :]
        language = language[: language.index("</select>")]
        assert f'<option value="ky">{KYRGYZ[lang]}</option>' in language


def test_the_case_page_names_the_citizenship_kyrgyzstan(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    case = report_case(web_engine, citizenship="KG").case
    ngo = browser("ngo")
    for lang in ("ru", "ky", "en"):
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        page = ngo.get(f"/cases/{case.id}").text
        assert KYRGYZSTAN[lang] in page and "Киргизия" not in page
