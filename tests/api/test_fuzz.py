"""Schema-driven fuzzing (schemathesis) of every operation in /openapi.json: no 500s.

Bounded: a few dozen examples per operation, no shrinking past a short deadline. Requests
carry a valid token of a police caseworker and a case exists, so the fuzzer reaches the
services behind authentication, not only the 401 guard.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.api.conftest import AsUser, start_case

MAX_EXAMPLES = 25


@dataclass(frozen=True)
class Target:
    """A signed-in police caseworker and real ids the fuzzer may aim at."""

    headers: dict[str, str]
    ids: dict[str, str]


@pytest.fixture
def target(as_user: AsUser) -> Target:
    """A police caseworker's token, a case reported by border and its police task."""
    case = start_case(as_user("border"))["case"]
    ids = {"case_id": case["id"], "task_id": case["open_tasks"][0]["id"]}
    return Target(as_user("police").headers, ids)


def aim(case: schemathesis.Case, target: Target, real: bool) -> None:
    """Half the time, point path ids and the process id at things that exist."""
    if not real:
        return
    for name in case.path_parameters or {}:
        case.path_parameters[name] = target.ids.get(name, case.path_parameters[name])
    if isinstance(case.body, dict) and "process_id" in case.body:
        case.body["process_id"] = "api_case"


def test_fuzz_openapi_operations_never_answer_500(app: FastAPI, target: Target) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy(), real=st.booleans())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case, real: bool) -> None:
            aim(case, target, real)
            response = case.call(headers=target.headers)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: "
                    f"{response.text[:200]}"
                )

        check()
    assert failures == []
