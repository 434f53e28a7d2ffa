"""What a case's inbox card and header call the procedure it is in now: by what runs, not
by the diagram that holds it (pages review 3, P3-12). A person who refused a police report
has only the prosecutor's non-punishment decision running in "Criminal proceedings" — the
page says "Non-punishment: prosecutor's decision", never that a criminal case runs; a return
stopped by a withdrawal of consent is named by the withdrawal, not "Repatriation"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from api.services.limitation import withdrawn_from
from api.services.visibility import police_may_know
from engine.definitions import CompiledBundle
from forms.translate import Translator

PROCEEDINGS = "proceedings"
NON_PUNISHMENT = "case.sop.non_punishment"  # "Non-punishment: prosecutor's decision"
NON_PUNISHMENT_FORMS = "proceedings_non_punishment"  # its forms' names start so
HEARING = "hearing_scheduled"


def _interrupting_esp(bundle: CompiledBundle, process_id: str) -> str | None:
    """The name of the interrupting event sub-process a task runs in (the procedure holding
    it stopped), else None."""
    if bundle.sop_of(process_id) == process_id:
        return None
    starts = [m for m in bundle.messages.values() if m.event_subprocess == process_id]
    if not starts or not all(m.interrupting for m in starts):
        return None
    info = next((i for i in bundle.tasks.values() if i.bpmn_id == process_id), None)
    return info.name if info is not None and info.name else None


def task_label(bundle: CompiledBundle, process_id: str, form: str | None) -> str:
    """The (English) name of what one open task's procedure runs now."""
    stopped = _interrupting_esp(bundle, process_id)
    if stopped:
        return stopped
    sop = bundle.sop_of(process_id)
    if sop == PROCEEDINGS and (form or "").startswith(NON_PUNISHMENT_FORMS):
        return NON_PUNISHMENT
    definition = bundle.processes.get(sop)
    return str(definition.name) if definition is not None and definition.name else sop


def sop_labels(bundle: CompiledBundle, tasks: Iterable[Any]) -> dict[str, list[str]]:
    """Per SOP name (as the case summary gives it), what runs in it now, by its open tasks
    (`process_id`, `form`): the SOP's own name unless every open task in it says otherwise."""
    found: dict[str, list[str]] = {}
    for task in tasks:
        sop = bundle.sop_of(task.process_id)
        definition = bundle.processes.get(sop)
        name = str(definition.name) if definition is not None and definition.name else sop
        found.setdefault(name, [])
        label = task_label(bundle, task.process_id, task.form)
        if label not in found[name]:
            found[name].append(label)
    return found


def words(t: Translator, label: str, sop: str | None = None) -> str:
    """A label in the page language (a procedure's or sub-process's name is a form text). A
    stopped procedure's event sub-process keeps its SOP in front ("SOP 2 - Referral: Consent
    withdrawn"): the caseworker sees where the case is and that what ran there stopped."""
    if label == NON_PUNISHMENT:
        return t(NON_PUNISHMENT)
    if sop and sop != label:
        return f"{t.form(sop)}: {t.form(label)}"
    return t.form(label)


def sop_name(bundle: CompiledBundle, process_id: str) -> str:
    """The name of the SOP holding a process (its id when it has none)."""
    sop = bundle.sop_of(process_id)
    definition = bundle.processes.get(sop)
    return str(definition.name) if definition is not None and definition.name else sop


def takes_part_in_proceedings(data: Mapping[str, Any]) -> bool:
    """A case where a court may hear the person: a child's, an adult's police report she has
    not withdrawn (nor her sharing with the police), or her later choice to take part."""
    return bool(
        data.get("presumed_child") is True
        or (police_may_know(data) and not withdrawn_from(data, "police"))
        or data.get("proceedings_takes_part_date")
    )
