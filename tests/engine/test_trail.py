"""The tamper-evident trail: each case's audit events and access records form a hash chain,
and `trail.verify` finds the first row changed, removed or added behind the application."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine as Database

from engine import audit, store, trail
from engine.db import write_session
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.engine.test_cases import start_simple


def tampered(db: Database, table: str, statement: str, **params: object) -> None:
    """Run a statement with the table's append-only trigger dropped (as a database owner
    could), then put the trigger back."""
    with db.begin() as conn, _without_trigger(conn, table):
        conn.execute(text(statement), params)


@contextmanager
def _without_trigger(conn: Connection, table: str) -> Iterator[None]:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"DROP TRIGGER {table}_append_only ON {table}")
        yield
        conn.exec_driver_sql(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
        return
    for verb in ("update", "delete"):
        conn.exec_driver_sql(f"DROP TRIGGER {table}_no_{verb}")
    yield
    for verb in ("UPDATE", "DELETE"):
        conn.exec_driver_sql(
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


def verified(db: Database, **kwargs: object) -> trail.TrailReport:
    with db.connect() as conn:
        return trail.verify(conn, **kwargs)  # type: ignore[arg-type]


def event_ids(db: Database, case_id: str) -> list[int]:
    with db.connect() as conn:
        query = text("SELECT id FROM audit_event WHERE case_id = :c ORDER BY id")
        return list(conn.execute(query, {"c": case_id}).scalars())


def two_finished_cases(engine: Engine) -> tuple[str, str]:
    """Two cases of three events each (started, task completed, case completed)."""
    first, second = start_simple(engine).case, start_simple(engine).case
    for case in (second, first):
        engine.complete_task(
            case.open_tasks[0].id,
            {"screening_result": "not_victim"},
            actor="police",
            agency="police",
        )
    return first.id, second.id


def test_each_event_carries_the_hash_of_the_one_before_it_in_its_case(
    simple_engine: Engine, clock: FakeClock
) -> None:
    first, second = two_finished_cases(simple_engine)
    for action in ("process.deployed", "case.migrated"):
        with write_session(simple_engine.db) as session:
            audit.record(session, at=clock.now(), actor="policy", action=action)
            session.commit()
    with simple_engine.db.connect() as conn:
        chains = dict(trail.chains_of(conn, "audit_event"))
    assert set(chains) == {"", first, second}  # "": events of no case
    for rows in chains.values():
        assert rows[0]["prev_hash"] is None
        assert [r["prev_hash"] for r in rows[1:]] == [r["hash"] for r in rows[:-1]]
    assert [r["action"] for r in chains[first]] == [
        "case.started",
        "task.completed",
        "case.completed",
    ]
    report = verified(simple_engine.db)
    assert report.intact
    assert report.rows["audit_event"] == 8
    assert report.chains["audit_event"] == 3


def test_verify_names_a_row_edited_behind_the_applications_back(simple_engine: Engine) -> None:
    first, second = two_finished_cases(simple_engine)
    edited = event_ids(simple_engine.db, first)[1]
    tampered(
        simple_engine.db,
        "audit_event",
        "UPDATE audit_event SET actor = 'someone else' WHERE id = :id",
        id=edited,
    )
    report = verified(simple_engine.db)
    assert not report.intact
    [broken] = report.broken
    assert (broken.table, broken.case_id, broken.row_id) == ("audit_event", first, edited)
    assert "content" in broken.reason


def test_verify_names_the_row_after_one_that_was_deleted(simple_engine: Engine) -> None:
    first, _second = two_finished_cases(simple_engine)
    ids = event_ids(simple_engine.db, first)
    tampered(simple_engine.db, "audit_event", "DELETE FROM audit_event WHERE id = :id", id=ids[1])
    [broken] = verified(simple_engine.db).broken
    assert (broken.table, broken.case_id, broken.row_id) == ("audit_event", first, ids[2])
    assert "removed" in broken.reason


def test_verify_notices_a_deleted_first_row(simple_engine: Engine) -> None:
    first, _second = two_finished_cases(simple_engine)
    ids = event_ids(simple_engine.db, first)
    tampered(simple_engine.db, "audit_event", "DELETE FROM audit_event WHERE id = :id", id=ids[0])
    [broken] = verified(simple_engine.db).broken
    assert (broken.case_id, broken.row_id) == (first, ids[1])


def test_an_edit_with_its_hash_made_again_breaks_the_next_link(simple_engine: Engine) -> None:
    first, _second = two_finished_cases(simple_engine)
    ids = event_ids(simple_engine.db, first)
    with simple_engine.db.connect() as conn:
        row = dict(dict(trail.chains_of(conn, "audit_event"))[first][1])
    row["actor"] = "someone else"
    rehashed = trail.link(row["prev_hash"], trail.digest("audit_event", row))
    tampered(
        simple_engine.db,
        "audit_event",
        "UPDATE audit_event SET actor = 'someone else', hash = :h WHERE id = :id",
        h=rehashed,
        id=ids[1],
    )
    [broken] = verified(simple_engine.db).broken
    assert (broken.case_id, broken.row_id) == (first, ids[2])


def test_newest_rows_removed_are_caught_against_heads_kept_elsewhere(
    simple_engine: Engine,
) -> None:
    first, second = two_finished_cases(simple_engine)
    with simple_engine.db.connect() as conn:
        kept = trail.heads(conn)
    assert kept["audit_event"][first][0] == event_ids(simple_engine.db, first)[-1]
    start_simple(simple_engine)  # the trail goes on growing: kept heads stay valid
    assert verified(simple_engine.db, expected=kept).intact
    newest = event_ids(simple_engine.db, first)[-1]
    tampered(simple_engine.db, "audit_event", "DELETE FROM audit_event WHERE id = :id", id=newest)
    assert verified(simple_engine.db).intact  # a chain alone cannot see its tail go
    [broken] = verified(simple_engine.db, expected=kept).broken
    assert (broken.table, broken.case_id, broken.row_id) == ("audit_event", first, newest)
    tampered(
        simple_engine.db, "audit_event", "DELETE FROM audit_event WHERE case_id = :c", c=second
    )
    gone = verified(simple_engine.db, expected=kept).broken
    assert {(b.case_id, b.row_id) for b in gone} == {
        (first, newest),
        (second, kept["audit_event"][second][0]),
    }


def access_row(case_id: str, clock: FakeClock, username: str) -> dict[str, object]:
    return {
        "at": clock.now(),
        "username": username,
        "agency": "police",
        "case_id": case_id,
        "task_id": None,
        "endpoint": "GET /cases/{id}",
        "fields": ["full_name", "date_of_birth"],
    }


def test_concurrent_writers_of_one_case_keep_one_chain(
    simple_engine: Engine, clock: FakeClock
) -> None:
    case_id = start_simple(simple_engine).case.id
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(10):
                with write_session(simple_engine.db) as session:
                    row = access_row(case_id, clock, f"reader{n}-{i}")
                    trail.append(store.sql(session), "access_record", row)
                    session.commit()
        except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = verified(simple_engine.db)
    assert report.intact, report.broken
    assert (report.rows["access_record"], report.chains["access_record"]) == (40, 1)


def test_access_records_are_chained_per_case_and_edits_are_found(
    simple_engine: Engine, clock: FakeClock
) -> None:
    first, second = two_finished_cases(simple_engine)
    for case_id in (first, second, first):
        clock.advance(timedelta(minutes=1))
        with write_session(simple_engine.db) as session:
            trail.append(store.sql(session), "access_record", access_row(case_id, clock, "u"))
            session.commit()
    assert verified(simple_engine.db).chains["access_record"] == 2
    tampered(
        simple_engine.db,
        "access_record",
        "UPDATE access_record SET fields = '[\"full_name\"]' WHERE id = 1",
    )
    [broken] = verified(simple_engine.db).broken
    assert (broken.table, broken.case_id, broken.row_id) == ("access_record", first, 1)
