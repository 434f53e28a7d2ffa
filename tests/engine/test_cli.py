"""`nrm migrate`, `nrm demo`, `nrm deploy`, `nrm timers fire` and `nrm worker --once`
on a real database, through typer's CliRunner (NRM_DATABASE_URL selects it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlmodel import Session
from typer.testing import CliRunner

from engine import accounts
from engine.cli import app
from engine.db import make_engine
from engine.models import Case, User
from engine.spiff.clock import FakeClock
from tests.conftest import FIXTURES

runner = CliRunner()
ENGINE_FIXTURES = FIXTURES / "engine"
# argon2 at the cost `nrm demo` uses takes about a second a hash on CI's two cores, and the
# demo hashes forty passwords each time; nothing these tests check depends on the cost (the
# production cost: test_passwords_are_hashed_at_argon2s_default_cost).
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite file selected by NRM_DATABASE_URL, the fixture diagrams as library."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("NRM_DATABASE_URL", url)
    monkeypatch.setenv("NRM_BPMN_DIR", str(ENGINE_FIXTURES))
    monkeypatch.setenv("NRM_FORMS_DIR", str(ENGINE_FIXTURES))
    monkeypatch.delenv("NRM_ENV", raising=False)
    monkeypatch.setattr(accounts, "_HASHER", CHEAP_HASHER)
    return url


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return str(result.output)


def test_migrate_demo_deploy_prepare_a_fresh_database(cli_env: str) -> None:
    assert "database at head" in invoke("migrate")
    output = invoke("demo")
    assert "police" in output and "reviewer" in output
    invoke("demo")  # again: users are reset, not duplicated
    with Session(make_engine(cli_env)) as session:
        users = session.execute(select(User.username)).scalars().all()
    assert len(users) == len(set(users)) and {"police", "ngo", "policy", "admin"} <= set(users)
    assert "deployed simple version 1" in invoke("deploy")
    assert "unchanged" in invoke("deploy")


def test_passwords_are_hashed_at_argon2s_default_cost() -> None:
    hashed = accounts.hash_password("demo")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert accounts.verify_password(hashed, "demo")


def test_demo_is_refused_in_production(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("migrate")
    monkeypatch.setenv("NRM_ENV", "production")
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 1
    assert "production" in result.output


def test_timers_fire_at_a_moment_moves_due_cases(cli_env: str) -> None:
    invoke("migrate")
    invoke("deploy")
    from engine.facade import Engine

    engine = Engine.from_settings(clock=FakeClock())
    case = engine.start_case("simple", {"pseudonym": "A"}, agency="border", actor="border").case
    assert "in 0 case(s)" in invoke("timers", "fire", "--at", "2026-01-05T20:00:00+00:00")
    output = invoke("timers", "fire", "--at", "2026-01-06T10:00:00+00:00")
    assert "in 1 case(s)" in output and case.id in output
    names = {t.name for t in engine.case_tasks(case.id)}
    assert names == {"Indicator screening", "Review overdue screening"}


def test_worker_once_fires_nothing_when_nothing_is_due(cli_env: str) -> None:
    invoke("migrate")
    result = runner.invoke(app, ["worker", "--once"])
    assert result.exit_code == 0
    with Session(make_engine(cli_env)) as session:
        assert session.execute(select(func.count()).select_from(Case)).scalar_one() == 0


def test_statistics_prints_the_figures_as_json(cli_env: str) -> None:
    invoke("migrate")
    invoke("deploy")
    from engine.facade import Engine

    engine = Engine.from_settings(clock=FakeClock())
    for i in range(5):
        engine.start_case("simple", {"pseudonym": f"A{i}"}, agency="border", actor="border")
    figures = json.loads(invoke("statistics"))
    assert figures["cases"]["total"] == 5
    assert figures["cases"]["by_reporting_agency"]["state"] == 5  # the border service
    year = int(next(iter(figures["cases"]["by_year"])))
    assert json.loads(invoke("statistics", "--year", str(year - 1)))["cases"]["total"] == 0


def test_statistics_can_rebuild_facts_first(cli_env: str) -> None:
    invoke("migrate")
    invoke("deploy")
    output = invoke("statistics", "--rebuild-facts")
    assert "facts rebuilt for 0 case(s)" in output  # the fixture forms mark nothing
    assert '"total": 0' in output


def test_serve_runs_plain_uvicorn_on_the_app_factory(
    cli_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    invoke("migrate")
    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(app=app, **options))
    result = runner.invoke(app, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["app"] == "api.app:create_app" and seen["factory"] is True
    assert (seen["port"], seen["workers"]) == (8123, 1)
    assert "http" not in seen  # uvicorn's own HTTP protocol


NEEDS_TABLES = [
    ["demo"],
    ["worker", "--once"],
    ["timers", "fire"],
    ["deploy", "--skip-scenarios", "--reason", "r"],
    ["statistics"],
    ["users", "list"],
    ["serve"],
]


@pytest.mark.parametrize("command", NEEDS_TABLES, ids=lambda c: " ".join(c[:2]))
def test_command_on_a_database_never_migrated_names_nrm_migrate(
    cli_env: str, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *_a, **_k: pytest.fail("served anyway"))
    result = runner.invoke(app, command)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output == (
        f"error: the database {cli_env} has no NRM tables yet: run `nrm migrate` first.\n"
    )


def test_command_on_a_database_behind_this_release_names_nrm_migrate(cli_env: str) -> None:
    from alembic import command

    from engine.migrate import alembic_config

    command.upgrade(alembic_config(cli_env), "0007")
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 1
    assert "is at schema 0007, this release needs" in result.output
    assert "run `nrm migrate`" in result.output
    invoke("migrate")
    assert "police" in invoke("demo")


def test_official_figures_are_imported_from_csv_and_loaded_by_the_demo(
    cli_env: str, tmp_path: Path
) -> None:
    invoke("migrate")
    assert "official figures: 120 added" in invoke("demo")
    assert "official figures: 0 added, 0 changed" in invoke("demo")  # idempotent
    good = tmp_path / "good.csv"
    good.write_text(
        "source,indicator,region,year,value\nNSC,registered_crimes,national,2021,–\n",
        encoding="utf-8",
    )
    assert "1 added, 0 changed, 0 unchanged" in invoke("statistics", "import-official", str(good))
    bad = tmp_path / "bad.csv"
    bad.write_text("source,indicator,region,year,value\nNSC,x,chui,year,1\n", encoding="utf-8")
    result = runner.invoke(app, ["statistics", "import-official", str(bad)])
    assert result.exit_code == 1
    assert "bad.csv:2" in result.output and "nothing was loaded" in result.output


def test_a_reflection_period_below_30_days_is_refused(
    cli_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NRM_PARAM_REFLECTION_PERIOD_DAYS", "20")
    result = runner.invoke(app, ["validate", str(ENGINE_FIXTURES)])
    assert result.exit_code == 1
    assert result.output == (
        "error: NRM_PARAM_REFLECTION_PERIOD_DAYS=20 is below 30, the least the international "
        "standard allows (reflection and recovery period, during which no removal).\n"
    )
    monkeypatch.setenv("NRM_PARAM_REFLECTION_PERIOD_DAYS", "45")
    assert "0 error(s)" in invoke("validate", str(ENGINE_FIXTURES))


def test_the_htcds_export_is_written_to_a_file(cli_env: str, tmp_path: Path) -> None:
    invoke("migrate")
    invoke("deploy")
    from engine.facade import Engine

    engine = Engine.from_settings(clock=FakeClock())
    for i in range(5):
        engine.start_case("simple", {"pseudonym": f"A{i}"}, agency="border", actor="border")
    out = tmp_path / "htcds.csv"
    result = runner.invoke(app, ["statistics", "export", "--htcds", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 case(s), k=5, 0 left out" in result.output
    assert out.read_text().startswith("# HTCDS export; k=5;")
    assert runner.invoke(app, ["statistics", "export"]).exit_code == 2  # which format?
