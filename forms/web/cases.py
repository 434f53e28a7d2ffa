"""Cases: the list of the agency's cases, and one case with its diagram and timeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import EngineDep
from api.services import cases, messages
from engine.db import read_session
from forms import diagramtext, fieldlabels, formview, timewords
from forms.fieldlabels import FieldIndex
from forms.web import summary
from forms.web.casedata import delivered_rows, version_index
from forms.web.deps import CasePage, WebUser
from forms.web.messages import message_title
from forms.web.render import page, translator
from forms.web.routing import PageRoute

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
        history = cases.history(session=session, case=case)
        index = version_index(engine, session, case)
        awaited = messages.awaited(engine=engine, session=session, caller=caller, case=case)
        done = [e.task_id for e in history.data if e.task_id and _completed(e.action)]
        sent = cases.answers(
            engine=engine, session=session, caller=caller, case=case, task_ids=done
        )
        t = translator(request)
        # What each completed task was and who held it, for entries the trail names less
        # (an older event without the task's name or agency).
        done_tasks = {v.id: v for v in engine.case_tasks(case.id, status="completed")}
        # what each recorded message set, within need to know (review F-Z)
        recorded = [str((e.detail or {}).get("message") or "") for e in history.data]
        delivered = cases.delivered(
            engine=engine, session=session, caller=caller, case=case, names=recorded
        )
        line = summary.lines(engine=engine, session=session, caller=caller, t=t, case_ids=[case.id])

    return page(
        request,
        "case.html",
        case=public,
        data=fieldlabels.rows(t, index, public.data or {}),
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
        messages_said=delivered_rows(t, index, history.data, delivered),
        awaited=[(m, message_title(m)) for m in awaited.items],
        diagrams=[
            replace(d, svg=diagramtext.localise(t, d.svg))
            for d in engine.case_diagrams(case.id, names=t.form, legend=False)
        ],
    )
