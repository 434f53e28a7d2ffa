"""Cases: the list of the agency's cases, and one case with its diagram and timeline."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import EngineDep
from api.services import cases, messages
from engine.db import read_session
from forms import diagramtext, fieldlabels
from forms.web.casedata import version_index
from forms.web.deps import CasePage, WebUser
from forms.web.messages import message_title
from forms.web.render import page, translator
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 50


@router.get("/cases")
def list_cases(
    request: Request,
    engine: EngineDep,
    caller: WebUser,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """Cases the user's agency takes part in, newest first."""
    with read_session(engine.db) as session:
        found = cases.list_visible(
            engine=engine,
            session=session,
            caller=caller,
            status=None,
            limit=PAGE_SIZE,
            offset=offset,
        )
    more = len(found.data) == PAGE_SIZE
    return page(request, "cases.html", cases=found.data, offset=offset, more=more, size=PAGE_SIZE)


@router.get("/cases/{case_id}")
def show_case(request: Request, case: CasePage, engine: EngineDep, caller: WebUser) -> Response:
    """Status, the answers it waits for, diagram, timeline and the data this agency may
    see (access-logged)."""
    with read_session(engine.db) as session:
        public = cases.get(engine=engine, session=session, caller=caller, case=case)
        history = cases.history(session=session, case=case)
        index = version_index(engine, session, case)
        awaited = messages.awaited(engine=engine, session=session, caller=caller, case=case)
    t = translator(request)
    return page(
        request,
        "case.html",
        case=public,
        data=fieldlabels.rows(t, index, public.data or {}),
        history=history.data,
        awaited=[(m, message_title(m)) for m in awaited.items],
        diagrams=[
            replace(d, svg=diagramtext.localise(t, d.svg)) for d in engine.case_diagrams(case.id)
        ],
    )
