"""`nrm deploy` behind the scenario gate, on the project's library and a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from engine.cli import app
from engine.db import make_engine
from engine.models import AuditEvent, ProcessVersion
from tests.library import GATE_FIXTURES, renamed_accept_task

BPMN = Path(__file__).resolve().parents[2] / "bpmn"

runner = CliRunner()


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh, migrated SQLite file selected by NRM_DATABASE_URL; the project's library."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("NRM_DATABASE_URL", url)
    for name in ("NRM_BPMN_DIR", "NRM_FORMS_DIR", "NRM_FEATURES_DIR", "NRM_ENV"):
        monkeypatch.delenv(name, raising=False)
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    return url


def versions(url: str) -> list[tuple[str, int]]:
    with Session(make_engine(url)) as session:
        rows = session.exec(select(ProcessVersion)).all()
        return sorted((r.process_id, r.version) for r in rows)


def deployed_events(url: str) -> list[AuditEvent]:
    with Session(make_engine(url)) as session:
        query = select(AuditEvent).where(AuditEvent.action == "process.deployed")
        return list(session.exec(query).all())


def test_deploy_skip_scenarios_needs_a_reason(cli_db: str) -> None:
    result = runner.invoke(app, ["deploy", "--skip-scenarios"])
    assert result.exit_code == 2
    assert "--reason" in result.output
    assert versions(cli_db) == []


def test_deploy_skipping_scenarios_records_who_and_why(cli_db: str) -> None:
    result = runner.invoke(
        app, ["deploy", "--skip-scenarios", "--reason", "scenarios ran in CI", "--by", "ops"]
    )
    assert result.exit_code == 0, result.output
    assert "scenarios skipped: scenarios ran in CI" in result.output
    assert "deployed referral version 1" in result.output
    [event] = deployed_events(cli_db)
    assert (event.actor, event.detail["gate"]["skipped"]) == ("ops", "scenarios ran in CI")
    assert len(event.detail["versions"]) == len(list(BPMN.glob("*.bpmn")))


@pytest.mark.gate
def test_deploy_refuses_a_file_that_breaks_a_scenario(cli_db: str, tmp_path: Path) -> None:
    runner.invoke(app, ["deploy", "--skip-scenarios", "--reason", "setup"])
    broken = tmp_path / "referral.bpmn"
    broken.write_bytes(renamed_accept_task().content)
    features = [str(GATE_FIXTURES / n) for n in ("referral.feature", "nrm_case.feature")]
    result = runner.invoke(app, ["deploy", str(broken), *features])
    assert result.exit_code == 1
    assert "checking the scenarios of nrm_case, referral" in result.output
    assert "FAILED referral.feature: the chosen shelter gets the referral" in result.output
    assert 'at: Then the NGO has a task "Accept or decline referral"' in result.output
    assert "2 scenario(s) of nrm_case.feature, referral.feature: 1 failed" in result.output
    assert ("referral", 2) not in versions(cli_db) and len(deployed_events(cli_db)) == 1
