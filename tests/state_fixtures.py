"""Cases stored by a release, kept as fixtures: how they are made and run to their end.

`tests/fixtures/states/<serializer version>/` holds a SQLite database written by the release
that wrote that layout (its deployed diagrams, and open cases stopped at several points of
their path) and `cases.json`, each case's remaining steps. `make_states.py` there writes this
release's; `tests/engine/test_state_fixtures.py` upgrades every such database and runs every
case to its end, restoring it from its stored state before each step.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from scenario_suite.steps import DEFAULT_REPORT
from scenario_suite.world import fill_form

STATES = Path(__file__).parent / "fixtures" / "states"
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
MAX_STEPS = 150

# Reports that take the NRM case along different paths (the others' values: DEFAULT_REPORT).
REPORTS: dict[str, dict[str, Any]] = {
    "adult_in_kyrgyzstan": {},
    "abroad": {"location": "abroad", "region": "osh_city"},
    "child": {"pseudonym": "Bakyt-02", "age": 15, "sex": "male"},
    "foreign_citizen": {"citizenship": "UZ", "exploitation_type": "sexual"},
}


# Answers that keep a case going (consent given, a presumed victim, services accepted), as in
# features/nrm_case.feature; fields not named here get example values.
ANSWERS: dict[str, Any] = {
    "detection_channel": "consular",
    "exploitation_country": "RU",
    "return_contact_channel": "ngo",
    "return_country_of_stay": "RU",
    "return_citizenship_evidence": ["kg_id_card"],
    "return_citizenship_confirmed": True,
    "return_consent_given": True,
    "return_consent_method": "written",
    "return_consent_by": "person",
    "return_risk_level": "low",
    "return_reception_by": ["social", "ngo"],
    "return_receiving_agency": "ngo",
    "return_reception_accommodation": "shelter",
    "passport_number": "AN1234567",
    "immediate_danger": False,
    "medical_emergency": False,
    "risk_trafficker_contact": False,
    "risk_retrafficking": "low",
    "consent_informed": True,
    "consent_referral": True,
    "consent_method": "written",
    "consent_police_report": True,
    "screening_act": True,
    "screening_means": True,
    "screening_purpose": True,
    "crime_register_number": "02-2026-41",
    "crime_code_article": "171",
    "non_punishment_applies": False,
    "identification_decision": "confirmed",
    "status_decision_person_told": True,
    "proceedings_next": "verdict",
    "proceedings_outcome_person_told": True,
    "proceedings_outcome_guardian_told_how": "With the child, at the office",
    "status_decision_guardian_told": True,
    "referral_needs": ["shelter", "psychological"],
    "referral_urgency": "urgent",
    "referral_receiver": "ngo",
    "referral_consent_receivers": ["ngo"],
    "referral_consent_method": "written",
    "referral_child_views": "Wants to stay where she is safe",
    "referral_decision": "accepted",
    "assistance_shelter_provided": True,
    "rehab_needs": ["shelter", "psychological"],
    "rehab_retrafficking_risk": "low",
    "rehab_plan_person_agreed": True,
    "rehab_services_planned": ["shelter"],
    "rehab_plan_decision": "approved",
    "rehab_service_provider_role": "ngo",
    "rehab_service_funding": "state_budget",
    "rehab_service_status": "delivered",
    "rehab_review_decision": "goals_met",
    "rehab_follow_up_planned": False,
    "rehab_person_informed": True,
    # a child's closure: child protection agreed (review 4 N-14; optional for adults)
    "closure_child_protection_agreed": True,
    "closure_child_protection_officer": "Inspector, district child-protection body",
}


@dataclass(frozen=True)
class Step:
    """One step of a case: at `at`, the timers due fire; then `agency` completes `task`."""

    at: str
    agency: str | None = None
    task: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Step:
        """A step as written in cases.json."""
        return cls(**raw)

    def as_dict(self) -> dict[str, Any]:
        """The step as written in cases.json."""
        return asdict(self)


def start(engine: Engine, clock: FakeClock, report: dict[str, Any]) -> str:
    """Report a presumed victim (the police) at START; the new case's id."""
    clock.set(START)
    form = engine.start_form("nrm_case")
    data = fill_form(dict(form) if form else None, {**DEFAULT_REPORT, **report}, START.date())
    return engine.start_case("nrm_case", data, agency="police", actor="police").case.id


def drive(engine: Engine, clock: FakeClock, case_id: str) -> list[Step]:
    """Run the case to its end: an hour a step, the oldest open task completed with example
    values, timers fired when nothing is open. The steps taken."""
    steps: list[Step] = []
    while engine.get_case(case_id).status == "open":
        assert len(steps) < MAX_STEPS, f"case not finished after {MAX_STEPS} steps"
        tasks = engine.case_tasks(case_id)
        if not tasks:
            due = engine.next_timer([case_id])
            assert due is not None, "an open case with no task and no timer"
            step = Step(max(due, clock.now()).isoformat())
        else:
            task = tasks[0]
            form = engine.task_form(task.id)
            moment = clock.now() + timedelta(hours=1)
            data = answers(dict(form) if form else None, moment)
            step = Step(moment.isoformat(), task.agency, task.name, data)
        apply(engine, clock, case_id, step)
        steps.append(step)
    return steps


def answers(form: dict[str, Any] | None, moment: datetime) -> dict[str, Any]:
    """The form's fields that ANSWERS names, every date field (the step's day), and example
    values for the other required fields."""
    fields = (form or {}).get("properties") or {}
    today = moment.date()
    given = {k: today.isoformat() for k, p in fields.items() if p.get("format") == "date"}
    given.update({k: v for k, v in ANSWERS.items() if k in fields})
    return fill_form(form, given, today)


def apply(engine: Engine, clock: FakeClock, case_id: str, step: Step) -> None:
    """Take one step: move the clock, fire the case's due timers, complete the task."""
    clock.set(datetime.fromisoformat(step.at))
    engine.fire_due_timers(case_ids=[case_id])
    if step.task is None:
        return
    wanted = (step.agency, step.task)
    found = [t for t in engine.case_tasks(case_id) if (t.agency, t.name) == wanted]
    assert found, f"{step.agency} has no open task {step.task!r} in case {case_id}"
    engine.complete_task(found[0].id, step.data, actor=step.agency, agency=step.agency)
