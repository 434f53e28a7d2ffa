"""Errors as problem+json: routing errors, validation, unexpected failures."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.problems import problem_type
from tests.api.conftest import API, PROBLEM_JSON, AsUser


def test_problem_type_is_kebab_case_of_title() -> None:
    assert problem_type("Task claimed by someone else").endswith("/task-claimed-by-someone-else")
    assert problem_type("???").endswith("/problem")


def test_unknown_route_is_404_problem(client: TestClient) -> None:
    response = client.get(API + "/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    assert set(response.json()) >= {"type", "title", "status", "detail"}


def test_wrong_method_is_405_problem(client: TestClient) -> None:
    response = client.delete(API + "/tasks")
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM_JSON


def test_invalid_query_is_422_naming_the_field(as_user: AsUser) -> None:
    response = as_user("police").get("/tasks", params={"limit": "many"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "limit"


def test_unexpected_error_is_500_problem_without_internals_or_data_in_logs(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    value = "".join(["As", "el"])

    def boom() -> None:
        raise RuntimeError(f"full_name={value}")

    app.add_api_route("/boom", boom)
    with caplog.at_level(logging.ERROR), TestClient(app) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM_JSON
    assert "Asel" not in response.text and "RuntimeError" not in response.text
    assert "RuntimeError" in caplog.text
    assert "Asel" not in caplog.text


def test_405_lists_every_method_the_path_takes_in_allow(client: TestClient) -> None:
    response = client.delete(API + "/processes")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"  # two routes share the path
    assert client.put(API + "/processes/referral/migration").headers["allow"] == "GET, POST"
    assert client.delete(API + "/tasks").headers["allow"] == "GET"


def test_every_api_operation_documents_400(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    missing = [
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if path.startswith(API) and "400" not in operation["responses"]
    ]
    assert missing == []
