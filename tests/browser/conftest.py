"""Browser tests: a real uvicorn server on a fresh SQLite database (migrated, demo users,
the project's library deployed) driven by Debian's Chromium through Playwright.

Skipped, with a clear line in the summary, only when no Chromium executable exists
(NRM_CHROMIUM, default /usr/bin/chromium). Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import delete

from engine.config import load_settings
from engine.db import make_engine, write_session
from engine.facade import Engine
from engine.migrate import upgrade
from forms.models import ReportDraft
from tests.api.conftest import PASSWORD, create_users
from tests.uvicorn_server import UvicornServer

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path(os.environ.get("NRM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SKIP_REASON = f"browser tests skipped: no chromium at {CHROMIUM}"


class LiveServer:
    """`uvicorn api.app:create_app --factory` on a loopback port, and an engine on its database."""

    def __init__(self, folder: Path) -> None:
        self.database_url = f"sqlite:///{folder / 'browser.db'}"
        db = make_engine(self.database_url)
        upgrade(db)
        self.engine = Engine(
            db, settings=replace(load_settings({}), database_url=self.database_url)
        )
        self.engine.deploy_library(deployed_by="test")
        create_users(db, self.engine.clock.now())
        # Deployment jobs are run by the tests (with a gate of their choosing), never by
        # the server's runner behind their back.
        self.server = UvicornServer(
            self.database_url, folder / "server.log", {"NRM_DEPLOYMENT_RUNNER": "0"}
        )
        self.url = self.server.url

    def stop(self) -> None:
        """Stop the server."""
        self.server.stop()
        self.engine.db.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for the browser tests."""
    server = LiveServer(tmp_path_factory.mktemp("browser"))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def no_kept_reports(request: pytest.FixtureRequest) -> None:
    """The server lives for the session: a report an earlier test's refused send kept for its
    user (forms/drafts.py) would fill that user's next report form; each test starts without."""
    if "live_server" not in request.fixturenames:
        return
    server: LiveServer = request.getfixturevalue("live_server")
    with write_session(server.engine.db) as session:
        session.exec(delete(ReportDraft))
        session.commit()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright (never a downloaded browser build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium: Any, live_server: LiveServer) -> Iterator[Any]:
    """Open a page in a fresh browser context (own cookies), optionally phone-sized."""
    contexts: list[Any] = []

    def open_page(width: int = 1280, height: int = 900, *, bypass_csp: bool = False) -> Any:
        context = chromium.new_context(
            viewport={"width": width, "height": height},
            base_url=live_server.url,
            locale="ru-RU",
            bypass_csp=bypass_csp,  # a test's own script (axe-core) injected into the page
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page: Any, username: str) -> None:
    """Sign in through the sign-in page."""
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(lambda url: "/login" not in url)


def screenshot(page: Any, name: str, *, full_page: bool = True) -> None:
    """Save a screenshot under tests/artifacts/ for people to look at (long pages: the top)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page, timeout=30_000)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say clearly when the browser tests did not run."""
    if not CHROMIUM.exists():
        terminalreporter.write_line(SKIP_REASON, yellow=True)
