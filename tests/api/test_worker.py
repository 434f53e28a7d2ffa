"""The in-process timer worker survives a failing round and logs no data."""

from __future__ import annotations

import logging

import pytest

from api.worker import TimerWorker
from engine.facade import Engine


def test_run_once_logs_failure_type_only_and_keeps_going(
    api_engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(limit: int = 100) -> list[str]:
        raise RuntimeError("full_name=" + "Asel")

    worker = TimerWorker(api_engine, interval=60)
    monkeypatch.setattr(api_engine, "fire_due_timers", broken)
    with caplog.at_level(logging.ERROR):
        assert worker.run_once() == []
    assert "RuntimeError" in caplog.text and "Asel" not in caplog.text
    worker.start()
    worker.stop()
    assert not worker._thread.is_alive()
