"""Web page fixtures: the app on the project's own process library (real forms), demo users,
and browser-like clients that sign in through the sign-in page with its CSRF token."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine as Database

from api.app import create_app
from engine.config import Settings
from engine.facade import Engine
from engine.library import ProcessLibrary
from engine.spiff.clock import FakeClock
from engine.views import StepResult
from tests.api.conftest import PASSWORD, TOKEN_MINUTES, create_users

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
REPORT: dict[str, Any] = {
    "detection_channel": "ngo_hotline",
    "detection_date": "2026-01-05",
    "detection_place": "Bus station, Bishkek",
    "region": "chui",
    "exploitation_type": "labour",
    "exploitation_country": "RU",
    "pseudonym": "Aigul",
    "full_name": "Asel Toktogulova",
    "age": 24,
    "age_certainty": "documented",
    "sex": "female",
    "citizenship_status": "known",
    "citizenship": "KG",
    "location": "in_kyrgyzstan",
    "language": "ky",
    "interpreter_needed": False,
    "immediate_danger": False,
    "medical_emergency": False,
}
SAFETY = {
    "immediate_danger": False,
    "medical_emergency": False,
    "risk_trafficker_contact": False,
    "risk_retrafficking": "low",
}
CONSENT = {
    "consent_informed": True,
    "consent_interpreter_used": False,
    "consent_referral": True,
    "consent_date": "2026-01-05",
    "consent_method": "written",
    "consent_police_report": True,
}


@pytest.fixture(scope="session")
def project_library() -> ProcessLibrary:
    """One library for the session: the project's bundle is compiled once."""
    return ProcessLibrary()


@pytest.fixture
def web_settings(settings: Settings) -> Settings:
    """No in-process timer worker nor deployment runner; sign-ins outlive the fake clock's
    jumps."""
    return replace(
        settings, inprocess_worker=False, deployment_runner=False, token_minutes=TOKEN_MINUTES
    )


@pytest.fixture
def web_engine(
    db: Database, web_settings: Settings, clock: FakeClock, project_library: ProcessLibrary
) -> Engine:
    """An engine with the project's diagrams and forms deployed, and the demo users."""
    engine = Engine(db, settings=web_settings, clock=clock, library=project_library)
    engine.deploy_library(deployed_by="test")
    create_users(db, clock.now())
    return engine


@pytest.fixture
def web_app(web_engine: Engine, web_settings: Settings) -> FastAPI:
    """The application (API and pages) on the test engine."""
    return create_app(web_settings, web_engine)


class Browser:
    """A TestClient with its own cookies, signed in through the pages."""

    def __init__(self, app: FastAPI) -> None:
        self.client = TestClient(app, follow_redirects=False)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        """GET a page."""
        return self.client.get(path, **kwargs)

    def csrf(self, path: str = "/login") -> str:
        """The CSRF token of the session, read from a page's form."""
        match = CSRF.search(self.get(path).text)
        assert match is not None, f"no CSRF token on {path}"
        return match.group(1)

    def post(self, path: str, data: Any = None, *, csrf: bool = True) -> httpx.Response:
        """POST a form, with the session's CSRF token unless told otherwise."""
        fields = list(data.items()) if isinstance(data, dict) else list(data or [])
        if csrf:
            fields.append(("csrf_token", self.csrf("/login")))
        return self.client.post(path, data=_flat(fields))

    def sign_in(self, username: str, password: str = PASSWORD) -> httpx.Response:
        """Sign in through the sign-in page."""
        response = self.post("/login", {"username": username, "password": password})
        assert response.status_code == 303, response.text
        return response


def _flat(fields: list[tuple[str, Any]]) -> dict[str, Any]:
    """Form fields as httpx wants them: repeated names as lists."""
    flat: dict[str, Any] = {}
    for name, value in fields:
        if name in flat:
            previous = flat[name] if isinstance(flat[name], list) else [flat[name]]
            flat[name] = previous + (value if isinstance(value, list) else [value])
        else:
            flat[name] = value
    return flat


@pytest.fixture
def browser(web_app: FastAPI) -> Iterator[Callable[[str | None], Browser]]:
    """Browsers per username (None: not signed in)."""
    made: list[Browser] = []

    def open_as(username: str | None = None) -> Browser:
        b = Browser(web_app)
        made.append(b)
        if username:
            b.sign_in(username)
        return b

    yield open_as
    for b in made:
        b.client.close()


def report_case(engine: Engine, agency: str = "ngo", **data: Any) -> StepResult:
    """Start an `nrm_case` with a valid report (the first task: NGO safety check)."""
    return engine.start_case("nrm_case", {**REPORT, **data}, agency=agency, actor=agency)


def to_screening(engine: Engine) -> StepResult:
    """A case reported by the NGO, safety and consent done: the NGO screens indicators."""
    step = report_case(engine)
    step = engine.complete_task(step.opened[0].id, SAFETY, actor="ngo", agency="ngo")
    return engine.complete_task(step.opened[0].id, CONSENT, actor="ngo", agency="ngo")


OpenBrowser = Callable[[str | None], Browser]


ShortBrowser = Callable[[str, int], Browser]


@pytest.fixture
def short_browser(web_engine: Engine, web_settings: Settings) -> ShortBrowser:
    """A browser signed in on an app whose tokens last the given minutes."""

    def open_as(username: str, minutes: int = 10) -> Browser:
        settings = replace(web_settings, token_minutes=minutes)
        b = Browser(create_app(settings, web_engine))
        b.sign_in(username)
        return b

    return open_as
