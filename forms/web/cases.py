"""Cases: the list of the agency's cases, and one case with its diagram and timeline."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import EngineDep
from api.services import cases, messages, timeline, visibility
from api.services.policy import casework_agency
from engine.db import read_session
from engine.library import LoadedVersion
from engine.views import TaskView
from forms import diagramtext, fieldlabels, formview, timewords
from forms.fieldlabels import INTERNAL_FIELDS, FieldIndex
from forms.translate import Translator
from forms.web import summary
from forms.web.casedata import caught_by, delivered_rows, version_index
from forms.web.deps import CasePage, WebUser
from forms.web.messages import PERSON_MESSAGES, message_title, task_forms
from forms.web.render import page, session_of, translator
from forms.web.routing import PageRoute
from forms.web.soplabel import HEARING, takes_part_in_proceedings

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 50
# The audit action of a completed task, as its parts (a dotted literal here would read as a
# catalogue key to tests/forms/test_catalogue.py).
COMPLETED = ("task", "completed")


def _completed(action: str) -> bool:
    return tuple(action.split(".")) == COMPLETED


DECISION_WIDGETS = frozenset({"select", "radio", "yesno"})


def key_fields(index: FieldIndex, answers: Mapping[str, Any]) -> list[str]:
    """The answers that say what was decided: the form's choices (a yes/no, one option or
    several), in the form's order, every one the agency may know (`answers` is already its
    need-to-know share): a cut after the first few hid a refused police report (review F-E)."""
    chosen = []
    for name in answers:
        prop = index.get(name) or {}
        widget = formview.widget_of(prop)
        if widget in DECISION_WIDGETS or (widget == "checkboxes" and formview.choices_of(prop)):
            chosen.append(name)
    return chosen


# An open element of a drawn diagram (a task waiting, or the call holding the SOP it is in).
OPEN_SHAPE = re.compile(
    r'<g class="bpmn-(?P<kind>\w+) state-(?:ready|overdue)[^"]*" data-element-id="(?P<id>[^"]+)"'
)
GATEWAY = re.compile(r"Gateway$")


def anchor(process_id: str, element_id: str) -> str:
    """The page id of an element drawn in a case's diagram."""
    return f"at-{process_id}-{element_id}"


def mark_open(process_id: str, svg: str) -> tuple[str, list[str]]:
    """The drawing with an id on each open task or call (a link to it scrolls the diagram's
    box to it, no script), and those elements' ids in drawing order; gateways are not
    places a case waits at, so they get none."""
    found: list[str] = []

    def named(m: re.Match[str]) -> str:
        if GATEWAY.search(m["kind"]):
            return m[0]
        found.append(html.unescape(m["id"]))
        return f'{m[0]} id="{html.escape(anchor(process_id, html.unescape(m["id"])))}"'

    return OPEN_SHAPE.sub(named, svg), found


@dataclass(frozen=True)
class WhereNow:
    """A diagram's text of where the case is: its open tasks in this SOP (each a link to its
    shape), else a link to the call holding the SOP the case is in."""

    tasks: list[tuple[Any, str]]  # (open task, anchor)
    elsewhere: str | None  # anchor of an open call, when no task of this SOP is open


@dataclass(frozen=True)
class DataGroup:
    """The case data one step recorded, under the step's name: the report, or a completed
    task (its answers as it sent them, so a task done again — a service per period — keeps
    its own values), or what the procedure recorded besides (decisions, messages)."""

    kind: str  # report | task | other
    title: str
    agency: str | None
    at: datetime | None
    rows: list[tuple[str, str, bool]]


def _form_fields(loaded: LoadedVersion, form: str | None) -> list[str]:
    props = (loaded.bundle.form(form) or {}).get("properties") or {}
    return [name for name in props if name not in INTERNAL_FIELDS]


def data_groups(
    t: Translator,
    index: FieldIndex,
    loaded: LoadedVersion,
    data: Mapping[str, Any],
    *,
    case: Any,
    order: list[str],
    done: Mapping[str, TaskView],
    sent: Mapping[str, Mapping[str, Any]],
) -> list[DataGroup]:
    """The data this agency may see, grouped by the step that recorded it in the order the
    steps were done (review F-Q: one flat list, later answers overwriting earlier ones and
    "Решение" without saying which decision): the report first, then each completed task
    with the answers it sent; a personal field (never among the answers as sent) under the
    last task whose form asks it; a report's answer a later step asked again under that
    step; what no step's form asks last."""
    groups: list[DataGroup] = []
    shown: set[str] = set()
    tasks = [done[i] for i in dict.fromkeys(order) if i in done]
    asked = {task.id: _form_fields(loaded, task.form) for task in tasks}
    last_asking: dict[str, str] = {}
    for task in tasks:
        for name in asked[task.id]:
            last_asking[name] = task.id
    for task in tasks:
        answers = dict(sent.get(task.id) or {})
        fields = [f for f in asked[task.id] if f in answers]
        answered = {f: answers[f] for f in fields}
        for name in asked[task.id]:  # personal ones: the case's value, where last asked
            if name not in answered and name in data and last_asking.get(name) == task.id:
                if index.get(name, {}).get("x-personal") and name not in shown:
                    answered[name] = data[name]
        names = [f for f in asked[task.id] if f in answered]
        if not names:
            continue
        groups.append(
            DataGroup(
                "task",
                t.task_name(task.name),
                task.agency,
                task.completed_at,
                fieldlabels.rows(t, index, answered, names),
            )
        )
        shown.update(names)
    # the report: what no later step asked again (those are under the step, as it sent them)
    report = [
        f
        for f in _form_fields(loaded, loaded.definition.start_form)
        if f in data and f not in shown
    ]
    if report:
        rows = fieldlabels.rows(t, index, data, report)
        groups.insert(
            0,
            DataGroup(
                "report", t("case.data_report"), case.reporting_agency, case.created_at, rows
            ),
        )
        shown.update(report)
    rest = [f for f in data if f not in shown and f not in INTERNAL_FIELDS]
    if rest:
        rows = sorted(fieldlabels.rows(t, index, data, rest), key=lambda r: r[0].casefold())
        groups.append(DataGroup("other", t("case.data_other"), None, None, rows))
    return groups


