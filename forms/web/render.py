"""Jinja2 pages: autoescaped, every interface string through the catalogue.

Text from diagrams and forms (names, titles, help) reaches templates only as data, so
autoescaping covers it; no such text is ever compiled as a template.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from starlette.requests import Request
from starlette.responses import HTMLResponse

from api.services.policy import FIRST_RESPONDERS, STATISTICS_ROLES, Caller
from engine import codes
from forms import fielderrors, timewords
from forms.translate import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, Translator
from forms.web.session import WebSession

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
STATIC_PATH = "/static"

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@pass_context
def _moment(context: Context, value: datetime | None) -> str:
    """A moment in the page's language (`{{ task.due_at|moment }}`)."""
    return timewords.moment(value, context.get("lang") or DEFAULT_LANGUAGE)


@pass_context
def _stamp(context: Context, value: object) -> str:
    """A moment kept as ISO text (a scenario run's end) in the page's language."""
    return timewords.stamp(value, context.get("lang") or DEFAULT_LANGUAGE)


environment.filters["moment"] = _moment
environment.filters["stamp"] = _stamp
# a codes field's options: the common ones, then the rest by name
environment.globals["code_groups"] = codes.grouped
# a question named inside another's label or error, cut short (pages review 3, P3-20)
environment.globals["short"] = fielderrors.short


def session_of(request: Request) -> WebSession:
    """The session the page route loaded."""
    session: WebSession = request.state.web_session
    return session


def translator(request: Request) -> Translator:
    """The translator of the request's language (form texts show the engine's parameters)."""
    engine = getattr(request.app.state, "engine", None)
    params = engine.settings.params if engine is not None else None
    return Translator(session_of(request).lang, params)


def navigation(caller: Caller | None) -> list[tuple[str, str]]:
    """(path, message key) of the pages this user may open."""
    if caller is None:
        return []
    items: list[tuple[str, str]] = []
    if caller.roles & {"caseworker", "supervisor", "head"} and caller.agency:
        items.append(("/inbox", "nav.inbox"))
        items.append(("/cases", "nav.cases"))
        if caller.agency in FIRST_RESPONDERS:
            items.append(("/report", "nav.report"))
    if caller.roles & {"policy", "reviewer", "admin"}:
        items.append(("/library", "nav.library"))
    if caller.roles & {"reviewer", "policy"}:
        items.append(("/scenarios", "nav.scenarios"))
    if caller.roles & STATISTICS_ROLES:
        items.append(("/statistics", "nav.statistics"))
    if "admin" in caller.roles:
        items.append(("/users", "nav.users"))
    return items


def page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template for this request."""
    session = session_of(request)
    caller: Caller | None = getattr(request.state, "caller", None)
    flash = session.data.get("flash")
    if flash and status < 300:
        session.update(flash=None)
    html = environment.get_template(template).render(
        t=translator(request),
        lang=session.lang,
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        csrf=session.csrf,
        user=caller,
        nav=navigation(caller),
        path=request.url.path,
        here=_here(request),
        static=STATIC_PATH,
        flash=flash if status < 300 else None,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def _here(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")
