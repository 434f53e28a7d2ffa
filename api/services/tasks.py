"""One task: read it with its form and the data the form needs; claim, release, assign,
complete."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jsonschema import Draft202012Validator
from sqlmodel import Session, col, select

from api.schemas import StepPublic, TaskDetail, TaskPublic
from api.services import access_log, idempotency, limitation, steps, visibility
from api.services.inbox import escalation_marks
from api.services.policy import Caller, casework_agency, supervising_agency
from api.services.shaping import task_public
from engine.agencies import DYNAMIC_LANES, resolve_lane
from engine.claims import ASSIGNABLE_ROLES
from engine.db import read_session
from engine.errors import OverrideNotConfirmedError
from engine.facade import Engine
from engine.forms import read_only_fields
from engine.models import Case, HumanTask, User
from engine.views import CaseRow, TaskRow, TaskView


def detail(
    *, engine: Engine, session: Session, caller: Caller, task: TaskRow, case: CaseRow
) -> TaskDetail:
    """The task, its form's JSON Schema and the case data that form needs (logged)."""
    agency = casework_agency(caller)
    loaded = visibility.version_of(engine, session, case)
    schema = loaded.bundle.form(task.form)
    data = engine.task_data(case.id, task.id)
    projection = visibility.form_data(
        engine=engine, session=session, case=case, agency=agency, form=task.form, data=data
    )
    access_log.record(
        engine=engine,
        caller=caller,
        case_id=case.id,
        fields=projection.personal,
        endpoint="GET /tasks/{id}",
        task_id=task.id,
    )
    public = task_public(
        task,
        case_number=case.number,
        loaded=loaded,
        now=engine.clock.now(),
        escalation=escalation_marks(session, [task.id]).get(task.id),
    )
    return TaskDetail(
        **public.model_dump(),
        form_schema=dict(schema) if schema is not None else None,
        data=projection.data,
    )


def unmet_answers(
    schema: Mapping[str, Any] | None,
    data: Mapping[str, Any],
    known: Callable[[], Mapping[str, Any]],
) -> list[str]:
    """The answers in `data` to questions the form asks only on a condition (a field its
    `if`/`then` or `else` requires, never required on its own) whose condition is not met
    by the answers, the form's `readOnly` fields taken from `known()` (the task's own data,
    read only when the form has rules and such fields):
    a decline reason beside "accept", a child's views on an adult's referral (page review
    F-H). They contradict the answer they depend on, so the record and the statistics
    must not keep them."""
    rules = [r for r in [schema or {}, *((schema or {}).get("allOf") or [])] if "if" in r]
    if not schema or not rules:
        return []
    always = set(schema.get("required") or [])
    fixed = read_only_fields(schema)
    task_data = known() if fixed else {}
    answers = {**data, **{n: task_data[n] for n in fixed if n in task_data}}
    asked: set[str] = set()  # fields some rule asks for
    needed: set[str] = set()  # fields a rule whose condition holds asks for
    judged: set[str] = set()  # fields a rule whose condition holds says what they may hold
    for rule in rules:
        condition = rule.get("if")
        if not isinstance(condition, Mapping):
            continue
        holds = Draft202012Validator(condition).is_valid(answers)
        for branch, when in (("then", True), ("else", False)):
            made = (rule.get(branch) or {}).get("required") or ()
            asked |= set(made)
            if holds is when:
                needed |= set(made)
                judged |= set((rule.get(branch) or {}).get("properties") or ())
    # an answer the holding branch rules on (a country beside "citizenship not known") is
    # the form's to refuse, naming both questions, never dropped unseen (pages review 3, P3-3)
    return [name for name in data if name in asked - needed - always - judged]


def case_roles(*, engine: Engine, case_id: str) -> dict[str, str]:
    """The roles of a case a choice may name (`receiver`: the agency serving the person,
    `first_responder`, ...) and the agency holding each now, resolved as the engine resolves
    its dynamic lanes; a page names that agency beside the choice (page review F-P, F-R)."""
    data = engine.get_case(case_id).data
    params = engine.settings.params
    found = {code: resolve_lane(f"lane_{code}", data, params) for code in DYNAMIC_LANES}
    return {code: agency for code, agency in found.items() if agency}


