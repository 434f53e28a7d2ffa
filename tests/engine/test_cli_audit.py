"""`nrm audit verify` and `nrm audit heads` on the test database, through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.cli import app
from engine.facade import Engine
from tests.engine.test_trail import event_ids, tampered, two_finished_cases

runner = CliRunner()


@pytest.fixture
def two_cases(
    simple_engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Engine, str, str]:
    monkeypatch.setenv("NRM_DATABASE_URL", database_url)
    return simple_engine, *two_finished_cases(simple_engine)


def test_audit_verify_says_intact_and_exits_0(two_cases: tuple[Engine, str, str]) -> None:
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "audit_event: 6 row(s) in 2 chain(s)" in result.output
    assert result.output.rstrip().endswith("intact")


def test_audit_verify_names_the_first_broken_link_and_exits_1(
    two_cases: tuple[Engine, str, str],
) -> None:
    engine, first, _second = two_cases
    row = event_ids(engine.db, first)[2]
    tampered(engine.db, "audit_event", "UPDATE audit_event SET agency = 'ngo' WHERE id = :i", i=row)
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert f"broken: audit_event case {first} row {row}: the row's content" in result.output
    as_json = json.loads(runner.invoke(app, ["audit", "verify", "--json"]).output)
    assert as_json["intact"] is False
    assert as_json["broken"] == [
        {
            "table": "audit_event",
            "case_id": first,
            "row_id": row,
            "reason": as_json["broken"][0]["reason"],
        }
    ]


def test_audit_heads_kept_elsewhere_catch_removed_newest_rows(
    two_cases: tuple[Engine, str, str], tmp_path: Path
) -> None:
    engine, _first, second = two_cases
    heads = runner.invoke(app, ["audit", "heads"])
    assert heads.exit_code == 0
    kept = tmp_path / "heads.json"
    kept.write_text(heads.output)
    assert runner.invoke(app, ["audit", "verify", "--heads", str(kept)]).exit_code == 0
    newest = event_ids(engine.db, second)[-1]
    tampered(engine.db, "audit_event", "DELETE FROM audit_event WHERE id = :i", i=newest)
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
    result = runner.invoke(app, ["audit", "verify", "--heads", str(kept)])
    assert result.exit_code == 1
    assert f"broken: audit_event case {second} row {newest}" in result.output