@dataclass(frozen=True)
class Awaited:
    """What the case page says of the answers the case waits for (pages review 3, P3-10):
    what the person told us — a button for each the viewer's agency may record, the day each
    was recorded — apart from what other agencies report (a link each the viewer may record);
    what only others record is a note of who records what, never a line that reads as a fact."""

    buttons: list[tuple[str, str]]  # (message name, button's words)
    recorded: list[tuple[str, str]]  # (what she told us, the day it was last recorded)
    person_others: list[tuple[str, str]]  # (what, the agencies recording it)
    answers: list[tuple[Any, str]]  # (message, title) the viewer may record
    answers_others: list[tuple[str, str]]  # (title, the agencies recording it)


def awaited_view(
    t: Translator,
    awaited: list[Any],
    of_tasks: frozenset[str],
    history: list[Any],
    delivered: Mapping[str, timeline.Delivered],
    hearings: bool = True,
) -> Awaited:
    """The answers the case waits for, split as the case page shows them (`Awaited`); a
    court's hearing only where the person takes part in proceedings (`hearings`; P3-12: a
    case whose person refused a police report runs only the non-punishment decision)."""
    last: dict[str, datetime] = {}
    for event in history:
        name = (event.detail or {}).get("message")
        if event.action == "message.delivered" and name:
            last[str(name)] = event.at
    view = Awaited([], [], [], [], [])
    waiting = {m.name: m for m in awaited}
    for name, (label, _submit) in PERSON_MESSAGES.items():
        message = waiting.get(name)
        if message is not None and message.may_send:
            view.buttons.append((name, t(label)))
        elif message is not None:
            view.person_others.append((t(label), _agencies(t, message.senders)))
        if name in last:
            day = timewords.day(last[name].astimezone(timewords.BISHKEK).date(), t.lang)
            said = delivered.get(name)
            view.recorded.append((t.form(said.title) if said else t(label), day))
    for message in awaited:
        if message.name in PERSON_MESSAGES or (message.name == HEARING and not hearings):
            continue
        if message.may_send:
            view.answers.append((message, message_title(message, of_tasks)))
        else:
            view.answers_others.append(
                (t.form(message_title(message, of_tasks)), _agencies(t, message.senders))
            )
    return view


def _agencies(t: Translator, codes: list[str]) -> str:
    return ", ".join(t(f"agency.{code}") for code in codes)


def referral_said(data: Mapping[str, Any], agency: str, reporter: str) -> tuple[str, str] | None:
    """For the agency that referred the person (first responder or reporter), where her
    referral stands: (key of the words, receiver's code) — waiting, accepted or declined
    (P3-9: the NGO that sent her for a bed tonight sees whether anyone took her)."""
    receiver = data.get("referral_receiver")
    if agency not in (data.get("first_responder"), reporter) or not isinstance(receiver, str):
        return None
    decision = data.get("referral_decision")
    if decision == "accepted":
        return "case.referral.accepted", receiver
    if decision == "declined":
        return "case.referral.declined", receiver
    return "case.referral.waiting", receiver


@router.get("/cases")
def list_cases(
    request: Request,
    engine: EngineDep,
    caller: WebUser,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    q: Annotated[str, Query(max_length=100)] = "",
    overdue: Annotated[bool, Query()] = False,
    mine: Annotated[bool, Query()] = False,
    sop: Annotated[str, Query(max_length=255)] = "",
    sort: Annotated[str, Query(max_length=16)] = "newest",
) -> Response:
    """Cases the user's agency takes part in, newest first, each with its summary line;
    filters (overdue, claimed by me, SOP) and a search by case number or pseudonym."""
    filters = cases.CaseFilter(
        overdue=overdue,
        claimed_by=caller.username if mine else None,
        process_id=sop or None,
        text=q.strip() or None,
        sort=sort if sort in cases.SORTS else "newest",
    )
    t = translator(request)
    with read_session(engine.db) as session:
        found = cases.list_visible(
            engine=engine,
            session=session,
            caller=caller,
            status=None,
            limit=PAGE_SIZE,
            offset=offset,
            filters=filters,
        )
        lines = summary.lines(
            engine=engine,
            session=session,
            caller=caller,
            t=t,
            case_ids=[c.id for c in found.data],
        )
        sops = summary.sop_choices(engine, session, t)
    more = len(found.data) == PAGE_SIZE
    asked = {"q": q.strip(), "overdue": overdue, "mine": mine, "sop": sop, "sort": filters.sort}
    kept = urlencode(
        {k: ("true" if v is True else v) for k, v in asked.items() if v and v != "newest"}
    )
    return page(
        request,
        "cases.html",
        cases=found.data,
        summaries=lines,
        sops=sops,
        asked=asked,
        filtered=bool(kept),
        kept=("&" + kept) if kept else "",
        offset=offset,
        more=more,
        size=PAGE_SIZE,
    )


