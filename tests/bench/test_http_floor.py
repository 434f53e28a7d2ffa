"""The HTTP floor app of the benchmark does what the real completion route's shape asks."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bench.http_floor import app


def test_floor_route_validates_its_body_and_answers_json() -> None:
    client = TestClient(app)
    ok = client.post("/api/v1/tasks/t1/complete", json={"data": {"a": 1}})
    assert ok.status_code == 200 and ok.json() == {"opened": []}
    assert client.post("/api/v1/tasks/t1/complete", json={"nodata": 1}).status_code == 422
