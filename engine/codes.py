"""Country and language codes that a form's `x-codes` field holds, and their names.

A field marked `"x-codes": "country"` holds an ISO 3166-1 alpha-2 code (`KG`, `RU`), one
marked `"language"` an ISO 639-1 code (`ky`, `ru`); the lists and the names in each page
language come from CLDR (the `babel` package), so nobody types "Россия" where a code
belongs. A field may add answers of its own (`"x-codes-also": [{"const": "stateless",
"title": "Stateless"}]`), which it keeps and words like any other choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from babel import Locale

COUNTRY = "country"
LANGUAGE = "language"
KINDS = (COUNTRY, LANGUAGE)
# CLDR's two-letter territories that are no country a person lives in or comes from.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})
# A name missing in a language is taken from the next one.
_FALLBACK = {"ky": ("ky", "ru", "en"), "ru": ("ru", "en"), "en": ("en",)}
# Names the Kyrgyz Republic's own documents use where CLDR has another (page review F-C:
# "Киргизия" on a Kyrgyz state system); the one place a CLDR name is replaced. Kyrgyz and
# English CLDR already say "Кыргызстан", "кыргызча", "Kyrgyzstan", "Kyrgyz".
_OWN_NAMES: Mapping[tuple[str, str], Mapping[str, str]] = {
    ("country", "ru"): {"KG": "Кыргызстан"},
    ("language", "ru"): {"ky": "кыргызский"},
}
# The codes a caseworker picks most (the country, its neighbours and where people are
# exploited; its languages), offered first in a list before the rest in order of name.
COMMON: Mapping[str, tuple[str, ...]] = {
    "country": ("KG", "RU", "KZ", "TR", "AE", "UZ", "TJ", "CN", "KR"),
    "language": ("ky", "ru", "uz", "tg", "kk", "en"),
}


def _table(kind: str, lang: str) -> Mapping[str, str]:
    locale = Locale.parse(lang)
    return locale.territories if kind == COUNTRY else locale.languages


@cache
def codes(kind: str) -> frozenset[str]:
    """The codes of a kind."""
    table = _table(kind, "en")
    if kind == COUNTRY:
        return frozenset(c for c in table if len(c) == 2 and c.isalpha() and c.isupper()) - (
            _NOT_COUNTRIES
        )
    return frozenset(c for c in table if len(c) == 2 and c.isalpha() and c.islower())


@cache
def names(kind: str, lang: str) -> tuple[tuple[str, str], ...]:
    """(code, name in the language) of every code of a kind, in the order of the names."""
    tables = [_table(kind, each) for each in _FALLBACK.get(lang, ("en",))]
    found = {code: next(t[code] for t in tables if code in t) for code in codes(kind)}
    found |= _OWN_NAMES.get((kind, lang), {})
    return tuple(sorted(found.items(), key=lambda item: (item[1].casefold(), item[0])))


@cache
def grouped(
    kind: str, lang: str
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(the common codes in their order, every other code in the order of its name), each as
    (code, name in the language)."""
    every = dict(names(kind, lang))
    common = tuple((code, every[code]) for code in COMMON.get(kind, ()) if code in every)
    first = {code for code, _ in common}
    return common, tuple(item for item in names(kind, lang) if item[0] not in first)


def name(kind: str, lang: str, code: str) -> str | None:
    """A code's name in the language (None when it is no code of the kind)."""
    return dict(names(kind, lang)).get(code)


def answer(kind: str, lang: str, code: str) -> str | None:
    """A code's name as an answer shows it (None when it is no code of the kind): its first
    letter capitalised, as the answer starts there. CLDR writes Russian and Kyrgyz language
    names in lower case ("кыргызский"), which the choice lists keep (page review P-12)."""
    found = name(kind, lang, code)
    return found[:1].upper() + found[1:] if found else found


def kind_of(prop: Mapping[str, Any]) -> str | None:
    """The kind of codes a field holds (None when it holds none)."""
    kind = prop.get("x-codes")
    return kind if kind in KINDS else None


def also(prop: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A codes field's own answers besides the codes: (value, English title)."""
    return [
        (str(c["const"]), str(c.get("title") or c["const"]))
        for c in prop.get("x-codes-also") or ()
        if isinstance(c, Mapping) and "const" in c
    ]


def is_allowed(prop: Mapping[str, Any], value: Any) -> bool:
    """True when a codes field's value is a code of its kind or one of its own answers."""
    kind = kind_of(prop)
    if kind is None or not isinstance(value, str):
        return True
    return value in codes(kind) or value in {v for v, _ in also(prop)}
