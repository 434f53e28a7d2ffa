"""The `nrm` command: serve, worker, migrate, demo, users, validate, deploy, draw, timers,
cases, statistics, audit."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from engine.cli_audit import audit_app
from engine.cli_statistics import statistics_app
from engine.cli_users import users_app
from engine.config import Settings, load_settings
from engine.db import make_engine, write_session
from engine.errors import NrmError
from engine.params import load_parameters

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine as Database

    from engine.deployjobs import JobView
    from engine.facade import Engine
    from engine.spiff.clock import Clock

app = typer.Typer(
    help="National Referral Mechanism: executable SOPs on SpiffWorkflow.", no_args_is_help=True
)
timers_app = typer.Typer(help="Timers: fire the ones that are due.", no_args_is_help=True)
app.add_typer(timers_app, name="timers")
cases_app = typer.Typer(help="Cases: resume one halted after a runaway step.", no_args_is_help=True)
app.add_typer(cases_app, name="cases")
app.add_typer(users_app, name="users")
app.add_typer(statistics_app, name="statistics")
app.add_typer(audit_app, name="audit")


def _fail(exc: NrmError) -> NoReturn:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1)


@app.callback()
def _parameters() -> None:
    """Every command first refuses parameters the standards do not allow (NRM_PARAM_*)."""
    try:
        load_parameters()
    except NrmError as exc:
        _fail(exc)


def _database(settings: Settings) -> Database:
    """The settings' database, or one line naming `nrm migrate` when it is not migrated."""
    from engine.migrate import open_migrated

    try:
        return open_migrated(settings.database_url)
    except NrmError as exc:
        _fail(exc)