def without_police_report(*, engine: Engine, session: Session, task_id: str, case_id: str) -> bool:
    """True when a deciding lane's task (the status decision, its review) decides about an
    adult who did not consent to a police report or withdrew it, or who withdrew consent to
    share her data with the task's agency (`consent_withdrawn_from`): the police and the
    deciding authority then work on pseudonymised data and the decision is about status only
    (brief §7 rule 2), which the page says (page review F-B). Nothing about who she is."""
    row = session.exec(
        select(HumanTask.lane, HumanTask.agency).where(HumanTask.id == task_id)
    ).first()
    if row is None or row[0] not in visibility.DECIDING_LANES:
        return False
    data = engine.get_case(case_id).data
    withdrawn = data.get(limitation.CONSENT_WITHDRAWN_FROM)
    # consent to share with this agency withdrawn later, from the case page (review P-3)
    if isinstance(withdrawn, list) and row[1] in withdrawn:
        return True
    return not visibility.police_may_know(data)


def claim(*, engine: Engine, caller: Caller, task: TaskRow) -> TaskPublic:
    """Take a task of one's agency (claiming it again is harmless)."""
    agency = casework_agency(caller)
    view = engine.claim_task(task.id, actor=caller.username, agency=agency)
    return _public(engine, view)


def release(*, engine: Engine, caller: Caller, task: TaskRow) -> TaskPublic:
    """Return a task to the agency inbox (its claimant, or a supervisor of the agency)."""
    agency = casework_agency(caller)
    view = engine.release_task(
        task.id, actor=caller.username, agency=agency, override_claim=caller.is_supervisor
    )
    return _public(engine, view)


def assign(*, engine: Engine, caller: Caller, task: TaskRow, username: str) -> TaskPublic:
    """Give a task of the agency to one of its caseworkers (supervisors only; audited)."""
    agency = supervising_agency(caller, "Only supervisors assign tasks.")
    view = engine.assign_task(task.id, assignee=username, actor=caller.username, agency=agency)
    return _public(engine, view)


def assignable(*, session: Session, agency: str | None) -> list[str]:
    """The usernames a task of this agency may be given to: its active caseworkers,
    supervisors and heads."""
    users = session.exec(
        select(User).where(col(User.agency) == agency, col(User.active).is_(True))
    ).all()
    return sorted(u.username for u in users if set(u.roles) & ASSIGNABLE_ROLES)


def complete(
    *,
    engine: Engine,
    caller: Caller,
    task: TaskRow,
    data: dict[str, Any],
    idempotency_key: str | None,
    confirm_override: bool = False,
) -> tuple[int, StepPublic]:
    """Complete a task with form data (validated by the engine against the form), without
    the answers to questions whose condition the answers do not meet (`unmet_answers`). A
    supervisor completing a task someone else claimed must confirm it (else 409 naming the
    claimant); the engine checks the claim again under the case's lock."""
    agency = casework_agency(caller)
    override = caller.is_supervisor and confirm_override
    sent = data
    unmet = unmet_answers(
        engine.task_form(task.id), data, lambda: engine.task_data(task.case_id, task.id)
    )
    data = {name: value for name, value in data.items() if name not in unmet}
    if task.claimed_by not in (None, caller.username) and caller.is_supervisor and not override:
        raise OverrideNotConfirmedError(
            f"Task {task.name!r} is claimed by {task.claimed_by}. Complete it in their place "
            "with confirm_override (they will see it in the case history), or assign it.",
            task_id=task.id,
            claimed_by=task.claimed_by,
        )
    request = steps.StepRequest(
        caller=caller,
        agency=agency,
        endpoint="POST /tasks/{id}/complete",
        status_code=200,
        key=idempotency_key,
        digest=idempotency.request_hash(
            {"op": "complete", "task_id": task.id, "data": sent}
            | ({"override": True} if override else {})
        )
        if idempotency_key
        else "",
    )
    return steps.run(
        engine=engine,
        request=request,
        step=lambda within: engine.complete_task(
            task.id,
            data,
            actor=caller.username,
            agency=agency,
            override_claim=override,
            within=within,
        ),
    )


def _public(engine: Engine, view: TaskView) -> TaskPublic:
    with read_session(engine.db) as session:
        case = session.get(Case, view.case_id)
        assert case is not None
        loaded = visibility.version_of(engine, session, case)
        mark = escalation_marks(session, [view.id]).get(view.id)
    return task_public(
        view, case_number=view.case_number, loaded=loaded, now=engine.clock.now(), escalation=mark
    )
