"""The tamper-evident trail: audit events and access records, each case's rows a hash chain.

Triggers keep both tables append-only, but a database owner can drop a trigger. So every
row also carries `prev_hash`, the `hash` of the row before it in its chain, and its own
`hash` = SHA-256(prev_hash + digest of the row's content). A chain is one case's rows of
one table, in id order (audit events without a case form one more chain): steps of
different cases never wait for one chain head. A row changed, removed or inserted behind
the application's back breaks its chain where it happened (`verify`, `nrm audit verify`).
Removing the newest rows of a chain leaves no gap; `heads` and `verify(expected=...)`
catch that against heads kept outside the database.

The database computes the link itself, inside the INSERT, from the chain head it sees;
so a step's writes stay one batch (no read of the head first). On PostgreSQL a
transaction-scoped advisory lock per chain, taken in the statement before, orders the
writers of one chain; SQLite has one writer at a time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from engine.driversql import DriverSql

# The columns each chained table hashes, in the order hashed (and inserted).
COLUMNS: dict[str, tuple[str, ...]] = {
    "audit_event": (
        "case_id",
        "at",
        "actor",
        "agency",
        "action",
        "task_id",
        "task_name",
        "data_hash",
        "detail",
    ),
    "access_record": ("at", "username", "agency", "case_id", "task_id", "endpoint", "fields"),
}
_JSON_COLUMNS = frozenset({"detail", "fields"})
SQLITE_HASH_FUNCTION = "nrm_sha256"

_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def sha256_hex(value: str) -> str:
    """SHA-256 of UTF-8 text, as hex (what SQLite's `nrm_sha256` computes)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def canonical_time(moment: Any) -> str:
    """A stored or given date-time as naive UTC ISO text with microseconds."""
    aware = DriverSql.read_when(moment)
    assert aware is not None
    return aware.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def digest(table: str, row: Mapping[str, Any]) -> str:
    """SHA-256 of a row's content in canonical JSON: the table, then the hashed columns."""
    values: list[Any] = [table]
    for column in COLUMNS[table]:
        value = row[column]
        if column == "at":
            value = canonical_time(value)
        elif column in _JSON_COLUMNS and isinstance(value, str):
            value = json.loads(value)  # SQLite hands JSON columns back as text
        values.append(value)
    return sha256_hex(_CANONICAL.encode(values))


def link(prev_hash: str | None, row_digest: str) -> str:
    """A row's hash: SHA-256 of the previous row's hash (empty for the first) and its digest."""
    return sha256_hex((prev_hash or "") + row_digest)


def _head(table: str, case_id: str | None) -> str:
    where = "case_id = ?" if case_id is not None else "case_id IS NULL"
    return f"(SELECT hash FROM {table} WHERE {where} ORDER BY id DESC LIMIT 1)"


def _insert_sql(table: str, *, postgres: bool, case: bool) -> str:
    head = _head(table, "" if case else None)
    if postgres:
        chained = f"encode(sha256(convert_to(coalesce({head}, '') || ?, 'UTF8')), 'hex')"
    else:
        chained = f"{SQLITE_HASH_FUNCTION}(coalesce({head}, '') || ?)"
    columns = COLUMNS[table]
    return (
        f"INSERT INTO {table} ({', '.join(columns)}, prev_hash, hash) "
        f"VALUES ({', '.join('?' * len(columns))}, {head}, {chained})"
    )


_INSERTS = {
    (table, postgres, case): _insert_sql(table, postgres=postgres, case=case)
    for table in COLUMNS
    for postgres in (False, True)
    for case in (False, True)
}
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"


def append(sql: DriverSql, table: str, row: Mapping[str, Any]) -> None:
    """Insert one row at the head of its chain, in the transaction (and batch) of `sql`."""
    case_id = row["case_id"]
    if sql.postgres:
        sql.run(_LOCK, (f"{table}:{case_id or ''}",))
    stored = [_stored(sql, column, row[column]) for column in COLUMNS[table]]
    heads = (case_id, case_id) if case_id is not None else ()  # the head is read twice
    sql.run(
        _INSERTS[(table, sql.postgres, case_id is not None)],
        (*stored, *heads, digest(table, row)),
    )


def _stored(sql: DriverSql, column: str, value: Any) -> Any:
    if column == "at":
        return sql.when(value)
    if column in _JSON_COLUMNS:
        return sql.json(value)
    return value


@dataclass(frozen=True)
class BrokenLink:
    """The first row of a chain that does not hold: where, and what is wrong."""

    table: str
    case_id: str | None
    row_id: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "table": self.table,
            "case_id": self.case_id,
            "row_id": self.row_id,
            "reason": self.reason,
        }


