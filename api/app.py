"""The FastAPI application: `create_app()` (uvicorn `api.app:create_app --factory`)."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError

from api import problems
from api.hotpath import NrmApi
from api.middleware import BodyLimitMiddleware, UnexpectedErrorMiddleware
from api.routes import auth, cases, health, processes, statistics, tasks, users
from api.security import VerifiedTokens
from api.worker import TimerWorker
from engine.config import Settings, load_settings
from engine.db import HeldConnection, is_sqlite
from engine.errors import ProductionRefusedError
from engine.facade import Engine
from forms import web

API_PREFIX = "/api/v1"
DEV_SECRET = Settings().secret_key
# Sync routes and dependencies run in a thread pool (anyio's default: 40 threads). Request
# work is CPU-bound Python under one GIL, and SQLite writers queue with sleeping retries, so
# many threads only thrash: at 16 concurrent clients 40 threads cost twice the CPU per request
# of 2 and gave a p99 of 2 s against 0.2 s (bench/RESULTS.md). A few threads keep one slow
# request (a diagram, a deployment's scenario gate) from holding up the rest.
DEFAULT_API_THREADS = 2
_log = logging.getLogger("nrm.api")


def api_threads(environ: Mapping[str, str] | None = None) -> int:
    """Threads for sync routes and dependencies: `NRM_API_THREADS`, else 2 (at least 1)."""
    raw = (os.environ if environ is None else environ).get("NRM_API_THREADS", "").strip()
    return max(1, int(raw)) if raw else DEFAULT_API_THREADS


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The API on an engine (built from the settings when not given)."""
    if engine is None:
        engine = Engine.from_settings(settings or load_settings())
    settings = settings or engine.settings
    if settings.production and settings.secret_key == DEV_SECRET:
        raise ProductionRefusedError("Set NRM_SECRET_KEY: the development key is refused.")
    app = NrmApi(
        title="NRM agency task API",
        version="1",
        description="Agencies work the cases of the National Referral Mechanism.",
        lifespan=_lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.api_threads = api_threads()
    app.state.verified_tokens = VerifiedTokens()
    # SQLite: the connection the event loop keeps for the step requests it serves itself.
    app.state.held_connection = HeldConnection(engine.db) if is_sqlite(engine.db) else None
    problems.install(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(UnexpectedErrorMiddleware)  # added last: the outermost of ours
    # Routes are matched in order, every router's in turn (FastAPI matches an included
    # router's routes twice: to choose it, then to route within it): the busiest first.
    for module in (tasks, cases, auth, processes, statistics, users, health):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(health.router, include_in_schema=False)
    web.install(app)  # the web pages (forms/web) on the same engine and services
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    to_thread.current_default_thread_limiter().total_tokens = app.state.api_threads
    worker = None
    if settings.inprocess_worker:
        worker = TimerWorker(app.state.engine, settings.worker_interval)
        worker.start()
    app.state.timer_worker = worker
    # The deployed versions in use are parsed now (their specs, forms and compiled scripts
    # live as long as the server), not by the first request that needs each one. A database
    # that cannot be read yet does not stop the server: /healthz says so, and each version
    # is then parsed when first needed.
    try:
        app.state.engine.load_versions()
    except SQLAlchemyError as exc:
        _log.warning("deployed versions not loaded at start-up (%s)", type(exc).__name__)
    # What exists at start-up (modules, the app, its routes and models, those versions) lives
    # as long as the server: frozen, the collector's full passes no longer walk it (on the
    # bench a full pass over a parsed library took 65 ms, a pause for every request in
    # flight: the tail of the latencies at 16 clients).
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # collectable again (tests start and stop many apps in one process)
        if app.state.held_connection is not None:
            app.state.held_connection.release()
        if worker is not None:
            worker.stop()