@router.get("/cases/{case_id}")
def show_case(request: Request, case: CasePage, engine: EngineDep, caller: WebUser) -> Response:
    """Status, the answers it waits for, diagram, timeline and the data this agency may
    see (access-logged)."""
    with read_session(engine.db) as session:
        public = cases.get(engine=engine, session=session, caller=caller, case=case)
        # the person stopped sharing her data with this agency: it keeps what it had (the
        # trail up to then, its own steps and tasks), not the case's later course (review P-2)
        limited = cases.limitation(engine=engine, session=session, caller=caller, case=case)
        history = timeline.history(session=session, case=case, limited=limited)
        index = version_index(engine, session, case)
        awaited = messages.awaited(engine=engine, session=session, caller=caller, case=case)
        done = [e.task_id for e in history.data if e.task_id and _completed(e.action)]
        sent = timeline.answers(
            engine=engine, session=session, caller=caller, case=case, task_ids=done
        )
        t = translator(request)
        # What each completed task was and who held it, for entries the trail names less
        # (an older event without the task's name or agency).
        done_tasks = {v.id: v for v in engine.case_tasks(case.id, status="completed")}
        # what each recorded message set, within need to know (review F-Z)
        recorded = [str((e.detail or {}).get("message") or "") for e in history.data]
        delivered = timeline.delivered(
            engine=engine, session=session, caller=caller, case=case, names=recorded
        )
        # each delivery's own values, read back from the task that caught it (P-2)
        each = timeline.delivered_each(
            engine=engine, session=session, caller=caller, case=case, tasks=caught_by(history.data)
        )
        # the green notice after an answer says what it recorded in words, as the timeline
        # does (second page review P-7), not the names of the form's fields
        flash = session_of(request).data.get("flash") or {}
        just = (
            delivered.get(str(flash.get("message")))
            if flash.get("kind") == "answered" and flash.get("case_number") == case.number
            else None
        )
        flash_said = fieldlabels.rows(t, index, just.values, list(just.values)) if just else []
        line = summary.lines(engine=engine, session=session, caller=caller, t=t, case_ids=[case.id])
        # an event sub-process's task is in the diagram of the SOP holding it (review P-1)
        sop_of = visibility.version_of(engine, session, case).bundle.sop_of
        groups = data_groups(
            t,
            index,
            visibility.version_of(engine, session, case),
            public.data or {},
            case=public,
            order=done,
            done=done_tasks,
            sent=sent.shown,
        )

    bpmn_ids = {v.id: v.bpmn_id for v in engine.case_tasks(case.id, status="ready")}
    drawn = []
    for d in [] if limited else engine.case_diagrams(case.id, names=t.form, legend=False):
        svg, open_ids = mark_open(d.process_id, diagramtext.localise(t, d.svg))
        here = [
            (task, anchor(d.process_id, bpmn_ids[task.id]))
            for task in public.open_tasks
            if sop_of(task.process_id) == d.process_id and bpmn_ids.get(task.id) in open_ids
        ]
        elsewhere = anchor(d.process_id, open_ids[0]) if open_ids and not here else None
        drawn.append((replace(d, svg=svg), WhereNow(here, elsewhere)))
    of_tasks = task_forms(engine, case)
    raw = engine.get_case(case.id).data
    caller_agency = casework_agency(caller)
    return page(
        request,
        "case.html",
        case=public,
        data_groups=groups,
        history=history.data,
        case_summary=line.get(case.id),
        due_words={
            task.id: timewords.deadline(t, task.due_at, engine.clock.now())
            for task in public.open_tasks
            if task.due_at is not None
        },
        decided={
            task_id: fieldlabels.rows(t, index, answers, key_fields(index, answers))
            for task_id, answers in sent.shown.items()
        },
        withheld=sent.withheld,
        done_tasks=done_tasks,
        flash_said=flash_said,
        messages_said=delivered_rows(t, index, history.data, delivered, each),
        awaited=awaited_view(
            t,
            awaited.items,
            of_tasks,
            history.data,
            delivered,
            hearings=takes_part_in_proceedings(raw),
        ),
        referral=referral_said(raw, caller_agency, public.reporting_agency),
        diagrams=drawn,
        limited_since=timewords.day(limited.since.astimezone(timewords.BISHKEK).date(), t.lang)
        if limited
        else None,
    )
