"""WAL checkpoints of SQLite databases, off the path of the steps.

In WAL mode a commit appends pages to the write-ahead log; a checkpoint copies them back
into the database file and syncs it to disk. SQLite's default runs a checkpoint inside the
commit that crosses 1,000 log pages: one step in ~100 then waited for two fsyncs, most of
the average commit time (docs/decisions/timings.md). SQLite's documentation suggests running
checkpoints from another thread instead; this module does that, with one daemon thread for
every SQLite file database this process has an engine on.

It changes nothing about durability: with `synchronous=NORMAL` a commit is safe from a
process crash once it is in the log, checkpointed or not. A checkpoint is PASSIVE: it never
waits for a lock and never blocks a reader or a writer. If no checkpointer runs (the thread
died, or another program writes), a writer still checkpoints once the log reaches
`SAFETY_NET_PAGES`.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import weakref
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# How often the thread checkpoints each database (at most ~10 MB of log between two, at the
# benchmark's write rate).
CHECKPOINT_EVERY_S = 0.25
# A writer's own checkpoint threshold (SQLite's default is 1,000 pages), and the size the log
# file is cut back to after a checkpoint.
SAFETY_NET_PAGES = 16_000
LOG_SIZE_LIMIT_BYTES = 64 * 1024 * 1024

PRAGMAS = (
    f"PRAGMA wal_autocheckpoint={SAFETY_NET_PAGES}",
    f"PRAGMA journal_size_limit={LOG_SIZE_LIMIT_BYTES}",
)


class Checkpointer:
    """A daemon thread that checkpoints the registered database files in turn."""

    def __init__(self, every_s: float = CHECKPOINT_EVERY_S) -> None:
        self.every_s = every_s
        self._lock = threading.Lock()
        self._users: dict[str, int] = {}  # database path -> engines using it
        self._last: dict[str, tuple[int, int, int]] = {}  # path -> last (busy, log, copied)
        self._thread: threading.Thread | None = None

    def register(self, owner: Any, path: str) -> None:
        """Checkpoint `path` for as long as `owner` (an engine) lives."""
        key = str(Path(path).resolve())
        with self._lock:
            self._users[key] = self._users.get(key, 0) + 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="nrm-wal-checkpoint", daemon=True
                )
                self._thread.start()
        weakref.finalize(owner, self._unregister, key)

    def last_result(self, path: str) -> tuple[int, int, int] | None:
        """SQLite's answer to this thread's last checkpoint of the database: (busy, pages in
        the log, pages of it copied to the database); None before the first one."""
        return self._last.get(str(Path(path).resolve()))

    def _unregister(self, key: str) -> None:
        with self._lock:
            left = self._users.get(key, 1) - 1
            if left > 0:
                self._users[key] = left
                return
            self._users.pop(key, None)
            self._last.pop(key, None)
        # Its connection is closed by the thread, the only one that uses it.

    def _run(self) -> None:
        connections: dict[str, sqlite3.Connection] = {}  # this thread's own
        while True:
            time.sleep(self.every_s)
            with self._lock:
                keys = list(self._users)
                if not keys:
                    self._thread = None
            for key in set(connections) - set(keys):
                connections.pop(key).close()
            if not keys:
                return
            for key in keys:
                try:
                    self._checkpoint(key, connections)
                except sqlite3.Error as exc:  # a removed or locked file: try again later
                    log.debug("checkpoint of %s failed: %s", key, exc)
                    conn = connections.pop(key, None)
                    if conn is not None:
                        conn.close()

    def _checkpoint(self, key: str, connections: dict[str, sqlite3.Connection]) -> None:
        conn = connections.get(key)
        if conn is None:
            if not Path(key).exists():
                return
            # mode=rw: never create a database that is not there (yet, or any more).
            conn = connections[key] = sqlite3.connect(f"file:{key}?mode=rw", uri=True, timeout=0)
            conn.isolation_level = None
        busy, log_pages, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        with self._lock:
            if key in self._users:
                self._last[key] = (busy, log_pages, copied)


CHECKPOINTER = Checkpointer()
