"""The web pages, installed on the API's FastAPI app: `install(app)`."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from forms.scenario_runner import ScenarioRunner
from forms.web import (
    auth,
    cases,
    inbox,
    library,
    library_versions,
    messages,
    scenarios,
    start,
    statistics,
    tasks,
    users,
)
from forms.web.render import STATIC_PATH

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"


def install(app: FastAPI) -> None:
    """Add the pages and the stylesheet to the app (same engine, same services)."""
    for module in (
        auth,
        inbox,
        tasks,
        messages,
        cases,
        start,
        library,
        library_versions,
        scenarios,
        statistics,
        users,
    ):
        app.include_router(module.router)
    app.state.scenario_runner = ScenarioRunner()
    app.mount(STATIC_PATH, StaticFiles(directory=STATIC_DIR), name="static")
