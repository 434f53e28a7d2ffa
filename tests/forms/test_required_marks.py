"""An asterisk means the form refuses the field empty (issue 18, review 2): the report's age,
which may be left empty when unknown (the person is then presumed a child), has none, and
the form takes it empty; the fields it does refuse empty keep theirs."""

from __future__ import annotations

import re

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser
from tests.forms.test_report_once import FORM, open_form


def _label(page: str, field: str) -> str:
    match = re.search(rf'<label for="f-{field}">(.*?)</label>', page, re.S)
    assert match is not None, field
    return match.group(1)


def _input(page: str, field: str) -> str:
    match = re.search(rf'<(?:input|select|textarea)[^>]*id="f-{field}"[^>]*>', page)
    assert match is not None, field
    return match.group(0)


def test_the_age_may_be_left_empty_and_has_no_asterisk(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    ngo = browser("ngo")
    address, token = open_form(ngo)
    page = ngo.get(address).text
    assert 'class="req"' not in _label(page, "age") and "aria-required" not in _input(page, "age")
    assert "оставьте пустым, если неизвестен" in page  # the hint says when to leave it empty
    assert 'class="req"' in _label(page, "pseudonym")
    assert 'aria-required="true"' in _input(page, "pseudonym")
    sent = ngo.post("/report", {**FORM, "age": "", "submission": token})
    assert sent.status_code == 303 and sent.headers["location"].startswith("/cases/")
    case = web_engine.get_case(sent.headers["location"].removeprefix("/cases/"))
    assert case.data["age"] is None and case.data["presumed_child"] is True


def test_a_list_of_choices_taken_with_none_ticked_says_so_instead_of_an_asterisk(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    """Review F-O: the consent to receivers is required but taken with none ticked (then she
    refused every receiver): no asterisk, and the page says what ticking nothing means."""
    step = web_engine.start_case(
        "referral",
        {"pseudonym": "Bermet", "presumed_child": False, "is_foreign": False},
        agency="police",
        actor="police",
    )
    page = browser("police").get(f"/tasks/{step.opened[0].id}").text
    group = re.search(r'<div class="field" id="field-referral_consent_receivers".*?</fieldset>',
                      page, re.S)  # fmt: skip
    assert group is not None
    assert 'class="req"' not in group.group(0)
    assert "Если ничего не отметить, ответом будет «ни одного»." in group.group(0)
    urgency = re.search(r'id="field-referral_urgency".*?</fieldset>', page, re.S)
    assert urgency is not None and 'class="req"' in urgency.group(0)  # refused empty: marked


def test_a_list_that_must_have_a_tick_keeps_its_asterisk() -> None:
    from forms.formview import build

    schema = {
        "required": ["free", "one"],
        "properties": {
            "free": {"type": "array", "items": {"enum": ["a", "b"]}},
            "one": {"type": "array", "minItems": 1, "items": {"enum": ["a", "b"]}},
        },
    }
    [section] = build(schema)
    free, one = section.fields
    assert (free.required, free.none_is_answer) == (False, True)
    assert (one.required, one.none_is_answer) == (True, False)
