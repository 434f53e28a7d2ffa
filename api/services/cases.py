"""Cases: start one, list the ones an agency takes part in, read one projected, history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_
from sqlmodel import Session, col, select

from api.schemas import CaseCreate, CasePublic, CasesPublic, StepPublic
from api.services import access_log, idempotency, inbox, steps, visibility
from api.services.limitation import Limitation, withdrawn_from
from api.services.limitation import limitation as dated_limitation
from api.services.policy import Caller, casework_agency, starting_agency
from api.services.shaping import case_public, task_public
from api.services.tasks import unmet_answers
from engine import casesummary
from engine.facade import Engine
from engine.facts import age_group
from engine.library import LoadedVersion
from engine.models import Case, HumanTask, TaskStatus


def start(
    *, engine: Engine, caller: Caller, body: CaseCreate, idempotency_key: str | None
) -> tuple[int, StepPublic]:
    """Start a case; the caller's agency reports it. 201 with the tasks now open. Answers to
    questions whose condition the report does not meet are left out (`tasks.unmet_answers`);
    a country beside "citizenship unknown" is refused by the form instead."""
    agency = starting_agency(caller)
    data = body.data
    if isinstance(data, dict):
        unmet = unmet_answers(engine.start_form(body.process_id), data, dict)
        data = _country_means_known(
            {name: value for name, value in data.items() if name not in unmet}
        )
    request = steps.StepRequest(
        caller=caller,
        agency=agency,
        endpoint="POST /cases",
        status_code=201,
        key=idempotency_key,
        digest=idempotency.request_hash(
            {"op": "start", "process_id": body.process_id, "data": body.data}
        )
        if idempotency_key
        else "",
    )
    return steps.run(
        engine=engine,
        request=request,
        step=lambda within: engine.start_case(
            body.process_id, data, agency=agency, actor=caller.username, within=within
        ),
    )


def _country_means_known(data: dict[str, Any]) -> dict[str, Any]:
    """A report that names the person's country but not whether her citizenship is known
    (API clients written before the question; the page always asks it): the country says it
    is known. Recorded so in the case and in its statistics, never left "not answered"."""
    if data.get("citizenship") and data.get("citizenship_status") in (None, ""):
        return {**data, "citizenship_status": "known"}
    return data


@dataclass(frozen=True)
class CaseFilter:
    """What a case list asks for: a status, cases with an overdue open task, with an open
    task claimed by a user, with an open task in an SOP, and a case number or pseudonym."""

    status: str | None = None
    overdue: bool = False
    claimed_by: str | None = None
    process_id: str | None = None
    text: str | None = None
    sort: str = "newest"  # or "oldest" (the case's age), "due" (its next deadline first)


SORTS = ("newest", "oldest", "due")
# A search reads at most this many of the agency's newest cases its text may match (by
# number, or by the pseudonym kept in the case's summary).
SEARCH_SCAN = 500


def list_visible(
    *,
    engine: Engine,
    session: Session,
    caller: Caller,
    status: str | None,
    limit: int,
    offset: int,
    filters: CaseFilter | None = None,
) -> CasesPublic:
    """Cases the caller's agency takes part in, newest first, with open tasks, no data."""
    agency = casework_agency(caller)
    filters = filters or CaseFilter(status=status)
    query = select(Case).where(visibility.takes_part(agency))
    if filters.status is not None:
        query = query.where(Case.status == filters.status)
    open_task = and_(
        col(HumanTask.case_id) == col(Case.id), col(HumanTask.status) == TaskStatus.READY
    )
    if filters.overdue:
        now = engine.clock.now()
        query = query.where(exists().where(open_task, col(HumanTask.due_at) < now))
    if filters.claimed_by:
        query = query.where(
            exists().where(open_task, col(HumanTask.claimed_by) == filters.claimed_by)
        )
    if filters.process_id:
        query = query.where(
            exists().where(
                open_task,
                col(HumanTask.process_id).in_(inbox.held_by(engine, session, filters.process_id)),
            )
        )
    if filters.sort == "due":
        next_due = (
            select(func.min(HumanTask.due_at)).where(open_task).correlate(Case).scalar_subquery()
        )
        query = query.order_by(next_due.is_(None), next_due, col(Case.created_at))
    elif filters.sort == "oldest":
        query = query.order_by(col(Case.created_at), col(Case.number))
    else:
        query = query.order_by(col(Case.created_at).desc(), col(Case.number).desc())
    text = (filters.text or "").strip()
    if text:
        cases = _search(engine, session, agency, query, text, limit + offset)[offset:]
    else:
        cases = list(session.exec(query.offset(offset).limit(limit)).all())
    open_rows = _open_tasks(session, [c.id for c in cases])
    now = engine.clock.now()
    data = []
    for case in cases:
        loaded = visibility.version_of(engine, session, case)
        tasks = [
            task_public(r, case_number=case.number, loaded=loaded, now=now)
            for r in _followed(engine, case, agency, open_rows[case.id])
        ]
        data.append(case_public(case, process_version=loaded.version.version, open_tasks=tasks))
    return CasesPublic(data=data, limit=limit, offset=offset)


