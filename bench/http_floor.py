"""The HTTP floor: what one request costs the server before any of this project's work.

A FastAPI app with one synchronous route shaped like task completion (a path parameter, a
JSON body validated into a model, a small JSON answer) and nothing else, served the way the
API benchmark serves the real app (uvicorn, one worker, loopback) and driven the same way
(one keep-alive `http.client` connection). Its server CPU per request is the least any
request of the real API can cost here: the real one adds authentication, authorization, the
engine's step, projection and its answer.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
from typing import Any

from fastapi import FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class Completion(BaseModel):
    """A body like the real completion's."""

    data: dict[str, Any]


@app.get("/healthz")
def healthz() -> dict[str, str]:
    """Ready."""
    return {"status": "ok"}


@app.post("/api/v1/tasks/{task_id}/complete")
def complete(task_id: str, body: Completion) -> Response:  # noqa: ARG001
    """Accept and answer, doing nothing else."""
    return Response(b'{"opened":[]}', media_type="application/json")


def measure(seconds: float) -> dict[str, float]:
    """Server CPU per request and requests per second of the floor app at c = 1."""
    from bench import api_bench, api_server

    port = api_server.free_port()
    command = [sys.executable, "-m", "uvicorn", "bench.http_floor:app", "--port", str(port)]
    command += ["--host", "127.0.0.1", "--workers", "1", "--log-level", "warning"]
    process = subprocess.Popen(
        [*command, "--no-access-log"],
        cwd=api_server.ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        connection = _connect(port)
        body = json.dumps({"data": {f"t1_f{j}": f"note {j}: some words" for j in range(10)}})
        headers = {"Content-Type": "application/json", "Authorization": "Bearer x"}

        def post() -> None:
            connection.request("POST", "/api/v1/tasks/t/complete", body=body, headers=headers)
            connection.getresponse().read()

        for _ in range(200):
            post()
        before, t0, count = api_bench.cpu_seconds(process.pid), time.perf_counter(), 0
        while time.perf_counter() - t0 < seconds:
            post()
            count += 1
        elapsed = time.perf_counter() - t0
        used = api_bench.cpu_seconds(process.pid) - before
        connection.close()
    finally:
        process.terminate()
        process.wait(15)
    return {
        "http_floor_server_cpu_ms": round(1000 * used / count, 3),
        "http_floor_requests_per_s": round(count / elapsed, 1),
    }


def _connect(port: int, timeout: float = 30.0) -> http.client.HTTPConnection:
    deadline = time.monotonic() + timeout
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().read():
                return connection
        except OSError:
            connection.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
