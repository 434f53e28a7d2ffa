"""The FastAPI application: `create_app()` (uvicorn `api.app:create_app --factory`)."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError
from starlette.responses import Response
from starlette.types import Scope

from api import problems
from api.admission import AdmissionMiddleware
from api.middleware import ApiHeadersMiddleware, BodyLimitMiddleware, UnexpectedErrorMiddleware
from api.routes import auth, cases, health, processes, statistics, tasks, users
from api.stephosts import StepHosts
from api.worker import TimerWorker
from engine.config import Settings, load_settings
from engine.deployrunner import DeploymentRunner
from engine.errors import ProductionRefusedError
from engine.facade import Engine
from forms import web
from forms.web.routing import busy_page

API_PREFIX = "/api/v1"
DEV_SECRET = Settings().secret_key
_log = logging.getLogger("nrm.api")


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The API on an engine (built from the settings when not given)."""
    if engine is None:
        engine = Engine.from_settings(settings or load_settings())
    settings = settings or engine.settings
    if settings.production and settings.secret_key == DEV_SECRET:
        raise ProductionRefusedError("Set NRM_SECRET_KEY: the development key is refused.")
    app = FastAPI(
        title="NRM agency task API",
        version="1",
        description="Agencies work the cases of the National Referral Mechanism.",
        lifespan=_lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.step_hosts = None  # started with the app (_lifespan)
    problems.install(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(UnexpectedErrorMiddleware)
    # Outermost: a request waits for its turn before anything reads its body. Twice the
    # threads in flight keep every thread fed while a request is between its hops.
    app.add_middleware(
        AdmissionMiddleware,
        in_flight=2 * settings.api_threads,
        max_queued=settings.max_queued_requests,
        refusal=_refusal,
        unqueued=health.HEALTH_PATHS,
    )
    # Outermost of all, so its headers reach every API response (a busy refusal included).
    app.add_middleware(ApiHeadersMiddleware, prefix=API_PREFIX + "/")
    # Routes are matched in order, every router's in turn (FastAPI matches an included
    # router's routes twice: to choose it, then to route within it): the busiest first.
    for module in (tasks, cases, auth, processes, statistics, users, health):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(health.router, include_in_schema=False)
    web.install(app)  # the web pages (forms/web) on the same engine and services
    return app


def _refusal(scope: Scope) -> Response:
    """A queue-full answer: problem+json for the API, a page for the web pages."""
    if scope["path"].startswith(API_PREFIX + "/"):
        return problems.unavailable("The server is busy; try again.")
    return busy_page(scope)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    # Every database call runs on these threads (never on the event loop).
    to_thread.current_default_thread_limiter().total_tokens = settings.api_threads
    app.state.database_check = health.DatabaseCheck(app.state.engine)
    # Steps run in child processes the server can kill at the wall-clock limit
    # (api/stephosts.py); with NRM_STEP_PROCESSES=0 in this process.
    hosts = None
    if settings.step_processes > 0:
        hosts = StepHosts(settings, app.state.engine)
        hosts.start()
    app.state.step_hosts = hosts
    worker = None
    if settings.inprocess_worker:
        worker = TimerWorker(app.state.engine, settings.worker_interval, hosts)
        worker.start()
    app.state.timer_worker = worker
    # Deployments run here, one at a time across every server and worker (a job each).
    runner = DeploymentRunner(app.state.engine, "server") if settings.deployment_runner else None
    if runner is not None:
        runner.start()
    app.state.deployment_runner = runner
    # The deployed versions in use are parsed now (their specs, forms and compiled scripts
    # live as long as the server), not by the first request that needs each one. A database
    # that cannot be read yet does not stop the server: /healthz says so, and each version
    # is then parsed when first needed.
    try:
        app.state.engine.load_versions()
    except SQLAlchemyError as exc:
        _log.warning("deployed versions not loaded at start-up (%s)", type(exc).__name__)
    # What exists at start-up (modules, the app, its routes and models, those versions) lives
    # as long as the server: frozen, the collector's full passes no longer walk it (a full
    # pass over a parsed library pauses every request in flight: docs/decisions/timings.md).
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # collectable again (tests start and stop many apps in one process)
        if worker is not None:
            worker.stop()
        if runner is not None:
            runner.stop()
        if hosts is not None:
            hosts.close()
