"""The library counts the open cases inside a called SOP (review F-L): every case runs in
`nrm_case`, so a called SOP's versions start none, yet a change to it touches the cases that
are in it now."""

from __future__ import annotations

import re

import pytest

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, report_case, to_screening

COUNT = {
    "ru": "Открытых случаев, у которых сейчас открыта задача в этом процессе: {n}",
    "ky": "Учурда ушул процессте ачык тапшырмасы бар ачык иштер: {n}",
    "en": "Open cases with an open task in this process now: {n}",
}


def section(page: str, process_id: str) -> str:
    found = re.search(
        rf'<section class="process" aria-labelledby="process-{process_id}">(.*?)</section>',
        page,
        re.S,
    )
    assert found is not None, process_id
    return found.group(1)


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_library_counts_the_cases_inside_each_called_sop(
    browser: OpenBrowser, web_engine: Engine, lang: str
) -> None:
    opened = [
        report_case(web_engine).opened[0],
        to_screening(web_engine).opened[0],
        report_case(web_engine, pseudonym="Other").opened[0],
    ]
    assert {t.process_id for t in opened} == {"identification"}  # called from nrm_case
    b = browser("policy")
    b.post("/language", {"lang": lang})
    page = b.get("/library").text
    assert COUNT[lang].format(n=3) in section(page, "identification")
    assert COUNT[lang].format(n=0) in section(page, "repatriation")
    assert COUNT[lang].format(n=3) in b.get("/library/identification").text
