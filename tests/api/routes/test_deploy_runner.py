"""The server's own deployment runner: a deployment asked for through the API runs on a
thread of the server, off the request threads, and the job's address shows it go by."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from engine.config import Settings
from engine.facade import Engine
from tests.api.conftest import API, AsUser
from tests.library import GATE_FIXTURES, renamed_accept_task

SHORT_FEATURES = sorted(GATE_FIXTURES.glob("*.feature"))


@pytest.fixture
def api_settings(api_settings: Settings) -> Settings:
    """The server runs deployments itself (the default; the other API tests turn it off)."""
    return replace(api_settings, deployment_runner=True)


@pytest.fixture
def api_engine(project_api_engine: Engine) -> Engine:
    """The project's library deployed (version 1 of every process)."""
    return project_api_engine


def follow(actor: Any, location: str, seconds: float = 120) -> list[dict[str, Any]]:
    """The job at `location`, read until it finished: each state seen, in order."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = actor.get(location.removeprefix(API)).json()
        if not seen or seen[-1]["state"] != job["state"]:
            seen.append(job)
        if job["state"] in ("succeeded", "failed"):
            return seen
        time.sleep(0.1)
    raise AssertionError(f"the deployment did not finish: {seen}")


@pytest.mark.gate
def test_a_deployment_runs_on_the_servers_runner_and_reports_the_failing_scenario(
    as_user: AsUser,
) -> None:
    files = [("files", ("referral.bpmn", renamed_accept_task().content))]
    files += [("files", (p.name, p.read_bytes())) for p in SHORT_FEATURES]
    response = as_user("policy").post("/processes", files=files)
    assert response.status_code == 202, response.text
    # The answer came before the gate's end: the gate did not run on the request thread.
    assert response.json()["state"] in ("queued", "running"), response.json()
    # The inbox answers while the gate runs.
    assert as_user("ngo").get("/tasks").status_code == 200
    states = follow(as_user("policy"), response.headers["location"])
    assert states[-1]["state"] == "failed"
    assert {s["state"] for s in states} <= {"queued", "running", "failed"}
    [failed] = states[-1]["report"]["gate"]["failed"]
    assert (failed["feature"], failed["step"]) == (
        "referral.feature",
        'Then the NGO has a task "Accept or decline referral"',
    )
    assert "Decide on the referral" in failed["error"]


def test_the_server_starts_a_runner_unless_turned_off(
    app: FastAPI, api_engine: Engine, api_settings: Settings
) -> None:
    with TestClient(app):
        assert app.state.deployment_runner is not None
    off = create_app(replace(api_settings, deployment_runner=False), api_engine)
    with TestClient(off):
        assert off.state.deployment_runner is None