def _search(
    engine: Engine, session: Session, agency: str, query: Any, text: str, wanted: int
) -> list[Case]:
    """Cases whose number contains the text (letter case aside), or whose pseudonym the
    agency may see contains it; at most `wanted`, newest first. The kept summaries are
    matched in SQL; a case no step has summarised yet is read from its workflow."""
    needle = text.casefold()
    candidates = query.where(
        or_(
            func.lower(Case.number).contains(needle, autoescape=True),
            col(Case.summary).contains(needle, autoescape=True),
            col(Case.summary).is_(None),
        )
    )
    found: list[Case] = []
    for case in session.exec(candidates.limit(SEARCH_SCAN)).all():
        if needle in case.number.casefold() or needle in _pseudonym(engine, session, case, agency):
            found.append(case)
            if len(found) >= wanted:
                break
    return found


def _pseudonym(engine: Engine, session: Session, case: Case, agency: str) -> str:
    """The case's pseudonym casefolded, if the agency may see it ('' otherwise)."""
    if case.summary is not None and not casesummary.search_key(case.summary):
        return ""  # no pseudonym kept: nothing to project
    name = _summary_data(engine, session, case, agency).get("pseudonym")
    return str(name).casefold() if name else ""


def _summary_data(engine: Engine, session: Session, case: Case, agency: str) -> dict[str, Any]:
    """The summary fields of a case the agency may see, without personal ones: from the
    kept summary, else (a case no step has summarised yet) from its workflow."""
    data = casesummary.read(case.summary)
    if data is None:
        data = engine.get_case(case.id).data
    # Personal fields are dropped whoever reads: a summary line is not access-logged.
    projection = visibility.projected_data(
        engine=engine, session=session, case=case, agency=agency, data=data, serving=()
    )
    return {k: v for k, v in projection.data.items() if k not in projection.personal}


def _followed(engine: Engine, case: Case, agency: str, tasks: list[HumanTask]) -> list[HumanTask]:
    """The open tasks of a case an agency may see: all of them, or only its own once the
    person stopped sharing her data with it (review P-2; read from the kept summary)."""
    data = casesummary.read(case.summary)
    if data is None:
        data = engine.get_case(case.id).data
    if not withdrawn_from(data, agency):
        return tasks
    return [t for t in tasks if t.agency == agency]


def limitation(
    *, engine: Engine, session: Session, caller: Caller, case: Case
) -> Limitation | None:
    """Since when the person no longer shares her data with the caller's agency, if she
    limited it (it then sees only its own later steps and open tasks, no SOP progress)."""
    agency = casework_agency(caller)
    loaded = visibility.version_of(engine, session, case)
    return dated_limitation(session, loaded, case.id, agency, engine.get_case(case.id).data)


