"""Step definitions for the scenarios in features/ (vocabulary: features/README.md),
and the recorder of which BPMN paths each scenario takes."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when
from sqlalchemy.engine import Engine as Database

from engine.config import Settings
from engine.errors import InvalidDataError, MessageNotAwaitedError, NotMessageSenderError
from engine.facade import Engine
from engine.forms import read_only_fields
from engine.library import ProcessLibrary
from engine.spiff.clock import FakeClock
from engine.workdays import BISHKEK
from scenario_suite.recorder import Recorder, with_library_from_env
from scenario_suite.steps_seen import *  # noqa: F403  (their steps, bound with these)
from scenario_suite.world import (
    AGENCY,
    RESULT_FIELDS,
    World,
    agency_code,
    fill_form,
    parse_value,
    table_data,
)

# NRM_FEATURES_DIR: the scenario gate runs only the features of the changed diagrams.
FEATURES = Path(os.environ.get("NRM_FEATURES_DIR") or Path(__file__).parents[1] / "features")

# A complete, valid report of an adult Kyrgyz citizen found in Kyrgyzstan.
DEFAULT_REPORT: dict[str, Any] = {
    "pseudonym": "Aigul-01",
    "age": 27,
    "age_certainty": "documented",
    "sex": "female",
    "citizenship": "KG",
    "location": "in_kyrgyzstan",
    "region": "chui",
    "exploitation_type": "labour",
    "immediate_danger": False,
    "medical_emergency": False,
    "interpreter_needed": False,
}


def pytest_configure(config: pytest.Config) -> None:
    """Register the path recorder, and the features' tags as markers (strict markers)."""
    config.pluginmanager.register(Recorder(config), "nrm-path-recorder")
    for feature in FEATURES.glob("*.feature"):
        for tag in re.findall(r"(?<![\w@])@([\w-]+)", feature.read_text(encoding="utf-8")):
            config.addinivalue_line("markers", f"{tag}: scenarios tagged @{tag} in features/")


@pytest.fixture(scope="session")
def library() -> ProcessLibrary:
    """One process library for the run: the diagrams are parsed once."""
    return ProcessLibrary()


@pytest.fixture
def world(db: Database, settings: Settings, library: ProcessLibrary) -> Iterator[World]:
    """An engine on bpmn/ and forms/schemas/ (or NRM_BPMN_DIR/NRM_FORMS_DIR) with a clock at
    Monday 5 January 2026, 09:00."""
    clock = FakeClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    settings = with_library_from_env(settings)
    engine = Engine(db, settings=settings, clock=clock, library=library)
    engine.deploy_library(deployed_by="scenario")
    yield World(engine, clock)


# --- Given ------------------------------------------------------------------------------


@given(parsers.re(rf"a presumed victim reported by {AGENCY}$"))
def report_presumed_victim(
    world: World, agency: str, datatable: list[list[str]] | None = None
) -> None:
    """Start `nrm_case` with a valid report, overridden by the table."""
    schema = world.engine.start_form("nrm_case")
    given = table_data(datatable)
    report = {**DEFAULT_REPORT, **given}
    if given.get("citizenship_status") in ("unknown", "stateless") and "citizenship" not in given:
        del report["citizenship"]  # the report refuses a country beside it (P3-3)
    data = fill_form(dict(schema) if schema else None, report, world.clock.now().date())
    code = agency_code(agency)
    world.case_ids.append(
        world.engine.start_case("nrm_case", data, agency=code, actor=code).case.id
    )


@given(parsers.re(rf'a "(?P<process_id>[\w-]+)" case reported by {AGENCY}$'))
def start_process(
    world: World, process_id: str, agency: str, datatable: list[list[str]] | None = None
) -> None:
    """Start one SOP on its own with the table as initial data."""
    schema = world.engine.start_form(process_id)
    data = fill_form(
        dict(schema) if schema else None, table_data(datatable), world.clock.now().date()
    )
    code = agency_code(agency)
    world.case_ids.append(
        world.engine.start_case(process_id, data, agency=code, actor=code).case.id
    )


@given(parsers.re(r"the parameter (?P<name>\w+) is (?P<value>.+)$"))
def parameter_is(
    world: World, db: Database, library: ProcessLibrary, name: str, value: str
) -> None:
    """Run the scenario with one parameter changed (before its case starts)."""
    assert name in world.engine.settings.params, f"no parameter {name!r}"
    params = {**world.engine.settings.params, name: parse_value(value)}
    settings = replace(world.engine.settings, params=params)
    world.engine = Engine(db, settings=settings, clock=world.clock, library=library)


@given(parsers.re(r"today is (?P<day>\d{4}-\d{2}-\d{2})$"))
def today_is(world: World, day: str) -> None:
    """Move the clock forward to that day, at the scenarios' hour (09:00 UTC, 15:00 in
    Bishkek); timers and escalations due on the way fire at the next step that lets time
    pass."""
    moment = datetime.combine(date.fromisoformat(day), world.clock.now().timetz())
    assert moment >= world.clock.now(), f"{day} is before the scenario's clock"
    world.clock.set(moment)


