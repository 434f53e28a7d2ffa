"""Step hosts: the server's steps run in child processes it can kill.

Diagram code runs under a CPU budget enforced by a trace hook (engine/sandbox/deadline.py),
but a trace hook cannot stop one long C-level call (`t in [s]*900000` on long strings): it
holds the GIL, and in the server's own process every other request would wait for it. So
the server runs every step — task completion, case start, timer firing — in one of
`NRM_STEP_PROCESSES` child processes ("step hosts", spawned, each with its own database
connections, workflow cache and parsed versions). They run the same functions the server
would run in its own process (`api/services`, `Engine`); only where they run differs.

The server waits for a host's answer off the event loop and off its threads (a thread of
its own per host feeds it and reads its answer). A step that has not answered after
`NRM_STEP_TIME_LIMIT` seconds is stopped by killing its host: its database transaction dies
with the process, so nothing of it is stored. The caller gets a 422 problem naming the
element whose diagram code was running (engine/progress.py) and the limit; the case is
halted (engine/halts.py) so its timers are not fired, and stopped again, every round; a new
host is started. In each host `RLIMIT_AS` holds memory to `NRM_STEP_MEMORY_MB`, and
`RLIMIT_CPU` stops a host whose server is gone (nobody left to kill it).

Steps of one case go to the same host while it is free (its workflow cache stays warm); a
case whose host is busy goes to a free one (another host reads the case from the database).

This module is the server's side (the pool, routing, the watchdog, awaiting answers); what
runs inside a host is in api/stephost_main.py.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import pickle
import queue
import signal
import threading
import time
import zlib
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any

from api.errors import ServiceUnavailableError
from api.stephost_main import MARK_BYTES, PICKLE, StepFunction, WaitClock, host_main, read_mark
from engine.config import Settings
from engine.db import BUSY_TIMEOUT_MS
from engine.errors import NrmError, StepLimitError
from engine.facade import Engine

log = logging.getLogger("api.stephosts")

_SPAWN = multiprocessing.get_context("spawn")
# How long a new host may take to import, connect and parse the versions in use.
START_TIMEOUT_S = 120.0
# A step may wait this long for other writers' turns beyond its limit (SQLite's busy timeout).
WAIT_ALLOWANCE_S = BUSY_TIMEOUT_MS / 1000


@dataclass(frozen=True)
class Stopped:
    """A step the watchdog stopped: its case (None for a start), where, and why."""

    case_id: str | None
    process_id: str | None
    element_id: str | None
    reason: str


class StepHosts:
    """`count` step hosts built from `settings`; `engine` (the server's) records halts."""

    def __init__(self, settings: Settings, engine: Engine, count: int | None = None) -> None:
        self.engine = engine
        self.time_limit = settings.step_time_limit
        count = settings.step_processes if count is None else count
        self.hosts = [_Host(n, settings, self._stopped) for n in range(max(1, count))]

    def start(self) -> None:
        """Start every host (in the background: a step waits for its host to be ready)."""
        for host in self.hosts:
            host.start()

    def close(self) -> None:
        """Stop the hosts (a step under way is cut off; its transaction rolls back)."""
        for host in self.hosts:
            host.close()

    def submit(
        self, fn: StepFunction, kwargs: dict[str, Any], *, case_id: str | None = None
    ) -> Future[Any]:
        """Run `fn(engine=<the host's engine>, **kwargs)` in a host; its result or error."""
        return self._choose(case_id).submit(fn, kwargs, case_id)

    def run(self, fn: StepFunction, kwargs: dict[str, Any], *, case_id: str | None = None) -> Any:
        """`submit` and wait (from a thread that may block)."""
        return self.submit(fn, kwargs, case_id=case_id).result()

    def pids(self) -> list[int | None]:
        """The hosts' process ids (None: not started)."""
        return [h.pid for h in self.hosts]

    def _choose(self, case_id: str | None) -> _Host:
        if case_id is not None:
            home = self.hosts[zlib.crc32(case_id.encode()) % len(self.hosts)]
            if home.load == 0:
                return home
        return min(self.hosts, key=lambda h: h.load)

    def _stopped(self, stopped: Stopped) -> None:
        log.warning(
            "step stopped%s at %s/%s: %s",
            f" in case {stopped.case_id}" if stopped.case_id else "",
            stopped.process_id or "-",
            stopped.element_id or "-",
            stopped.reason,
        )
        if stopped.case_id is None:
            return
        try:
            self.engine.halt_case(
                stopped.case_id,
                process_id=stopped.process_id,
                element_id=stopped.element_id,
                reason=stopped.reason,
            )
        except Exception as exc:  # noqa: BLE001  (the answer must still go out)
            log.error("could not halt case %s: %s", stopped.case_id, type(exc).__name__)


@dataclass
class _Job:
    fn: StepFunction
    kwargs: dict[str, Any]
    case_id: str | None
    future: Future[Any]


class _Host:
    """One child process and the server thread that feeds it, one step at a time."""

    def __init__(self, number: int, settings: Settings, stopped: Callable[[Stopped], None]) -> None:
        self.number = number
        self.settings = settings
        self.stopped = stopped
        self.load = 0  # steps given to this host and not answered yet
        self._load_lock = threading.Lock()
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._mark = _SPAWN.RawArray(ctypes.c_char, MARK_BYTES)
        # Since when the step waits for another writer (0: it does not), and how long it
        # waited before: not counted against its limit (CLOCK_MONOTONIC is system-wide).
        self._clock = _SPAWN.RawValue(WaitClock)
        self._process: Any = None
        self._conn: Connection | None = None
        self._ready = False
        self._thread = threading.Thread(target=self._serve, name=f"nrm-step-host-{number}")
        self._thread.daemon = True

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None else None

    def start(self) -> None:
        self._spawn()
        self._thread.start()

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(10)
        self._end_process()

    def submit(self, fn: StepFunction, kwargs: dict[str, Any], case_id: str | None) -> Future[Any]:
        future: Future[Any] = Future()
        with self._load_lock:
            self.load += 1
        self._jobs.put(_Job(fn, kwargs, case_id, future))
        return future

    # --- the feeding thread ------------------------------------------------------------

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if job.future.set_running_or_notify_cancel():
                    self._run(job)
            except BaseException as exc:  # noqa: BLE001  (a caller must never wait forever)
                if not job.future.done():
                    job.future.set_exception(exc)
            finally:
                with self._load_lock:
                    self.load -= 1

    def _run(self, job: _Job) -> None:
        payload = pickle.dumps((job.fn, job.kwargs), PICKLE)
        conn = self._ready_connection()
        self._mark.value = b""
        self._clock.since, self._clock.total = 0.0, 0.0
        try:
            conn.send_bytes(payload)
            reply = self._answer(conn, time.monotonic())
        except (EOFError, OSError):
            self._fail(job, self._ended_reason())
            return
        if reply is None:
            limit = self.settings.step_time_limit
            self._fail(job, f"ran past its {limit:g} s wall-clock limit (NRM_STEP_TIME_LIMIT)")
            return
        kind, value, restart = reply
        if restart:  # a MemoryError: the host may be in no state to go on
            self._end_process()
            self._spawn()
        if kind == "ok":
            job.future.set_result(value)
        else:
            job.future.set_exception(value)

    def _answer(self, conn: Connection, sent: float) -> Any:
        """The host's answer, or None once the step ran past its limit (the time it waited
        for another writer's turn not counted, up to SQLite's busy timeout)."""
        while True:
            now = time.monotonic()
            clock = self._clock
            waited = clock.total + (now - clock.since if clock.since else 0.0)
            remaining = sent + self.settings.step_time_limit + min(waited, WAIT_ALLOWANCE_S) - now
            if remaining <= 0:
                return None
            if conn.poll(min(remaining, 0.25)):
                return pickle.loads(conn.recv_bytes())

    def _fail(self, job: _Job, reason: str) -> None:
        """Kill the host (its transaction dies with it), record, answer, start another."""
        process_id, element_id = read_mark(self._mark)
        self._end_process()
        stopped = Stopped(job.case_id, process_id, element_id, reason)
        self.stopped(stopped)
        self._spawn()
        at = f" at element {element_id!r} of {process_id!r}" if element_id else ""
        job.future.set_exception(
            StepLimitError(
                f"The step was stopped{at}: it {reason}. Nothing of it was saved"
                + (
                    "; the case's timers wait until an administrator resumes it."
                    if job.case_id
                    else "."
                ),
                element_id=element_id,
                process_id=process_id,
                case_id=job.case_id,
                limit="NRM_STEP_TIME_LIMIT",
                seconds=self.settings.step_time_limit,
            )
        )

    def _ended_reason(self) -> str:
        process = self._process
        code = None
        if process is not None:
            process.join(1)
            code = process.exitcode
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                return f"stopped the step host ({signal.Signals(-code).name})"
        return f"stopped the step host (exit code {code})"

    def _ready_connection(self) -> Connection:
        if self._process is None or not self._process.is_alive():
            self._end_process()
            self._spawn()
        conn = self._conn
        assert conn is not None
        if not self._ready:
            message = conn.recv() if conn.poll(START_TIMEOUT_S) else ("failed", "no answer")
            if message[0] != "ready":
                self._end_process()
                raise ServiceUnavailableError(
                    f"No step host could be started ({message[1]}); try again."
                )
            self._ready = True
        return conn

    def _spawn(self) -> None:
        ours, theirs = _SPAWN.Pipe(duplex=True)
        process = _SPAWN.Process(
            target=host_main,
            args=(theirs, _portable(self.settings), self._mark, self._clock),
            name=f"nrm-step-host-{self.number}",
            daemon=True,
        )
        process.start()
        theirs.close()
        self._process, self._conn, self._ready = process, ours, False

    def _end_process(self) -> None:
        process, conn = self._process, self._conn
        self._process, self._conn, self._ready = None, None, False
        if process is not None and process.is_alive():
            process.kill()
        if process is not None:
            process.join(5)
        if conn is not None:
            conn.close()


def _portable(settings: Settings) -> Settings:
    """The settings as they pickle (a mapping proxy does not)."""
    return replace(settings, params=dict(settings.params))


def fire_case(*, engine: Engine, case_id: str) -> bool:
    """Fire the due timers of one case (a step host's job); True when it moved."""
    return bool(engine.fire_due_timers(case_ids=[case_id]))


def fire_due(engine: Engine, hosts: StepHosts) -> list[str]:
    """One timer round through the hosts: each due case in one, a stopped one logged."""
    moved = []
    for case_id in engine.due_cases():
        try:
            if hosts.run(fire_case, {"case_id": case_id}, case_id=case_id):
                moved.append(case_id)
        except NrmError as exc:
            log.warning("timer in case %s failed: %s (%s)", case_id, exc.title, exc.details())
    return moved
