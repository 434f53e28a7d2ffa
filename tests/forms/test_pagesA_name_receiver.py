"""The commission's "Name another receiver" does not pre-select the receiver the case comes
back from (page review F-G): the context names it, the choice starts empty."""

from __future__ import annotations

import html
import re

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from forms import formview
from tests.forms.conftest import OpenBrowser, report_case
from tests.forms.driving import drive_until
from tests.forms.schemas import load_schema

NAME_RECEIVER = "referral_name_receiver.schema.json"
NGO = {"ru": "НКО / кризисный центр", "ky": "КЭУ / кризистик борбор", "en": "NGO / crisis centre"}
DECLINED = {
    "referral_accept.schema.json": {
        "referral_decision": "declined",
        "referral_decline_reason": "no_capacity",
    }
}


def test_the_new_receiver_is_not_pre_selected_with_the_one_that_declined(
    web_engine: Engine, clock: FakeClock, browser: OpenBrowser
) -> None:
    case_id = report_case(web_engine).case.id
    task = drive_until(web_engine, clock, case_id, NAME_RECEIVER, overrides=DECLINED)
    assert web_engine.get_case(case_id).data["referral_receiver"] == "ngo"
    commission = browser("commission")
    for lang in ("ru", "ky", "en"):
        commission.post("/language", {"lang": lang, "next": "/inbox"})
        page = commission.get(f"/tasks/{task.id}").text
        select = page[page.index('name="referral_receiver"') :]
        select = select[: select.index("</select>")] if "</select>" in select else select
        assert " selected" not in select and " checked" not in select, select
        context = page.split('id="context-title"')[1].split("</section>")[0]
        declined = {
            "ru": "Отклонить",
            "ky": "Кайра багыттоодон баш тартуу",
            "en": "Decline the referral",
        }[lang]
        assert declined in html.unescape(context), context
        said = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(context)).split())
        receiver = {"ru": "Получатель", "ky": "Кабыл алуучу", "en": "Receiver"}[lang]
        assert f"{receiver} {NGO[lang]}" in said, said  # the earlier receiver, named


def test_a_list_the_form_adds_to_starts_from_what_is_recorded() -> None:
    schema = {
        "x-context": ["receiver", "agreed"],
        "properties": {
            "receiver": {"type": "string", "oneOf": [{"const": "ngo"}, {"const": "social"}]},
            "agreed": {
                "type": "array",
                "items": {"type": "string", "oneOf": [{"const": "ngo"}, {"const": "social"}]},
            },
            "note": {"type": "string"},
        },
    }
    values = formview.initial_values(schema, {"receiver": "ngo", "agreed": ["ngo"], "note": "kept"})
    assert values == {"agreed": ["ngo"], "note": "kept"}


def test_a_field_starts_from_the_case_field_its_x_initial_names() -> None:
    """Second page review P-10: the interpreter's language starts from the person's language
    the case holds (shown in the context), still to be corrected; an answer already given
    wins."""
    schema = {
        "x-context": ["language"],
        "properties": {"interpreter_language": {"type": "string", "x-initial": "language"}},
    }
    assert formview.initial_values(schema, {"language": "uz"}) == {"interpreter_language": "uz"}
    given = {"language": "uz", "interpreter_language": "ru"}
    assert formview.initial_values(schema, given) == {"interpreter_language": "ru"}
    assert formview.initial_values(schema, {}) == {}
    # and the real form 'Arrange an interpreter' does it
    real = load_schema("identification_interpreter.schema.json")
    assert "language" in real["x-context"]
    assert formview.initial_values(real, {"language": "uz"})["interpreter_language"] == "uz"