# --- When -------------------------------------------------------------------------------


@when(parsers.re(rf'{AGENCY} completes? "(?P<task>[^"]+)"(?: with)?:?$'))
def complete_task(
    world: World, agency: str, task: str, datatable: list[list[str]] | None = None
) -> None:
    """Complete the agency's open task with the table's fields (others get example values,
    also those the answers make required)."""
    _complete(world, agency, task, datatable, conditional=True)


@when(parsers.re(rf'{AGENCY} tries to complete "(?P<task>[^"]+)"(?: with)?:?$'))
def try_to_complete_task(
    world: World, agency: str, task: str, datatable: list[list[str]] | None = None
) -> None:
    """Complete the task as above, but leave out what the answers make required (that is
    what a refusal is about); when the form refuses the answers, keep the refusal for a
    Then step (the task stays open)."""
    try:
        _complete(world, agency, task, datatable, conditional=False)
    except InvalidDataError as exc:
        world.refused = exc
    else:
        world.refused = None


def _complete(
    world: World, agency: str, task: str, datatable: list[list[str]] | None, *, conditional: bool
) -> None:
    code = agency_code(agency)
    found = world.find_task(code, task)
    schema = world.engine.task_form(found.id)
    case = world.engine.task_data(found.case_id, found.id) if read_only_fields(schema) else {}
    data = fill_form(
        dict(schema) if schema else None,
        table_data(datatable),
        world.clock.now().date(),
        conditional=conditional,
        case=case,
    )
    world.engine.complete_task(found.id, data, actor=code, agency=code)


def _message_data(
    world: World, name: str, datatable: list[list[str]] | None = None, *, conditional: bool = True
) -> dict[str, Any]:
    schema = world.engine.message_form(world.case_id, name)
    case = world.engine.get_case(world.case_id).data if read_only_fields(schema) else {}
    return fill_form(
        dict(schema) if schema else None,
        table_data(datatable),
        world.clock.now().date(),
        conditional=conditional,
        case=case,
    )


@when(parsers.re(rf'{AGENCY} sends? the message "(?P<name>[\w-]+)"(?: with)?:?$'))
def send_message(
    world: World, agency: str, name: str, datatable: list[list[str]] | None = None
) -> None:
    """Deliver a message from the agency to the case, with the table's fields (others get
    example values from the message's form)."""
    code = agency_code(agency)
    data = _message_data(world, name, datatable)
    world.engine.deliver_message(world.case_id, name, data, actor=code, agency=code)


@when(parsers.re(rf'{AGENCY} tries to send the message "(?P<name>[\w-]+)"(?: with)?:?$'))
def try_to_send_message(
    world: World, agency: str, name: str, datatable: list[list[str]] | None = None
) -> None:
    """Send the message as above; when its form refuses the content (the case's data counted:
    a `readOnly` field such as presumed_child comes from the case), keep the refusal for
    "the answers are refused for …" (nothing is delivered)."""
    code = agency_code(agency)
    data = _message_data(world, name, datatable, conditional=False)
    try:
        world.engine.deliver_message(world.case_id, name, data, actor=code, agency=code)
    except InvalidDataError as exc:
        world.refused = exc
    else:
        world.refused = None


@when(parsers.re(r"(?P<count>\d+) (?P<unit>hours?|days?|weeks?|working days?) pass(?:es)?$"))
def time_passes(world: World, count: str, unit: str) -> None:
    """Move the clock; every timer due on the way fires at its moment."""
    world.pass_time(world.later(int(count), unit))


# --- Then -------------------------------------------------------------------------------


@then(parsers.re(rf'{AGENCY} (?:has|have) an? (?:open )?task "(?P<task>[^"]+)"$'))
def has_task(world: World, agency: str, task: str) -> None:
    """The agency's inbox holds the task for this case."""
    world.find_task(agency_code(agency), task)


@then(parsers.re(rf'{AGENCY} cannot send the message "(?P<name>[\w-]+)"$'))
def cannot_send_message(world: World, agency: str, name: str) -> None:
    """The agency's message (with valid example content) is refused: not a sender, or the
    case does not wait for it; nothing in the case changes."""
    code = agency_code(agency)
    before = world.case()
    data = _message_data(world, name)
    with pytest.raises((NotMessageSenderError, MessageNotAwaitedError)):
        world.engine.deliver_message(world.case_id, name, data, actor=code, agency=code)
    after = world.case()
    assert (after.status, after.data) == (before.status, before.data)
    assert sorted(t.id for t in after.open_tasks) == sorted(t.id for t in before.open_tasks)


@then(parsers.re(r'the case (?P<negated>does not wait|waits) for the message "(?P<name>[\w-]+)"$'))
def waits_for_message(world: World, negated: str, name: str) -> None:
    """The message is (or is not) among those the case waits for now."""
    awaited = [m.name for m in world.engine.awaited_messages(world.case_id)]
    assert (name in awaited) == (negated == "waits"), awaited