def _engine(settings: Settings | None = None, clock: Clock | None = None) -> Engine:
    """An engine on the settings' migrated database (see `_database`)."""
    from engine.facade import Engine

    settings = settings or load_settings()
    return Engine(_database(settings), settings=settings, clock=clock)


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema (NRM_DATABASE_URL)."""
    from engine.migrate import upgrade

    settings = load_settings()
    upgrade(make_engine(settings.database_url))
    typer.echo(f"database at head: {settings.database_url}")


@app.command()
def demo() -> None:
    """Create the agencies of the brief and one demo user per agency role (password `demo`);
    load the official figures the project ships (data/official)."""
    from engine import official
    from engine.accounts import create_demo

    settings = load_settings()
    try:
        with write_session(_database(settings)) as session:
            names = create_demo(
                session,
                password=settings.demo_password,
                production=settings.production,
                now=datetime.now(UTC),
            )
            loaded = official.import_shipped(session, now=datetime.now(UTC))
            session.commit()
    except NrmError as exc:
        _fail(exc)
    typer.echo(f"{len(names)} demo users ready: {', '.join(names)}")
    typer.echo(f"official figures: {loaded.added} added, {loaded.changed} changed")


@app.command()
def serve(
    host: str = "127.0.0.1", port: int = 8000, workers: int = 1, reload: bool = False
) -> None:
    """Serve the API and the web forms (plain uvicorn on the app factory)."""
    import uvicorn

    _database(load_settings()).dispose()
    uvicorn.run(
        "api.app:create_app", factory=True, host=host, port=port, workers=workers, reload=reload
    )


@app.command()
def worker(
    interval: Annotated[float | None, typer.Option(help="Seconds between rounds")] = None,
    once: bool = False,
) -> None:
    """Fire due timers, tell due escalation rungs and run queued deployments, forever (or
    once: then every deployment that waits too). NRM_DEPLOYMENT_RUNNER=off leaves deployments
    to the servers."""
    from engine.deployrunner import DeploymentRunner

    settings = load_settings()
    engine = _engine(settings)
    pause = interval if interval is not None else settings.worker_interval
    deployments = DeploymentRunner(engine, "worker") if settings.deployment_runner else None
    if deployments is not None and not once:
        deployments.start()
    while True:
        moved = engine.fire_due_timers()
        if moved:
            typer.echo(f"{datetime.now(UTC).isoformat()} fired timers in {len(moved)} case(s)")
        told = engine.fire_due_escalations()
        if told:
            typer.echo(f"{datetime.now(UTC).isoformat()} escalated {len(told)} task(s)")
        if once:
            while deployments is not None and (job := deployments.run_once()) is not None:
                typer.echo(f"deployment {job.id}: {job.state}")
            return
        time.sleep(pause)


@cases_app.command("resume")
def cases_resume(
    case_id: str,
    actor: Annotated[str, typer.Option(help="Who resumes it (audited)")] = "admin",
) -> None:
    """Fire a halted case's timers again (a step of it was stopped at a limit: fix the
    diagram and move the case to the fixed version first)."""
    try:
        resumed = _engine().resume_case(case_id, actor=actor)
    except NrmError as exc:
        _fail(exc)
    typer.echo(f"case {case_id} resumed" if resumed else f"case {case_id} was not halted")


@timers_app.command("fire")
def timers_fire(
    at: Annotated[str | None, typer.Option(help="ISO date-time to fire at (default: now)")] = None,
) -> None:
    """Fire every timer due at that moment, then tell the escalation rungs due."""
    from engine.spiff.clock import FakeClock

    moment = datetime.fromisoformat(at) if at else datetime.now(UTC)
    clock = FakeClock(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    engine = _engine(clock=clock)
    moved = engine.fire_due_timers(limit=10_000)
    typer.echo(f"fired timers at {clock.now().isoformat()} in {len(moved)} case(s)")
    for case_id in moved:
        typer.echo(f"  {case_id}")
    told = engine.fire_due_escalations(limit=10_000)
    typer.echo(f"escalated {len(told)} task(s)")


@app.command()
def validate(paths: list[Path], as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Report every problem of diagrams, decision tables and forms; exit 1 on errors."""
    from engine.library import ProcessLibrary
    from engine.sources import read_paths

    files = read_paths(paths)
    report, _bundle = ProcessLibrary(max_instances=load_settings().max_instances).validate(files)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "files": [f.name for f in files],
                    "errors": [p.as_dict() for p in report.errors],
                    "warnings": [p.as_dict() for p in report.warnings],
                },
                indent=2,
            )
        )
    else:
        from engine.validation.text import report_lines

        for line in report_lines(report.problems):
            typer.echo(line)
        typer.echo(
            f"{len(files)} file(s): {len(report.errors)} error(s), "
            f"{len(report.warnings)} warning(s)"
        )
    if report.errors:
        raise typer.Exit(1)


@app.command()
def draw(
    file: Path,
    output: Annotated[Path, typer.Option("-o", "--output", help="SVG file to write")],
    process: Annotated[str | None, typer.Option(help="Process or sub-process id")] = None,
) -> None:
    """Draw a BPMN file's diagram as SVG (a file without layout is reported, not drawn)."""
    from engine.drawing import NO_DIAGRAM_MESSAGE, has_diagram, render_svg

    xml = file.read_bytes()
    try:
        svg = render_svg(xml, process_id=process, title=file.stem) if has_diagram(xml) else None
    except NrmError as exc:
        _fail(exc)
    if svg is None:
        typer.echo(f"{file.name}: nothing drawn. {NO_DIAGRAM_MESSAGE}")
        return
    if "bpmn-no-diagram" in svg:
        typer.echo(f"{file.name}: nothing drawn: process {process!r} has no layout in this file.")
        return
    output.write_text(svg, encoding="utf-8")
    typer.echo(f"drew {file.name} to {output}")


