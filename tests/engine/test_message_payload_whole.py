"""A message's payload reaches the case whole, also when the case already holds an older
value of the same field: a list the person extends (the agencies she no longer shares with)
is not cut back to the earlier list. SpiffWorkflow's data merge, run when the catching event
updates, changes lists in place and cut them to the parent's length; a withdrawal after a
limitation lost the agencies it added, and the consular service she named kept seeing her
identity."""

from __future__ import annotations

from collections.abc import Callable

from engine.facade import Engine
from tests.forms.conftest import CONSENT, REPORT, SAFETY

LIMITED = {
    "consent_withdrawn_on": "2026-01-06",
    "consent_withdrawn_from": ["police"],
    "consent_police_report_withdrawn": True,
}
WITHDRAWN = {
    "consent_withdrawn_scope": ["help"],
    "consent_withdrawn_on": "2026-01-09",
    "consent_withdrawn_from": ["police", "consular"],
    "consent_still_agrees_to_help": True,
}


def test_a_withdrawal_after_a_limitation_keeps_every_agency_it_names(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine()
    engine.deploy_library(deployed_by="test")
    step = engine.start_case("nrm_case", REPORT, agency="ngo", actor="ngo")
    step = engine.complete_task(step.opened[0].id, SAFETY, actor="ngo", agency="ngo")
    case_id = engine.complete_task(step.opened[0].id, CONSENT, actor="ngo", agency="ngo").case.id
    engine.deliver_message(case_id, "consent_limited", LIMITED, actor="ngo", agency="ngo")
    assert engine.get_case(case_id).data["consent_withdrawn_from"] == ["police"]
    payload = {**WITHDRAWN, "consent_withdrawn_from": ["police", "consular"]}
    engine.deliver_message(case_id, "consent_withdrawn", payload, actor="ngo", agency="ngo")
    data = engine.get_case(case_id).data
    assert data["consent_withdrawn_from"] == ["police", "consular"]
    assert data["consent_withdrawn_on"] == "2026-01-09"
    assert payload["consent_withdrawn_from"] == ["police", "consular"]  # the caller's, untouched
