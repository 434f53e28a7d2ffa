"""Summary lines that tell cases apart (inbox and case list), and the SOPs to filter by."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from api.services import cases, visibility
from api.services.policy import Caller
from engine.facade import Engine
from engine.models import Case
from forms import fieldlabels, timewords
from forms.translate import Translator
from forms.web.soplabel import sop_labels, words

ROOT_PROCESS = "nrm_case"


def lines(
    *, engine: Engine, session: Session, caller: Caller, t: Translator, case_ids: list[str]
) -> dict[str, dict[str, Any]]:
    """Each case's summary in words: pseudonym, child or age band, immediate danger, region,
    the SOPs it is in now and its next deadline."""
    found = cases.summaries(
        engine=engine, session=session, caller=caller, case_ids=list(dict.fromkeys(case_ids))
    )
    index = fieldlabels.field_index({"report": engine.start_form(ROOT_PROCESS)})
    running = {
        case_id: _running(engine, session, case_id) for case_id, s in found.items() if s.sops
    }
    agency = caller.agency or ""
    urgent = {
        c for c, s in found.items() if _urgent(engine, session, c, s.referral_urgency, agency)
    }
    now = engine.clock.now()
    return {
        case_id: {
            "pseudonym": s.pseudonym,
            "child": s.child,
            "age_group": s.age_group if s.age_group and s.age_group != "unknown" else None,
            "danger": s.immediate_danger,
            # "nowhere safe to sleep tonight" while her referral is open (P3-9)
            "urgent": case_id in urgent,
            "region": fieldlabels.display(t, index, "region", s.region) if s.region else None,
            # named by what runs in them now (P3-12: "Non-punishment", not a criminal case)
            "sops": [
                words(t, label, name)
                for name in s.sops
                for label in (running.get(case_id) or {}).get(name) or [name]
            ],
            "deadline": timewords.deadline(t, s.next_due, now) if s.next_due else None,
            "due_at": s.next_due,
            "overdue": s.overdue,
            # whose step the case's next deadline is (a task page names it beside its own)
            "due_task_id": s.next_due_task.id if s.next_due_task else None,
            "due_task": t.task_name(s.next_due_task.name) if s.next_due_task else None,
            "due_agency": t("agency." + s.next_due_task.agency)
            if s.next_due_task and s.next_due_task.agency
            else t("common.unassigned"),
        }
        for case_id, s in found.items()
    }


def _running(engine: Engine, session: Session, case_id: str) -> dict[str, list[str]]:
    case = session.get(Case, case_id)
    if case is None:
        return {}
    bundle = visibility.version_of(engine, session, case).bundle
    return sop_labels(bundle, engine.case_tasks(case_id))


URGENT = ("referral_urgency", "immediate")
REFERRAL = "referral"


def _urgent(
    engine: Engine, session: Session, case_id: str, urgency: str | None, agency: str
) -> bool:
    """A referral marked "Immediate: the person has no safe place tonight" (from the case's
    kept summary: a list never restores a workflow) with the referral's tasks (accept, first
    assistance) still open — said only to the agencies that refer or receive her (the case's
    reporter, an agency with a task of the referral): the police and the prosecutor do not
    need her housing (pages review 4, P4-12)."""
    if urgency != URGENT[1]:
        return False
    case = session.get(Case, case_id)
    if case is None:
        return False
    sop_of = visibility.version_of(engine, session, case).bundle.sop_of
    open_referral = [t for t in engine.case_tasks(case_id) if sop_of(t.process_id) == REFERRAL]
    if not open_referral:
        return False
    if agency == case.reporting_agency or agency in {t.agency for t in open_referral}:
        return True
    done = engine.case_tasks(case_id, status="completed")
    return any(t.agency == agency and sop_of(t.process_id) == REFERRAL for t in done)


def sop_choices(engine: Engine, session: Session, t: Translator) -> list[tuple[str, str]]:
    """(process id, name in the page language) of the SOPs a case can be in."""
    bundle = engine.library.latest(session, ROOT_PROCESS).bundle
    named = [(pid, t.form(d.name or pid)) for pid, d in bundle.processes.items()]
    return sorted(named, key=lambda item: item[1])