def _open_tasks(session: Session, case_ids: list[str]) -> dict[str, list[HumanTask]]:
    """The open tasks of some cases, in one query."""
    found: dict[str, list[HumanTask]] = defaultdict(list)
    if not case_ids:
        return found
    rows = session.exec(
        select(HumanTask)
        .where(col(HumanTask.case_id).in_(case_ids), HumanTask.status == TaskStatus.READY)
        .order_by(col(HumanTask.created_at), col(HumanTask.name))
    ).all()
    for row in rows:
        found[row.case_id].append(row)
    return found


def get(*, engine: Engine, session: Session, caller: Caller, case: Case) -> CasePublic:
    """One case with its open tasks and the data the caller's agency may see (logged)."""
    agency = casework_agency(caller)
    view = engine.get_case(case.id)
    loaded = visibility.version_of(engine, session, case)
    projection = visibility.projected_data(
        engine=engine, session=session, case=case, agency=agency, data=view.data
    )
    access_log.record(
        engine=engine,
        caller=caller,
        case_id=case.id,
        fields=projection.personal,
        endpoint="GET /cases/{id}",
    )
    now = engine.clock.now()
    # once the person stopped sharing with the agency, only its own open tasks (review P-2)
    limited = withdrawn_from(view.data, agency)
    tasks = [
        task_public(t, case_number=case.number, loaded=loaded, now=now)
        for t in view.open_tasks
        if not limited or t.agency == agency
    ]
    return case_public(
        view, process_version=view.process_version, open_tasks=tasks, data=projection.data
    )


@dataclass(frozen=True)
class CaseSummary:
    """One line telling a case apart, within need to know (no personal field: a summary is
    not access-logged): who (pseudonym, child or age band), flags, where, which SOPs it is in
    now and its next deadline."""

    pseudonym: str | None
    child: bool
    age_group: str | None
    immediate_danger: bool
    region: str | None
    sops: list[str]
    next_due: datetime | None
    overdue: bool
    next_due_task: HumanTask | None = None  # the open task whose deadline next_due is
    referral_urgency: str | None = None  # "immediate": nowhere safe to sleep tonight (P3-9)


def summaries(
    *, engine: Engine, session: Session, caller: Caller, case_ids: list[str]
) -> dict[str, CaseSummary]:
    """Summary lines of some cases the caller's agency takes part in (others are skipped)."""
    agency = casework_agency(caller)
    rows = session.exec(
        select(Case).where(col(Case.id).in_(case_ids), visibility.takes_part(agency))
    ).all()
    open_rows = _open_tasks(session, [c.id for c in rows])
    now = engine.clock.now()
    found: dict[str, CaseSummary] = {}
    for case in rows:
        data = _summary_data(engine, session, case, agency)
        loaded = visibility.version_of(engine, session, case)
        tasks = _followed(engine, case, agency, open_rows[case.id])
        # an event sub-process's task is named by the SOP holding it, as the diagram is
        sops = list(dict.fromkeys(loaded.bundle.sop_of(t.process_id) for t in tasks))
        dues = [t.due_at for t in tasks if t.due_at is not None]
        pseudonym = data.get("pseudonym")
        found[case.id] = CaseSummary(
            pseudonym=str(pseudonym) if pseudonym else None,
            child=data.get("presumed_child") is True,
            age_group=age_group(data["age"]) if "age" in data else None,
            immediate_danger=data.get("immediate_danger") is True,
            region=str(data["region"]) if data.get("region") else None,
            sops=[_process_name(loaded, p) for p in sops],
            next_due=min(dues) if dues else None,
            overdue=any(d < now for d in dues),
            next_due_task=min(
                (t for t in tasks if t.due_at is not None),
                key=lambda t: t.due_at or now,
                default=None,
            ),
            referral_urgency=str(data["referral_urgency"])
            if data.get("referral_urgency")
            else None,
        )
    return found


def _process_name(loaded: LoadedVersion, process_id: str) -> str:
    definition = loaded.bundle.processes.get(process_id)
    return str(definition.name) if definition is not None and definition.name else process_id
