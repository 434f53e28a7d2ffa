"""What an event sub-process started by a message sees.

- It sees the case as it stands, not as first reported: an age or a place corrected since
  (SpiffWorkflow would merge its process's first data over it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine as Database

from engine.config import Settings
from engine.facade import Engine
from engine.sources import read_paths
from engine.spiff.clock import FakeClock

FIXTURES = Path(__file__).parent.parent / "fixtures" / "branches"
FILES = (
    "br_consent.bpmn",
    "br_help.bpmn",
    "br_report.schema.json",
    "br_note.schema.json",
    "br_help.schema.json",
    "br_consent_limited.schema.json",
)
REPORTED = {"pseudonym": "Aigul", "age": 30, "place": "Osh", "police_report": "agreed"}


@pytest.fixture
def engine(db: Database, settings: Settings, clock: FakeClock) -> Engine:
    built = Engine(db, settings=settings, clock=clock)
    built.deploy(read_paths([FIXTURES / n for n in FILES]), deployed_by="test")
    return built


def fresh(engine: Engine) -> Engine:
    """Another engine on the same database: it restores every case from storage."""
    return Engine(engine.db, settings=engine.settings, clock=engine.clock)


def task_id(engine: Engine, case_id: str, name: str) -> str:
    return next(t.id for t in engine.case_tasks(case_id) if t.name == name)


def complete(engine: Engine, case_id: str, name: str, data: dict[str, object]) -> None:
    engine.complete_task(task_id(engine, case_id, name), data, actor="s1", agency="social")


def open_names(engine: Engine, case_id: str) -> list[str]:
    return sorted(t.name for t in engine.case_tasks(case_id))


def limit_consent(engine: Engine, case_id: str) -> None:
    engine.deliver_message(
        case_id, "consent_limited", {"police_report": "refused"}, actor="s1", agency="social"
    )


def in_help(engine: Engine, police_report: str = "agreed") -> str:
    """A case whose report was corrected (a child, in Bishkek), now inside the called help."""
    reported = {**REPORTED, "police_report": police_report}
    case_id = engine.start_case("br_consent", reported, agency="social", actor="s1").case.id
    complete(engine, case_id, "Correct the report", {"age": 16, "place": "Bishkek"})
    assert open_names(engine, case_id) == ["Provide help"]
    return case_id


def test_the_event_sub_process_sees_the_corrected_report_not_the_first_one(
    engine: Engine,
) -> None:
    case_id = in_help(engine)
    limit_consent(fresh(engine), case_id)
    again = fresh(engine)
    confirm = task_id(again, case_id, "Confirm the limited consent")
    seen = again.task_data(case_id, confirm)
    assert (seen["age"], seen["place"]) == (16, "Bishkek")
    data = again.get_case(case_id).data
    # its script computed on the corrected values
    assert data["consent_limited_for_child"] is True
    assert data["consent_limited_place"] == "Bishkek"
