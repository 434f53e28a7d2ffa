"""Facts of lists and of repeated values (engine/facts.py): each member is kept as
`<field>:<member>`; a list replaces the one before, `each` keeps every value ever given."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine as Database

from engine.config import Settings
from engine.facade import Engine
from engine.facts import Fact, check_marks, facts_of
from engine.sources import read_paths
from engine.spiff.clock import FakeClock
from tests.conftest import FIXTURES

AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CONTROL = {
    "type": "array",
    "items": {"type": "string", "enum": ["threats", "debt_bondage", "withholds_documents"]},
    "x-statistic": True,
}
SERVICE = {"type": "string", "enum": ["shelter", "medical"], "x-statistic": "each"}


def test_a_list_keeps_each_member_and_replaces_the_list_before() -> None:
    form = {"properties": {"means_of_control": CONTROL}}
    facts = facts_of(form, {"means_of_control": ["threats", "debt_bondage", "threats"]}, AT)
    assert facts == [
        Fact("means_of_control:", "", clears=True),
        Fact("means_of_control:debt_bondage", "true"),
        Fact("means_of_control:threats", "true"),
    ]
    assert facts_of(form, {"means_of_control": []}, AT) == [
        Fact("means_of_control:", "", clears=True)
    ]


def test_each_keeps_every_value_once() -> None:
    form = {"properties": {"service": SERVICE}}
    assert facts_of(form, {"service": "shelter"}, AT) == [
        Fact("service:shelter", "true", first_only=True)
    ]
    assert facts_of(form, {"service": None}, AT) == []


def test_marks_that_cannot_be_counted_are_refused() -> None:
    long_name = "x" * 60
    form = {
        "properties": {
            "nested": {"type": "object", "x-statistic": True},
            "many": {"type": "array", "x-statistic": "each"},
            long_name: {"type": "string", "enum": ["abcdef"], "x-statistic": "each"},
            "odd": {"type": "string", "x-statistic": "yes"},
            "fine": CONTROL,
        }
    }
    messages = [p.message for p in check_marks(form, "f.json")]
    assert len(messages) == 4, messages
    assert "'nested': only a single value or a list" in messages[0]
    assert "'many': only a single value or a list" in messages[1]
    assert "over 64 characters" in messages[2]
    assert 'must be true, "age_group" or "each"' in messages[3]


def test_a_step_replaces_a_list_and_adds_to_each(
    tmp_path: Path, db: Database, settings: Settings, clock: FakeClock
) -> None:
    for name in ("simple.bpmn", "simple_note.schema.json"):
        shutil.copy(FIXTURES / "engine" / name, tmp_path / name)
    report = {
        "type": "object",
        "properties": {"pseudonym": {"type": "string"}, "means_of_control": CONTROL},
    }
    screen = json.loads((FIXTURES / "engine" / "simple_screen.schema.json").read_text())
    screen["properties"]["means_of_control"] = CONTROL
    screen["properties"]["service"] = SERVICE
    (tmp_path / "simple_report.schema.json").write_text(json.dumps(report))
    (tmp_path / "simple_screen.schema.json").write_text(json.dumps(screen))
    engine = Engine(db, settings=settings, clock=clock)
    engine.deploy(read_paths([tmp_path]), deployed_by="test")
    case = engine.start_case(
        "simple",
        {"pseudonym": "A", "means_of_control": ["threats", "debt_bondage"]},
        agency="ngo",
        actor="ngo",
    ).case
    engine.complete_task(
        case.open_tasks[0].id,
        {
            "screening_result": "presumed_victim",
            "means_of_control": ["withholds_documents"],
            "service": "shelter",
        },  # fmt: skip
        actor="police",
        agency="police",
    )
    with db.connect() as conn:
        names = conn.execute(
            text("SELECT name FROM case_fact WHERE case_id = :c ORDER BY name"), {"c": case.id}
        ).scalars()
        assert [n for n in names if ":" in n and not n.startswith("milestone")] == [
            "means_of_control:withholds_documents",
            "service:shelter",
        ]
