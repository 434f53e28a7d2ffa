"""`nrm statistics …`: the rapporteur's figures as JSON, official figures, the HTCDS export."""

from __future__ import annotations

import getpass
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from engine.config import load_settings
from engine.db import write_session
from engine.errors import NrmError
from engine.migrate import open_migrated

statistics_app = typer.Typer(
    help="Monitoring figures (aggregates only), official figures, the HTCDS export."
)


@statistics_app.callback(invoke_without_command=True)
def statistics(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="Only cases reported in this year")] = None,
    rebuild_facts: Annotated[
        bool, typer.Option(help="First read the facts of cases that have none from their state")
    ] = False,
) -> None:
    """Monitoring figures as JSON: aggregates only, small counts withheld."""
    if ctx.invoked_subcommand is not None:
        return
    from engine.facade import Engine

    settings = load_settings()
    try:
        engine = Engine(open_migrated(settings.database_url), settings=settings)
    except NrmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if rebuild_facts:
        typer.echo(f"facts rebuilt for {engine.rebuild_facts()} case(s)", err=True)
    typer.echo(json.dumps(engine.statistics(year), indent=2))


@statistics_app.command("import-official")
def import_official(
    files: Annotated[list[Path], typer.Argument(help="CSV: source,indicator,region,year,value")],
) -> None:
    """Load published counts (every problem of a file at once; nothing loaded if any)."""
    from engine import official

    settings = load_settings()
    try:
        with write_session(open_migrated(settings.database_url)) as session:
            for path in files:
                result = official.import_file(session, path, now=datetime.now(UTC))
                typer.echo(
                    f"{path}: {result.added} added, {result.changed} changed, "
                    f"{result.unchanged} unchanged"
                )
            session.commit()
    except NrmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    except OSError as exc:
        typer.echo(f"error: {exc.filename}: {exc.strerror}", err=True)
        raise typer.Exit(1) from exc


@statistics_app.command("export")
def export(
    htcds: Annotated[
        bool, typer.Option("--htcds", help="IOM's case data standard (required)")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default: stdout)")
    ] = None,
    k: Annotated[
        int, typer.Option(min=2, help="Every quasi-identifier combination covers k cases")
    ] = 5,
) -> None:
    """A de-identified case-level file, k-anonymous on sex, age, citizenship, region, year."""
    if not htcds:
        typer.echo("error: choose a format: --htcds", err=True)
        raise typer.Exit(2)
    from engine.facade import Engine

    settings = load_settings()
    try:
        engine = Engine(open_migrated(settings.database_url), settings=settings)
        found = engine.htcds_export(actor=f"cli:{getpass.getuser()}", k=k)
    except NrmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if output is None:
        typer.echo(found.csv(), nl=False)
    else:
        output.write_text(found.csv(), encoding="utf-8")
    typer.echo(f"{len(found.rows)} case(s), k={found.k}, {found.suppressed} left out", err=True)
