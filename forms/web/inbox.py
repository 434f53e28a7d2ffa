"""The agency inbox: overdue first, then by due date; a claimed-by-me filter, and for
supervisors and heads the tasks escalated to them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import EngineDep
from api.schemas import InboxStatus
from api.services.inbox import InboxFilter, Page, inbox
from api.services.policy import ESCALATION_ROLES
from engine.db import read_session
from forms import drafts, timewords
from forms.web import summary
from forms.web.deps import WebUser
from forms.web.render import page, translator
from forms.web.routing import PageRoute
from forms.web.soplabel import sop_name, task_label, words

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 50


@router.get("/inbox")
def show_inbox(
    request: Request,
    engine: EngineDep,
    caller: WebUser,
    mine: Annotated[bool, Query()] = False,
    escalated: Annotated[bool, Query()] = False,
    overdue: Annotated[bool, Query()] = False,
    sop: Annotated[str, Query(max_length=255)] = "",
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Response:
    """Open tasks of the user's agency, with deadlines and waiting times in words; for a
    supervisor or head, also the tasks escalated to them (of any agency)."""
    status = InboxStatus.ESCALATED if escalated else (InboxStatus.OVERDUE if overdue else None)
    t, now = translator(request), engine.clock.now()
    with read_session(engine.db) as session:
        found = inbox(
            engine=engine,
            session=session,
            caller=caller,
            filters=InboxFilter(
                status=status, assignee_me=mine and not escalated, process_id=sop or None
            ),
            page=Page(limit=PAGE_SIZE, cursor=cursor),
        )
        lines = summary.lines(
            engine=engine,
            session=session,
            caller=caller,
            t=t,
            case_ids=[task.case_id for task in found.data],
        )
        sops = summary.sop_choices(engine, session, t)
        # a task of an event sub-process is in the SOP holding it (review P-1)
        bundle = engine.library.latest(session, summary.ROOT_PROCESS).bundle
    drafted = drafts.task_ids(engine=engine, username=caller.username)
    rows = [
        {
            "task": task,
            "case_id": task.case_id,
            "deadline": timewords.deadline(t, task.due_at, now),
            "waited": timewords.waited(t, task.created_at, now),
            "draft": task.id in drafted,
            # what runs for this task, not only the diagram holding it (P3-12)
            "sop": words(
                t,
                task_label(bundle, task.process_id, task.form),
                sop_name(bundle, task.process_id),
            ),
        }
        for task in found.data
    ]
    # a person with nowhere safe to sleep tonight first (P3-9), the order kept otherwise
    urgent = {case_id for case_id, line in lines.items() if line.get("urgent")}
    rows.sort(key=lambda row: row["case_id"] not in urgent)
    return page(
        request,
        "inbox.html",
        rows=rows,
        mine=mine and not escalated,
        escalated=escalated,
        overdue=overdue and not escalated,
        sop=sop,
        sops=sops,
        summaries=lines,
        supervises=bool(caller.roles & ESCALATION_ROLES),
        next_cursor=found.next_cursor,
    )
