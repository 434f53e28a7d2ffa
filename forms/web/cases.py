"""Cases: the list of the agency's cases, and one case with its diagram and timeline (the
parts: casegroups, casediagrams, awaited)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import EngineDep
from api.services import cases, messages, timeline, visibility
from api.services.policy import casework_agency
from engine.db import read_session
from forms import diagramtext, fieldlabels, timewords
from forms.web import consentnow, summary
from forms.web.awaited import awaited_view, referral_said
from forms.web.casedata import caught_by, delivered_rows, version_index
from forms.web.casediagrams import WhereNow, anchor, mark_open
from forms.web.casegroups import data_groups, key_fields
from forms.web.deps import CasePage, WebUser
from forms.web.messages import task_forms
from forms.web.render import page, session_of, translator
from forms.web.routing import PageRoute
from forms.web.soplabel import takes_part_in_proceedings

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 50
# The audit action of a completed task, as its parts (a dotted literal here would read as a
# catalogue key to tests/forms/test_catalogue.py).
COMPLETED = ("task", "completed")


def _completed(action: str) -> bool:
    return tuple(action.split(".")) == COMPLETED


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
        limited_since=consentnow.limited_since(t, raw, limited),
        # what she withdrew or limited, to agencies she did not cut off (P4-11)
        consent_now=None if limited else consentnow.line(t, index, raw),
    )
