"""Rows read by hand-written SQL come back as the same dataclasses, date-times aware UTC."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from engine.fastsql import CASE_COLUMNS, TASK_COLUMNS, CaseRow, FastSql, TaskRow, changed


def test_row_dataclasses_take_their_fields_in_column_order() -> None:
    assert tuple(f.name for f in dataclasses.fields(CaseRow)) == CASE_COLUMNS
    assert tuple(f.name for f in dataclasses.fields(TaskRow)) == TASK_COLUMNS


@pytest.mark.parametrize("postgres", [False, True])
def test_a_task_row_comes_back_as_it_was_written(postgres: bool) -> None:
    sql = FastSql.__new__(FastSql)
    sql.postgres, sql._last_when = postgres, (None, None)
    row = TaskRow(
        id="t1", case_id="c1", process_id="p", bpmn_id="b", name="Identify", lane="l",
        agency="police", form="f.schema.json", status="ready",
        created_at=datetime(2026, 3, 1, 8, 30, 1, 250, tzinfo=UTC), due_at=None,
        claimed_by="anna", claimed_at=datetime(2026, 3, 2, tzinfo=UTC),
        completed_by=None, completed_at=None,
    )  # fmt: skip
    stored = sql.task_values(row)
    assert isinstance(stored[TASK_COLUMNS.index("created_at")], datetime if postgres else str)
    assert sql.task(stored) == row


def test_a_case_row_reads_stored_text_times_as_aware_utc() -> None:
    values = {
        "id": "c1", "number": "NRM-2026-000001", "process_id": "p", "process_version_id": 3,
        "status": "open", "outcome": None, "reporting_agency": "police", "created_by": "anna",
        "created_at": "2026-03-01 08:30:01.000250", "updated_at": "2026-03-01 09:00:00.000000",
        "closed_at": None, "serializer_version": "1.0+nrm1", "version": 4,
    }  # fmt: skip
    case = FastSql.case(FastSql.__new__(FastSql), tuple(values[c] for c in CASE_COLUMNS))
    assert case.created_at == datetime(2026, 3, 1, 8, 30, 1, 250, tzinfo=UTC)
    assert case.updated_at == datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert (case.closed_at, case.version, case.number) == (None, 4, "NRM-2026-000001")


def test_a_changed_row_is_a_new_row_like_dataclasses_replace() -> None:
    row = TaskRow(
        id="t1", case_id="c1", process_id="p", bpmn_id="b", name="n", lane=None, agency="ngo",
        form=None, status="ready", created_at=datetime(2026, 3, 1, tzinfo=UTC), due_at=None,
        claimed_by=None, claimed_at=None, completed_by=None, completed_at=None,
    )  # fmt: skip
    done = changed(row, status="completed", completed_by="anna")
    assert done == dataclasses.replace(row, status="completed", completed_by="anna")
    assert (row.status, row.completed_by, type(done)) == ("ready", None, TaskRow)


def test_read_when_gives_aware_utc_for_text_naive_and_aware_values_alike() -> None:
    """Text is parsed once per value (kept); every form gives the same aware date-time."""
    expected = datetime(2026, 3, 1, 8, 30, 1, 250, tzinfo=UTC)
    for _ in range(2):  # the second time from what was kept
        assert FastSql.read_when("2026-03-01 08:30:01.000250") == expected
        assert FastSql.read_when("2026-03-01T08:30:01.000250+00:00") == expected
    assert FastSql.read_when(expected.replace(tzinfo=None)) == expected
    assert FastSql.read_when(expected) is expected
    assert FastSql.read_when("2026-03-01 10:30:01.000250+02:00") == expected
    assert FastSql.read_when(None) is None
    with pytest.raises(ValueError):
        FastSql.read_when("not a date")
