"""Inside a step host (api/stephosts.py starts it): its engine, its limits, its loop.

The host builds its own engine (database connections, workflow cache, parsed versions),
holds its memory to `NRM_STEP_MEMORY_MB` (`RLIMIT_AS`) and, before each step, its CPU to
twice the step's wall-clock limit (`RLIMIT_CPU`: only reached when no server is left to kill
it). It runs each step sent through the pipe and sends back its result or error, pickled.
While diagram code runs, the element's id is written to memory shared with the server
(`_SharedMark`), so the server can name it after killing the host; so is how long the step
waited for another writer's turn (not counted against its limit).
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import logging
import os
import pickle
import resource
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from types import MappingProxyType
from typing import Any

from engine import progress
from engine.config import Settings
from engine.db import make_engine, pool_options
from engine.errors import NrmError, StepLimitError
from engine.facade import Engine

log = logging.getLogger("api.stephosts")

# Bytes of the shared mark: "<process id>\n<element id>" of the code running now.
MARK_BYTES = 600
PICKLE = pickle.HIGHEST_PROTOCOL

StepFunction = Callable[..., Any]


class WaitClock(ctypes.Structure):
    _fields_ = [("since", ctypes.c_double), ("total", ctypes.c_double)]  # noqa: RUF012


def read_mark(buffer: Any) -> tuple[str | None, str | None]:
    """The process id and element id in a shared mark (None: none written)."""
    where = buffer.value.decode("utf-8", "replace")
    process_id, _, element_id = where.partition("\n")
    return process_id or None, element_id or None


class _SharedMark(progress.Mark):
    """The element whose code runs now, written where the server reads it after a kill."""

    def __init__(self, buffer: Any, clock: Any) -> None:
        self.buffer = buffer
        self.clock = clock

    def enter(self, process_id: str, element_id: str) -> None:
        self.buffer.value = f"{process_id}\n{element_id}".encode()[: MARK_BYTES - 1]

    def leave(self) -> None:
        self.buffer.value = b""

    def waiting(self, now: bool) -> None:
        clock = self.clock
        if now:
            clock.since = time.monotonic()
        elif clock.since:
            clock.total += time.monotonic() - clock.since
            clock.since = 0.0


def host_main(conn: Connection, settings: Settings, mark: Any, clock: Any) -> None:
    """A step host: build an engine, then run steps until the server closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the server stops its hosts
    settings = replace(settings, params=MappingProxyType(dict(settings.params)))
    try:
        _limit_memory(settings.step_memory_mb)
        db = make_engine(settings.database_url, **pool_options(1))
        engine = Engine(db, settings=settings)
        progress.install(_SharedMark(mark, clock))
        engine.load_versions()
        # Every step function lives in a module the app imports: imported now, not by the
        # first step sent here (a second of imports counted against its time limit).
        importlib.import_module("api.app")
    except BaseException as exc:  # noqa: BLE001  (said to the server, which answers 503)
        conn.send(("failed", type(exc).__name__))
        return
    conn.send(("ready", os.getpid()))
    gc.freeze()  # the modules and parsed versions live as long as the host
    while True:
        try:
            fn, kwargs = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return  # the server is gone
        _limit_cpu(settings.step_time_limit)
        conn.send_bytes(_answer(fn, kwargs, engine, mark))


def _answer(fn: StepFunction, kwargs: dict[str, Any], engine: Engine, mark: Any) -> bytes:
    restart = False
    try:
        reply: tuple[str, Any, bool] = ("ok", fn(engine=engine, **kwargs), False)
    except MemoryError:
        process_id, element_id = read_mark(mark)
        limit = engine.settings.step_memory_mb
        error = StepLimitError(
            f"The step ran out of its {limit} MB of memory (NRM_STEP_MEMORY_MB)"
            + (f" at element {element_id!r}" if element_id else "")
            + "; nothing of it was saved.",
            element_id=element_id,
            process_id=process_id,
            limit="NRM_STEP_MEMORY_MB",
        )
        reply, restart = ("error", error, True), True
    except BaseException as exc:  # noqa: BLE001  (every failure goes back to the server)
        if not isinstance(exc, NrmError):
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error("step failed in a step host: %s\n%s", type(exc).__name__, frames)
        reply = ("error", exc, False)
    try:
        return pickle.dumps(reply, PICKLE)
    except Exception:  # noqa: BLE001  (an error that does not pickle: its type goes back)
        kind = type(reply[1]).__name__
        fallback = RuntimeError(f"{kind} in a step host") if reply[0] == "error" else None
        return pickle.dumps(("error", fallback or RuntimeError("unpicklable answer"), restart))


def _limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        size = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))


def _limit_cpu(time_limit: float) -> None:
    """SIGXCPU once this step used twice its wall-clock limit of CPU: only reached when no
    server is left to kill the host at the limit."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime + 2 * time_limit) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY or soft < hard:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