@dataclass
class TrailReport:
    """What `verify` checked and the first broken link of each broken chain."""

    rows: dict[str, int] = field(default_factory=dict)
    chains: dict[str, int] = field(default_factory=dict)
    broken: list[BrokenLink] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """True when every chain holds."""
        return not self.broken


# Heads kept outside the database: {table: {case id or "": [row id, hash]}} (see `heads`).
Heads = Mapping[str, Mapping[str, Sequence[Any]]]


def verify(conn: Connection, *, expected: Heads | None = None) -> TrailReport:
    """Check every chain of both tables; with `expected` (from `heads`, kept elsewhere), also
    that each head it names is still in its chain, unchanged."""
    report = TrailReport()
    for table in COLUMNS:
        kept = {key: (int(h[0]), str(h[1])) for key, h in (expected or {}).get(table, {}).items()}
        rows = chains = 0
        for key, chain in chains_of(conn, table):
            rows, chains = rows + len(chain), chains + 1
            broken = first_break(table, chain, kept.pop(key, None))
            if broken is not None:
                report.broken.append(broken)
        report.broken.extend(BrokenLink(table, k or None, h[0], _GONE) for k, h in kept.items())
        report.rows[table], report.chains[table] = rows, chains
    return report


_GONE = "a kept head of this chain is gone: the chain's rows were removed"


def first_break(
    table: str, rows: Sequence[Mapping[str, Any]], kept: tuple[int, str] | None = None
) -> BrokenLink | None:
    """The first row of one chain (rows in id order) that does not hold; with `kept` (a head
    seen earlier), also a chain in which that row is no longer there as it was."""
    prev: str | None = None
    for row in rows:
        reason = _fault(table, row, prev)
        if reason:
            return BrokenLink(table, row["case_id"], row["id"], reason)
        prev = row["hash"]
    if kept is not None and not any((r["id"], r["hash"]) == kept for r in rows):
        return BrokenLink(table, rows[-1]["case_id"], kept[0], _NO_HEAD)
    return None


_NO_HEAD = "a kept head of this chain is no longer in it: its newest rows were removed or changed"


def _fault(table: str, row: Mapping[str, Any], prev: str | None) -> str | None:
    if row["hash"] is None:
        return "the row has no hash (written around the application)"
    if row["prev_hash"] != prev:
        if prev is None:
            return "the chain's first row names a row before it (its first rows were removed)"
        return "the row before it in the chain was removed, inserted or changed"
    if row["hash"] != link(prev, digest(table, row)):
        return "the row's content (or its hash) was changed"
    return None


def chains_of(conn: Connection, table: str) -> Iterator[tuple[str, list[Mapping[str, Any]]]]:
    """Each chain of a table (key: case id, "" for none) with its rows in id order."""
    columns = ", ".join(("id", *dict.fromkeys(COLUMNS[table]), "prev_hash", "hash"))
    query = text(f"SELECT {columns} FROM {table} ORDER BY coalesce(case_id, ''), id")
    result = conn.execute(query.execution_options(stream_results=True, yield_per=2000))
    key: str | None = None
    rows: list[Mapping[str, Any]] = []
    for row in result.mappings():
        row_key = row["case_id"] or ""
        if row_key != key and rows:
            yield key or "", rows
            rows = []
        key = row_key
        rows.append(dict(row))
    if rows:
        yield key or "", rows


def heads(conn: Connection) -> dict[str, dict[str, list[Any]]]:
    """The newest row of every chain, `{table: {case id or "": [row id, hash]}}`: kept
    outside the database, it lets `verify` see later that no newest rows vanished."""
    found: dict[str, dict[str, list[Any]]] = {}
    for table in COLUMNS:
        rows = conn.execute(
            text(
                f"SELECT coalesce(case_id, ''), id, hash FROM {table} WHERE id IN "
                f"(SELECT max(id) FROM {table} GROUP BY case_id)"
            )
        )
        found[table] = {key: [row_id, row_hash] for key, row_id, row_hash in rows}
    return found