@then(parsers.re(rf'{AGENCY} (?:has|have) no task "(?P<task>[^"]+)"$'))
def has_no_task(world: World, agency: str, task: str) -> None:
    """The agency has no open task of that name in this case."""
    code = agency_code(agency)
    assert task not in [t.name for t in world.open_tasks(code)], f"{code} has {task!r}"


@then(parsers.re(rf"{AGENCY} (?:has|have) no open tasks?$"))
def has_no_open_tasks(world: World, agency: str) -> None:
    """Nothing of this case waits in the agency's inbox."""
    code = agency_code(agency)
    assert world.open_tasks(code) == [], [t.name for t in world.open_tasks(code)]


@then(
    parsers.re(
        r'the task "(?P<task>[^"]+)" is due in (?P<count>\d+) '
        r"(?P<unit>hours?|days?|weeks?|working days?)$"
    )
)
def task_due_in(world: World, task: str, count: str, unit: str) -> None:
    """The open task's deadline is that far from now."""
    found = next((t for t in world.open_tasks() if t.name == task), None)
    assert found is not None, f"no open task {task!r}"
    assert found.due_at == world.later(int(count), unit), (found.due_at, world.clock.now())


@then(parsers.re(r'the task "(?P<task>[^"]+)" is due on (?P<day>\d{4}-\d{2}-\d{2})$'))
def task_due_on(world: World, task: str, day: str) -> None:
    """The open task's deadline falls on that day in Bishkek."""
    found = next((t for t in world.open_tasks() if t.name == task), None)
    assert found is not None and found.due_at is not None, f"no open task {task!r} with a date"
    assert found.due_at.astimezone(BISHKEK).date() == date.fromisoformat(day), found.due_at


@then(
    parsers.re(
        rf'"(?P<task>[^"]+)" is (?P<neg>not )?escalated to the (?P<role>supervisors|head) '
        rf"of {AGENCY}$"
    )
)
def escalated_to(world: World, task: str, neg: str | None, role: str, agency: str) -> None:
    """The task's escalation ladder told (or has not told) that agency's supervisors (or its
    head)."""
    told = world.escalations(task)
    wanted = (agency_code(agency), "supervisor" if role == "supervisors" else "head")
    assert (wanted in told) != bool(neg), f"{task!r} was told to {told}"


@then(parsers.re(r'"(?P<task>[^"]+)" is not escalated$'))
def not_escalated(world: World, task: str) -> None:
    """Nobody has been told about the task (it is not past its deadline, or was done)."""
    assert world.escalations(task) == [], world.escalations(task)


@then(parsers.re(r'the case is closed with outcome "(?P<outcome>[\w-]+)"$'))
def closed_with_outcome(world: World, outcome: str) -> None:
    """The case ended, with this outcome (or the SOP's result field when run on its own)."""
    case = world.case()
    assert case.status == "completed", f"case is {case.status}; open: " + str(
        [(t.agency, t.name) for t in case.open_tasks]
    )
    result = case.outcome or case.data.get(RESULT_FIELDS.get(case.process_id, "case_outcome"))
    assert result == outcome


@then("the case is closed")
def closed(world: World) -> None:
    """The case ended (whatever its outcome)."""
    case = world.case()
    assert case.status == "completed", f"case is {case.status}; open: " + str(
        [(t.agency, t.name) for t in case.open_tasks]
    )


@then(parsers.re(rf'{AGENCY} (?:has|have) (?P<count>\d+) (?:open )?tasks "(?P<task>[^"]+)"$'))
def has_tasks(world: World, agency: str, count: str, task: str) -> None:
    """The agency has exactly that many open tasks of that name (multi-instance tasks)."""
    code = agency_code(agency)
    found = [t for t in world.open_tasks(code) if t.name == task]
    assert len(found) == int(count), [t.name for t in world.open_tasks(code)]


@then(parsers.re(r"the answers are refused for (?P<fields>\w+(?:, \w+)*)$"))
def answers_refused(world: World, fields: str) -> None:
    """The last `tries to complete` was refused, naming (at least) these fields."""
    assert world.refused is not None, "the answers were accepted"
    named = {e.field for e in world.refused.errors}
    assert set(fields.split(", ")) <= named, named


@then("the case is open")
def case_is_open(world: World) -> None:
    """The case still runs."""
    assert world.case().status == "open"


@then(parsers.re(r"the case data has no (?P<name>\w+)$"))
def case_data_lacks(world: World, name: str) -> None:
    """The field is not in the case data at all (e.g. identity removed when the case ended)."""
    data = world.case().data
    assert name not in data, (name, data[name])


@then(parsers.re(r"the case data has (?P<name>\w+(?:\.\w+)*) = (?P<value>.+)$"))
def case_data_has(world: World, name: str, value: str) -> None:
    """A field of the case data has this value (`a.b.c`: a key inside a field's object, such as
    one service's record in `rehab_services_delivered.medical.provider`)."""
    found: Any = world.case().data
    for part in name.split("."):
        assert isinstance(found, dict) and part in found, f"no {part!r} in the case data's {name}"
        found = found[part]
    assert found == parse_value(value.strip()), (name, found)
