"""Closed-loop clients: each starts a bench case over HTTP and completes its tasks one by one
(from what each response says opened), with one signed-in user per lane, until time is up.

Each client is one keep-alive HTTP/1.1 connection of the standard library's `http.client`:
clients and server share the machine's CPUs, and httpx spent about 1.5 ms of CPU a request
(http.client a fraction of that) that the server could not use."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from bench.api_report import latency_summary
from bench.engine_bench import form_data

API = "/api/v1"
LANE_USERS = ("police", "ngo", "social")
PASSWORD = "demo"
TIMEOUT = 30.0


def sign_in(http: http.client.HTTPConnection, username: str) -> dict[str, str]:
    """Authorization header of a fresh bearer token for a demo user."""
    form = urlencode({"username": username, "password": PASSWORD})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    http.request("POST", API + "/auth/token", body=form, headers=headers)
    response = http.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"sign-in of {username} failed: {response.status}")
    return {"Authorization": f"Bearer {json.loads(body)['access_token']}"}


def bpmn_id(task: Mapping[str, Any]) -> str:
    """The bench diagram's element id of a task, from its form (`bench_t5a.schema.json`)."""
    form = str(task["form"])
    return form.removeprefix("bench_").removesuffix(".schema.json")


@dataclass
class ClientStats:
    """What one client measured."""

    latencies_ms: list[float] = field(default_factory=list)
    cases: int = 0
    completions: int = 0
    errors: int = 0
    acknowledged: list[str] = field(default_factory=list)  # tasks whose completion got a 2xx


class CaseClient:
    """One closed-loop client: its own keep-alive connection and a token per lane user."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.http = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=TIMEOUT)
        self.headers = {
            user: {**sign_in(self.http, user), "Content-Type": "application/json"}
            for user in LANE_USERS
        }
        self.stats = ClientStats()

    def _post(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> Any | None:
        t0 = time.perf_counter()
        try:
            self.http.request("POST", API + path, body=json.dumps(body), headers=headers)
            response = self.http.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.http.close()  # the next request connects again
            content, response = b"", None
        self.stats.latencies_ms.append((time.perf_counter() - t0) * 1000)
        if response is None or response.status >= 300:
            self.stats.errors += 1
            return None
        return json.loads(content)

    def warm_up(self, acknowledged: list[str] | None = None) -> None:
        """Before the clock runs: the connection and the server's caches (one case); its
        acknowledged completions go to `acknowledged` if given."""
        self.run_case(0)
        if acknowledged is not None:
            acknowledged += self.stats.acknowledged
        self.stats = ClientStats()

    def run_case(self, run: int) -> bool:
        """Start one case and complete every task it opens; False on any error."""
        step = self._post("/cases", self.headers["police"], {"process_id": "bench_case"})
        while step is not None and step["opened"]:
            task = step["opened"][0]
            data = form_data(bpmn_id(task), run)
            step = self._post(
                f"/tasks/{task['id']}/complete", self.headers[task["agency"]], {"data": data}
            )
            if step is not None:
                self.stats.completions += 1
                self.stats.acknowledged.append(task["id"])
        if step is None or step["case"]["status"] != "completed":
            return False
        self.stats.cases += 1
        return True

    def loop(self, start: threading.Barrier, deadline: list[float], first_run: int) -> None:
        """Work cases until the deadline (the case in progress is finished)."""
        start.wait()
        run = first_run
        while time.perf_counter() < deadline[0]:
            self.run_case(run)
            run += 1

    def close(self) -> None:
        """Close the connection."""
        self.http.close()


def run_level(
    url: str,
    clients: int,
    seconds: float,
    probe: Callable[[], float] | None = None,
    *,
    chunks: int = 1,
    between: Callable[[], None] | None = None,
    acknowledged: list[str] | None = None,
) -> dict[str, Any]:
    """Closed loop with `clients` concurrent clients for about `seconds`; figures of the level.

    The time is run in `chunks` with the same clients; `between` (say, a slice of another
    measurement) runs after each chunk, outside the time measured. `probe` (say, the
    server's CPU seconds) is read when each chunk starts and ends; the sum of the
    differences is returned as `probe`. `acknowledged`, if given, receives the id of every
    task whose completion the server acknowledged (warm-up cases included)."""
    workers = [CaseClient(url) for _ in range(clients)]
    for w in workers:
        w.warm_up(acknowledged)
    elapsed = used = 0.0
    for chunk in range(chunks):
        barrier = threading.Barrier(clients + 1)
        deadline = [0.0]
        threads = [
            threading.Thread(
                target=w.loop,
                args=(barrier, deadline, 1000 * (i + 1) + 100_000 * chunk),
                daemon=True,
            )
            for i, w in enumerate(workers)
        ]
        for t in threads:
            t.start()
        deadline[0] = time.perf_counter() + seconds / chunks
        before = probe() if probe else 0.0
        t0 = time.perf_counter()
        barrier.wait()
        for t in threads:
            t.join(seconds + 10 * TIMEOUT)
        elapsed += time.perf_counter() - t0
        used += probe() - before if probe else 0.0
        if between is not None:
            between()
    for w in workers:
        w.close()
        if acknowledged is not None:
            acknowledged += w.stats.acknowledged
    return {**level_figures([w.stats for w in workers], elapsed), "probe": used}


def level_figures(stats: list[ClientStats], elapsed: float) -> dict[str, Any]:
    """Cases and completions per second and latency percentiles of one level."""
    latencies = [ms for s in stats for ms in s.latencies_ms]
    cases = sum(s.cases for s in stats)
    completions = sum(s.completions for s in stats)
    return {
        "cases_per_s": round(cases / elapsed, 2),
        "completions_per_s": round(completions / elapsed, 1),
        "requests": len(latencies),
        **latency_summary(latencies or [0.0]),
        "errors": sum(s.errors for s in stats),
    }
