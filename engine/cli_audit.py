"""`nrm audit …`: check that the audit trail and the access records were not changed
(engine/trail.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import Engine as Database

from engine.config import load_settings
from engine.errors import NrmError
from engine.migrate import open_migrated

audit_app = typer.Typer(
    help="The audit trail and access records: verify their hash chains.", no_args_is_help=True
)


def _database() -> Database:
    """The settings' migrated database, or one line naming `nrm migrate` and exit 1."""
    try:
        return open_migrated(load_settings().database_url)
    except NrmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


@audit_app.command("verify")
def audit_verify(
    heads: Annotated[
        Path | None,
        typer.Option(help="Heads kept earlier (`nrm audit heads`): each must still be there"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Check every chain; report the first broken link of each (table, case, row id) and
    exit 1 if any."""
    from engine import trail

    expected = json.loads(heads.read_text(encoding="utf-8")) if heads else None
    with _database().connect() as conn:
        report = trail.verify(conn, expected=expected)
    if as_json:
        body = {
            "intact": report.intact,
            "rows": report.rows,
            "chains": report.chains,
            "broken": [b.as_dict() for b in report.broken],
        }
        typer.echo(json.dumps(body, indent=2))
    else:
        for b in report.broken:
            typer.echo(f"broken: {b.table} case {b.case_id or '(none)'} row {b.row_id}: {b.reason}")
        for table, rows in report.rows.items():
            typer.echo(f"{table}: {rows} row(s) in {report.chains[table]} chain(s)")
        typer.echo("intact" if report.intact else f"{len(report.broken)} broken chain(s)")
    if not report.intact:
        raise typer.Exit(1)


@audit_app.command("heads")
def audit_heads() -> None:
    """The newest row of every chain as JSON: keep it outside the database, and give it to
    `nrm audit verify --heads` later to see that no newest rows were removed."""
    from engine import trail

    with _database().connect() as conn:
        typer.echo(json.dumps(trail.heads(conn), indent=2, sort_keys=True))
