"""Messages and the case as it stands.

A message form's rules read the case as it stands, not the first report: a child's
withdrawal needs who withdrew (`consent_withdrawn_by`), also when the report did not say she
was a child and identification found it (pages review P3-1: the check on a withdrawing
guardian was skipped and the return ended).

A message's payload reaches the case whole, also when the case already holds an older
value of the same field: a list the person extends (the agencies she no longer shares with)
is not cut back to the earlier list. SpiffWorkflow's data merge, run when the catching event
updates, changes lists in place and cut them to the parent's length; a withdrawal after a
limitation lost the agencies it added, and the consular service she named kept seeing her
identity."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engine.errors import InvalidDataError
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


def test_a_childs_withdrawal_without_who_withdrew_is_refused_naming_the_field(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine()
    engine.deploy_library(deployed_by="test")
    report = {**REPORT, "age": 15}  # the report does not say presumed_child: the case finds it
    case_id = engine.start_case("nrm_case", report, agency="ngo", actor="ngo").case.id
    assert engine.get_case(case_id).data["presumed_child"] is True
    with pytest.raises(InvalidDataError) as refused:
        engine.deliver_message(case_id, "consent_withdrawn", WITHDRAWN, actor="ngo", agency="ngo")
    assert [e.field for e in refused.value.errors] == ["consent_withdrawn_by"]
    by_guardian = {**WITHDRAWN, "consent_withdrawn_by": "guardian"}
    engine.deliver_message(case_id, "consent_withdrawn", by_guardian, actor="ngo", agency="ngo")
    assert engine.get_case(case_id).data["consent_withdrawn_by"] == "guardian"
