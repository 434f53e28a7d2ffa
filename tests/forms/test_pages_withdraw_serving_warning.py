"""Pages review 4, P4-5: the form limiting or withdrawing the person's consent warns beside
each agency that serves the person now (open tasks, or her referral's receiver): ticked, it
gets none of her data any more, so another agency may be needed — not beside the others."""

from __future__ import annotations

import re

import pytest

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, to_screening
from tests.forms.schemas import text_of

WARNING = {
    "en": "It serves the person now",
    "ru": "Сейчас оказывает помощь человеку",
    "ky": "Азыр адамга жардам берип жатат",
}


def choices(page: str) -> dict[str, str]:
    """The words of each agency offered, by its code."""
    found = re.findall(
        r'name="consent_withdrawn_from" value="(\w+)"[^>]*>(.*?)</label>', page, re.S
    )
    return {code: text_of(words) for code, words in found}


@pytest.mark.parametrize("message", ["consent_limited", "consent_withdrawn"])
def test_the_agency_serving_the_person_is_flagged_and_the_police_is_not(
    web_engine: Engine, browser: OpenBrowser, message: str
) -> None:
    case_id = to_screening(web_engine).case.id
    assert {t.agency for t in web_engine.case_tasks(case_id)} == {"ngo"}
    ngo = browser("ngo")
    for lang, warning in WARNING.items():
        ngo.post("/language", {"lang": lang, "next": "/inbox"})
        offered = choices(ngo.get(f"/cases/{case_id}/messages/{message}").text)
        assert warning in offered["ngo"], (lang, offered)
        assert warning not in offered["police"], (lang, offered)
