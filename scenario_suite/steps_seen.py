"""The scenarios' steps about what an agency is shown of a case and what its history records
(bound with the rest through scenario_suite/steps.py)."""

from __future__ import annotations

from pytest_bdd import parsers, then
from sqlmodel import Session, select

from api.services.visibility import may_see_personal, serving_agencies
from engine.forms import declared_fields
from engine.models import AuditEvent
from scenario_suite.world import AGENCY, World, agency_code


@then(parsers.re(rf"{AGENCY} (?:is|are) shown none of (?P<fields>\w+(?:, \w+)*) in this case$"))
def shown_none_of(world: World, agency: str, fields: str) -> None:
    """No form of the agency's tasks in the case, open or done, shows these fields."""
    code, hidden = agency_code(agency), set(fields.split(", "))
    assert world.case().reporting_agency != code, f"{agency} reported the case"
    for task in world.engine.case_tasks(world.case_id, status=None):
        if task.agency == code:
            shown = declared_fields(world.engine.task_form(task.id)) & hidden
            assert not shown, (task.name, sorted(shown))


@then(parsers.re(rf"{AGENCY} (?:is|are) shown (?P<negated>no |)personal data of this case$"))
def shown_personal_data(world: World, agency: str, negated: str) -> None:
    """Whether the agency may see the case's personal fields now (api/services/visibility: the
    serving agency, consular, the identifying authority for a child or with consent to a police
    report, never one the person withdrew consent from)."""
    code = agency_code(agency)
    serving = serving_agencies(world.open_tasks())
    allowed = may_see_personal(
        agency=code, data=world.case().data, serving=serving, params=world.engine.settings.params
    )
    assert allowed is not bool(negated), (code, "may see" if allowed else "may not see")


@then(parsers.re(rf'the case history records "(?P<task>[^"]+)" moved from {AGENCY} to (?P<to>.+)$'))
def task_moved(world: World, task: str, agency: str, to: str) -> None:
    """The audit trail has the open task moved to the agency now serving the person."""
    with Session(world.engine.db) as session:
        events = session.exec(
            select(AuditEvent).where(
                AuditEvent.case_id == world.case_id, AuditEvent.action == "task.reassigned"
            )
        ).all()
    moves = [
        (e.task_name, (e.detail or {}).get("from"), (e.detail or {}).get("to")) for e in events
    ]
    assert (task, agency_code(agency), agency_code(to)) in moves, moves
