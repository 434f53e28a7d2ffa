"""SpiffWorkflow's log records never carry case data (engine/spiff/__init__.py)."""

from __future__ import annotations

import logging

import pytest

from engine.facade import Engine
from tests.engine.test_cases import start_simple


def test_spiff_records_hold_no_case_data(
    simple_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger at DEBUG, as a verbose deployment may be
    started = start_simple(simple_engine, full_name="Jyldyz Secret")
    simple_engine.complete_task(
        started.opened[0].id,
        {"screening_result": "presumed_victim", "screening_date": "2026-03-01"},
        actor="police",
        agency="police",
    )
    for record in caplog.records:
        assert "Jyldyz" not in repr(record.__dict__), record.name
    assert logging.getLogger("spiff.task").level == logging.WARNING
    assert logging.getLogger("spiff.workflow").level == logging.WARNING
