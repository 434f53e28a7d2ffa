"""Where the task an answer opens will go, said beside that answer (pages review 4, P4-9: the
status decision asked "by whom she will be told" as free text — "the NGO at the next meeting"
— while the task "Tell the person" went to whichever agency serves her, social services on
one case and the NGO on another; the officer could not know which)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from api.services import visibility
from engine.agencies import resolve_lane
from engine.facade import Engine
from forms import formview
from forms.translate import Translator

# A field of a form -> the form of the task its answer opens (the diagram decides who gets it).
FOLLOW_UPS = {"status_decision_tell_plan": "identification_decision_told.schema.json"}


def notes(
    t: Translator,
    engine: Engine,
    session: Session,
    case: visibility.CaseLike,
    schema: Mapping[str, Any] | None,
    data: Mapping[str, Any],
) -> dict[str, str]:
    """Per field of the form that opens a task: "The task «…» will go to: <agency>", the
    agency its lane gives in this case now (`data`: the whole case's)."""
    props = formview.properties(schema)
    asked = {f: form for f, form in FOLLOW_UPS.items() if f in props}
    if not asked:
        return {}
    tasks = visibility.version_of(engine, session, case).bundle.tasks.values()
    found: dict[str, str] = {}
    for field, form in asked.items():
        task = next((x for x in tasks if x.form == form), None)
        agency = resolve_lane(task.lane_id, data, engine.settings.params) if task else None
        if task and agency:
            words = t(
                "task.follow_up_goes_to", task=t.task_name(task.name), agency=t(f"agency.{agency}")
            )
            found[field] = words
    return found
