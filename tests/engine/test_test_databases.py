"""The suite's PostgreSQL database: each test reads the worker's database under a URL of its
own, so a process library kept for the session never hands a test another test's parsed
version (the truncation restarts row ids; the library remembers versions by URL and row id)."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from scenario_suite.database import _named_for_this_test

URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test_gw0"


def test_two_tests_name_the_same_database_differently() -> None:
    first, second = _named_for_this_test(URL), _named_for_this_test(URL)
    assert first != second
    assert {make_url(u).database for u in (first, second)} == {"test_gw0"}
    assert make_url(first).query["application_name"].startswith("nrm-test-")
