"""The hand-written SQL: its column lists are the tables', and its rows come back as the same
dataclasses, date-times aware UTC."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from sqlmodel import SQLModel

from engine import rowsql
from engine.driversql import DriverSql
from engine.rowsql import (
    CASE_COLUMNS,
    FACT_COLUMNS,
    TASK_COLUMNS,
    TIMER_COLUMNS,
    TOKEN_COLUMNS,
    TOKEN_USER_COLUMNS,
    CaseRow,
    FactRow,
    TaskRow,
    TimerRow,
    TokenRow,
    changed,
)


def test_row_dataclasses_take_their_fields_in_column_order() -> None:
    """The column lists come from the tables: a column added to `Case`, `HumanTask`, `Timer`
    or `CaseFact` fails here until CaseRow / TaskRow / TimerRow / FactRow carry it (and the
    step that writes the row then must give it a value)."""
    assert tuple(f.name for f in dataclasses.fields(CaseRow)) == CASE_COLUMNS
    assert tuple(f.name for f in dataclasses.fields(TaskRow)) == TASK_COLUMNS
    assert tuple(f.name for f in dataclasses.fields(TimerRow)) == TIMER_COLUMNS
    assert tuple(f.name for f in dataclasses.fields(FactRow)) == FACT_COLUMNS


@pytest.mark.parametrize("postgres", [False, True])
def test_a_task_row_comes_back_as_it_was_written(postgres: bool) -> None:
    sql = DriverSql.__new__(DriverSql)
    sql.postgres, sql._last_when = postgres, (None, None)
    row = TaskRow(
        id="t1", case_id="c1", process_id="p", bpmn_id="b", name="Identify", lane="l",
        agency="police", form="f.schema.json", status="ready",
        created_at=datetime(2026, 3, 1, 8, 30, 1, 250, tzinfo=UTC), due_at=None,
        claimed_by="anna", claimed_at=datetime(2026, 3, 2, tzinfo=UTC),
        completed_by=None, completed_at=None,
    )  # fmt: skip
    stored = rowsql.values(sql, row)
    assert isinstance(stored[TASK_COLUMNS.index("created_at")], datetime if postgres else str)
    assert rowsql.task_row(stored) == row


def test_a_case_row_reads_stored_text_times_as_aware_utc() -> None:
    values = {
        "id": "c1", "number": "NRM-2026-000001", "process_id": "p", "process_version_id": 3,
        "status": "open", "outcome": None, "reporting_agency": "police", "created_by": "anna",
        "created_at": "2026-03-01 08:30:01.000250", "updated_at": "2026-03-01 09:00:00.000000",
        "closed_at": None, "serializer_version": "1.0+nrm1", "version": 4, "summary": None,
    }  # fmt: skip
    case = rowsql.case_row(tuple(values[c] for c in CASE_COLUMNS))
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
        assert DriverSql.read_when("2026-03-01 08:30:01.000250") == expected
        assert DriverSql.read_when("2026-03-01T08:30:01.000250+00:00") == expected
    assert DriverSql.read_when(expected.replace(tzinfo=None)) == expected
    assert DriverSql.read_when(expected) is expected
    assert DriverSql.read_when("2026-03-01 10:30:01.000250+02:00") == expected
    assert DriverSql.read_when(None) is None
    with pytest.raises(ValueError):
        DriverSql.read_when("not a date")


def test_every_hand_written_column_list_matches_its_table() -> None:
    """A column added to a table the hand-written SQL reads or writes fails here until the
    statement (and its row type) carries it too; only keys the database fills are left out."""
    from api.models import AccessRecord, ApiToken
    from engine import trail
    from engine.escalations import ESCALATION_COLUMNS
    from engine.models import AuditEvent, CaseFact, Escalation, Timer, User

    def columns(model: type[SQLModel]) -> set[str]:
        return {c.name for c in model.__table__.columns}  # type: ignore[attr-defined]

    assert set(TIMER_COLUMNS) == columns(Timer)
    assert set(FACT_COLUMNS) == columns(CaseFact)
    assert set(ESCALATION_COLUMNS) | {"id"} == columns(Escalation)
    chained = {"id", "prev_hash", "hash"}
    assert set(trail.COLUMNS["audit_event"]) | chained == columns(AuditEvent)
    assert set(trail.COLUMNS["access_record"]) | chained == columns(AccessRecord)
    # A token's row reads what authentication needs, not its bookkeeping.
    assert set(TOKEN_COLUMNS) == columns(ApiToken) - {"id", "user_id", "created_at"}
    assert set(TOKEN_USER_COLUMNS) == columns(User) - {"password_hash", "created_at"}
    assert [f.name for f in dataclasses.fields(TokenRow)] == [
        *TOKEN_COLUMNS,
        "user_id",
        *TOKEN_USER_COLUMNS[1:],
    ]


def test_the_step_statements_name_every_column_of_the_rows_they_write() -> None:
    """An insert carries a placeholder per column of its row (derived from the table), and an
    upsert of a fact sets every column but its key."""
    for statement, columns in (
        (rowsql.INSERT_CASE, (*CASE_COLUMNS, "state")),
        (rowsql.INSERT_TASK, TASK_COLUMNS),
        (rowsql.INSERT_TIMER, TIMER_COLUMNS),
        (rowsql.FIRST_FACT, FACT_COLUMNS),
    ):
        assert f"({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})" in statement
    assert rowsql.SET_FACT.endswith("DO UPDATE SET value = excluded.value, at = excluded.at")
    assert rowsql.save_case(["version", "status"]) == (
        "UPDATE nrm_case SET state = ?, version = ?, status = ? WHERE id = ? AND version = ?"
    )


def test_values_of_timer_and_fact_rows_are_in_column_order_with_times_as_stored() -> None:
    sql = DriverSql.__new__(DriverSql)
    sql.postgres, sql._last_when = False, (None, None)
    at = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    timer = TimerRow("t1", "c1", "timer_due", "Due", at)
    assert rowsql.values(sql, timer) == (
        "t1",
        "c1",
        "timer_due",
        "Due",
        "2026-03-01 08:30:00.000000",
    )
    fact = FactRow("c1", "region", "chui", at)
    assert rowsql.values(sql, fact) == ("c1", "region", "chui", "2026-03-01 08:30:00.000000")