@app.command()
def deploy(
    paths: Annotated[list[Path] | None, typer.Argument()] = None,
    by: str = "cli",
    skip_scenarios: Annotated[
        bool, typer.Option(help="Deploy without running the scenarios (needs --reason)")
    ] = False,
    reason: Annotated[str | None, typer.Option(help="Why, for the audit trail")] = None,
) -> None:
    """Validate, run the scenarios of the changed processes, deploy (default: bpmn/ and
    forms/schemas/; given files replace the deployed ones of the same name, and a
    .feature file replaces features/<process>.feature for the check). The deployment is
    queued like one asked for on the server and run here (after any queued before it)."""
    if skip_scenarios and not (reason and reason.strip()):
        typer.echo("error: --skip-scenarios needs --reason (it is recorded)", err=True)
        raise typer.Exit(2)
    from engine.scenario_gate import gate_lines

    engine = _engine()
    skip = reason.strip() if skip_scenarios and reason else None
    try:
        job = _queue_deploy(engine, paths or [], by=by, note=reason or "", skip_reason=skip)
        done = _run_until_finished(engine, job.id)
    except NrmError as exc:
        _fail(exc)
    report = done.report or {}
    lines = gate_lines(report["gate"]) if report.get("gate") else []
    if done.state != "succeeded":
        detail = report.get("error", {}).get("detail", "the deployment failed")
        typer.echo("\n".join([f"error: {detail}", *lines]), err=True)
        raise typer.Exit(1)
    for line in lines:
        typer.echo(line)
    if not report["created"]:
        typer.echo(f"unchanged: deployment {report['deployment_id']} has the same content")
    for v in report["versions"]:
        typer.echo(f"deployed {v['process_id']} version {v['version']}")


def _queue_deploy(
    engine: Engine, paths: list[Path], *, by: str, note: str, skip_reason: str | None
) -> JobView:
    """Queue the deployment of `nrm deploy` (the library on disk, or the files given)."""
    from engine.sources import read_library, read_paths

    settings = engine.settings
    if paths:
        changes, whole = read_paths(paths), False
        candidate = engine.candidate(changes)
    else:
        changes, whole = read_library(settings.bpmn_dir, settings.forms_dir), True
        candidate = changes
    changed = engine.changed_processes(candidate)
    if changed and skip_reason is None:
        typer.echo(f"checking the scenarios of {', '.join(changed)} ...")
    return engine.queue_deployment(
        changes,
        requested_by=by,
        note=note,
        features=_feature_files(paths),
        whole_library=whole,
        skip_reason=skip_reason,
    )


def _run_until_finished(engine: Engine, job_id: int, pause: float = 1.0) -> JobView:
    """Run queued deployments here until `job_id` is done (a server's runner may take it)."""
    from engine.deployrunner import runner_name

    name = runner_name("cli")
    while True:
        engine.run_next_deployment(name)
        job = engine.deployment_job(job_id)
        if job.finished:
            return job
        time.sleep(pause)


def _feature_files(paths: list[Path]) -> dict[str, bytes]:
    """.feature files among the paths (or in folders among them), by name."""
    found = [c for p in paths for c in (sorted(p.iterdir()) if p.is_dir() else [p])]
    return {f.name: f.read_bytes() for f in found if f.suffix == ".feature" and f.is_file()}


@app.command()
def coverage(
    report: Annotated[Path, typer.Option(help="Written by the feature suite")] = Path(
        "reports/scenarios.json"
    ),
    check: bool = False,
    markdown: bool = False,
) -> None:
    """Which scenario takes which sequence flow; --check exits 1 if any flow is untaken."""
    from engine.coverage import from_json, to_markdown, uncovered

    if not report.exists():
        typer.echo(f"error: {report} not found; run the scenarios first (make test)", err=True)
        raise typer.Exit(1)
    processes, records = from_json(report.read_text(encoding="utf-8"))
    if markdown:
        typer.echo(to_markdown(processes))
    else:
        for p in processes:
            typer.echo(
                f"{p.process_id:24} {p.percent:5.1f} % of {len(p.flows):3} flows, "
                f"{sum(1 for s in p.lanes.values() if s)}/{len(p.lanes)} lanes"
            )
        failed = [r.title for r in records if r.status != "passed"]
        typer.echo(f"{len(records)} scenarios, {len(failed)} failed")
    missing = uncovered(processes)
    for process_id, flows in missing.items():
        typer.echo(f"not covered in {process_id}: {', '.join(flows)}", err=True)
    if check and missing:
        raise typer.Exit(1)
