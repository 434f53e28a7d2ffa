"""A real `uvicorn api.app:create_app --factory` process on a free loopback port, for the
tests that need a server of their own (crash test, browser tests)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class UvicornServer:
    """The app in its own process on `database_url`, logging to `log`, with `environ` on top
    of the test's environment; ready when built."""

    def __init__(
        self, database_url: str, log: Path, environ: Mapping[str, str] | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "NRM_DATABASE_URL": database_url,
            "NRM_INPROCESS_WORKER": "0",
            "NRM_ENV": "development",
            **(environ or {}),
        }
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "api.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
        ]
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise AssertionError("the server did not start")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush."""
        self._end(signal.SIGKILL)

    def stop(self) -> None:
        """A normal shutdown."""
        self._end(signal.SIGTERM)

    def _end(self, sig: int) -> None:
        self.process.send_signal(sig)
        self.process.wait(10)
        self.log.close()
