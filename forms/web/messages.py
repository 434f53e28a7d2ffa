"""Record an answer the case waits for (a message from outside: a consulate's travel
documents, a court's hearing date, a withdrawn consent): its form from the message's schema,
sent like a task form (CSRF, an idempotency key, errors first), through the API's services."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from fastapi import APIRouter, Request
from sqlmodel import Session
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep
from api.routes.common import run_step
from api.schemas import MessagePublic, StepPublic
from api.services import access_log, messages, timeline, visibility
from api.services.policy import casework_agency
from engine.db import read_session
from engine.errors import InvalidDataError
from engine.facade import Engine
from engine.models import Case
from forms import fielderrors, fieldlabels, formparse, formview
from forms.formview import Raw
from forms.web.casedata import ChildSafety, context_rows, suspect_said, version_index
from forms.web.deps import PostedForm, WebUser
from forms.web.render import page, session_of, translator
from forms.web.routing import PageRoute
from forms.web.tasks import next_tasks
from forms.web.withdrawal import asks_whom, case_agencies, narrow, serving, serving_warnings

router = APIRouter(route_class=PageRoute, include_in_schema=False)

# The person's consent as the case holds it, shown above a form that limits or withdraws it
# (second page review P-7: "police report: no" before she is asked what she withdraws).
CURRENT_CONSENT = [
    # a withdrawal recorded already comes first: "consents to referral: yes" below it is the
    # consent as first given (pages review 3, P3-5)
    "consent_withdrawn_scope",
    "consent_withdrawn_on",
    "consent_still_agrees_to_help",
    "consent_help_continuing",
    "consent_referral",
    "consent_police_report",
    "consent_police_report_withdrawn",
    "referral_consent_receivers",
    "consent_withdrawn_from",
]


# What the person tells the agency serving her (pages review 3, P3-10): her rights, recorded
# from a block of its own near the top of the case page ("What the person told us"), never
# among the answers other agencies send. Per message: its button, and the form's send button.
PERSON_MESSAGES: dict[str, tuple[str, str]] = {
    "consent_withdrawn": ("case.person.withdrew", "case.person.submit_withdrew"),
    "consent_limited": ("case.person.limited", "case.person.submit_limited"),
    "contact_lost": ("case.person.contact_lost", "case.person.submit_contact_lost"),
    "proceedings_takes_part": ("case.person.takes_part", "case.person.submit_takes_part"),
}


def changes_consent(schema: dict[str, Any] | None) -> bool:
    """True for an answer's form that limits or withdraws the person's consent (it asks to
    whom sharing stops)."""
    return "consent_withdrawn_from" in ((schema or {}).get("properties") or {})


def _answer(
    engine: Engine, caller: WebUser, case_id: str, name: str, sent_form: str | None = None
) -> tuple[Case, MessagePublic]:
    with read_session(engine.db) as session:
        return messages.answer(
            engine=engine,
            session=session,
            caller=caller,
            case_id=case_id,
            name=name,
            sent_form=sent_form,
        )


def message_title(message: MessagePublic, task_forms: frozenset[str] = frozenset()) -> str:
    """The answer's title as its form words it (translated), else the catch event's name —
    also when its form is a task's (IOM's "Organise assisted return" carries the departure:
    the answer is "Departed for home", not a task to do)."""
    schema = message.form_schema or {}
    title = schema.get("title")
    if message.form in task_forms or not (isinstance(title, str) and title):
        return message.title
    return str(title)


def task_forms(engine: Engine, case: Case) -> frozenset[str]:
    """The forms of the user tasks of the case's version (a message reusing one is titled by
    its catch event)."""
    with read_session(engine.db) as session:
        loaded = visibility.version_of(engine, session, case)
    return frozenset(str(t.form) for t in loaded.bundle.tasks.values() if t.form)


@router.get("/cases/{case_id}/messages/{name}")
def show_answer(
    request: Request, case_id: str, name: str, engine: EngineDep, caller: WebUser
) -> Response:
    """The form of an answer the case waits for, for an agency that may record it."""
    case, message = _answer(engine, caller, case_id, name)
    return answer_page(request, case, message, {})


def answer_page(
    request: Request,
    case: Case,
    message: MessagePublic,
    values: dict[str, Raw],
    *,
    errors: dict[str, str] | None = None,
    general: list[str] | None = None,
    status: int = 200,
    submission: str | None = None,
) -> Response:
    """Render the answer's page with these raw values and field errors, beside what the case
    already holds that the form shows (`x-context`, within need to know)."""
    t = translator(request)
    engine: Engine = request.app.state.engine
    wanted = [str(f) for f in (message.form_schema or {}).get("x-context") or []]
    current = CURRENT_CONSENT if changes_consent(message.form_schema) else []
    # the form's readOnly fields (presumed_child) settle its conditions on them: "who
    # withdrew" is required for a child, not shown as "required if presumed a child" to all
    settled = [n for n, p in formview.properties(message.form_schema).items() if p.get("readOnly")]
    with read_session(engine.db) as session:
        known = timeline.known_to(
            engine=engine,
            session=session,
            caller=request.state.caller,
            case=case,
            fields=wanted + [f for f in current + settled if f not in wanted],
        )
        index = version_index(engine, session, case)
        sections = formview.build(message.form_schema, values, errors, case=known)
        people = _child_people(request, engine, session, case) if current else None
        option_names: dict[str, dict[str, str]] = {}
        option_warnings: dict[str, dict[str, str]] = {}
        if asks_whom(message.form_schema):
            # every agency holding or to receive her data here, open tasks first (P3-11)
            data = engine.get_case(case.id).data
            already = data.get("consent_withdrawn_from")
            words = narrow(
                t,
                sections,
                case_agencies(engine, session, case, data),
                [str(a) for a in already] if isinstance(already, list) else [],
            )
            option_names = {"consent_withdrawn_from": words} if words else {}
            helping = serving_warnings(t, words, serving(session, case, data))
            option_warnings = {"consent_withdrawn_from": helping} if helping else {}
    person = PERSON_MESSAGES.get(message.name)
    title = message_title(message, task_forms(engine, case))
    return page(
        request,
        "message.html",
        status=status,
        case=case,
        message=message,
        title=title,
        # the person's own word: titled by what she said and sent as "Record the withdrawal"
        heading=t(person[0]) if person else t("case.answer_title", title=t.form(title)),
        submit=t(person[1]) if person else t("case.answer_submit"),
        senders=", ".join(t(f"agency.{a}") for a in message.senders),
        description=(message.form_schema or {}).get("description") or "",
        sections=sections,
        option_names=option_names,
        option_warnings=option_warnings,
        context=context_rows(t, index, message.form_schema, known),
        consent_now=fieldlabels.rows(t, index, known, [f for f in current if f in known]),
        child_people=people,
        general=general or [],
        submission=submission or uuid4().hex,
    )


def _child_people(
    request: Request, engine: Engine, session: Session, case: Case
) -> ChildSafety | None:
    """On a child's case, whom the case knows around the child — the guardian now, the
    suspect replaced — above the form that records who withdrew or limited the consent
    (pages review 4, P4-3); names access-logged."""
    caller = request.state.caller
    found = visibility.child_people(
        engine=engine,
        session=session,
        case=case,
        agency=casework_agency(caller),
        data=engine.get_case(case.id).data,
    )
    if not found.data:
        return None
    access_log.record(
        engine=engine,
        caller=caller,
        case_id=case.id,
        fields=found.personal,
        endpoint="GET /cases/{id}/messages/{name}",
    )
    t = translator(request)
    index = version_index(engine, session, case)
    return suspect_said(t, index, found.data, ["child_guardian_name", "child_guardian_relation"])


@router.post("/cases/{case_id}/messages/{name}")
def record_answer(
    request: Request,
    case_id: str,
    name: str,
    form: PostedForm,
    engine: EngineDep,
    caller: WebUser,
) -> Response:
    """Deliver the answer (field errors shown first, nothing recorded); then the case page
    says what was recorded and what opened next."""
    sent_form = form.get("form")
    submission = str(form.get("submission") or "")[:100] or None
    # A submission sent again (a double click, a reload) is read by the form it was sent
    # with, so that its idempotency key replays the first result.
    replay = sent_form if isinstance(sent_form, str) and submission else None
    case, message = _answer(engine, caller, case_id, name, replay)
    values = formparse.raw_values(message.form_schema, form.getlist)
    data = formparse.parse(message.form_schema, values)
    try:
        _status, step = run_step(
            request.app,
            messages.send,
            for_case=case.id,
            caller=caller,
            case_id=case.id,
            name=message.name,
            data=data,
            idempotency_key=submission,
        )
    except InvalidDataError as exc:
        per_field, general = fielderrors.localise(
            translator(request), message.form_schema, exc.errors, data
        )
        return answer_page(
            request,
            case,
            message,
            values,
            errors=per_field,
            general=general,
            status=422,
            submission=submission,
        )
    flash = answered_flash(case, message, data, step, task_forms(engine, case))
    session_of(request).update(flash=flash)
    return RedirectResponse(f"/cases/{case.id}", status_code=303)


def answered_flash(
    case: Case,
    message: MessagePublic,
    data: dict[str, Any],
    step: StepPublic,
    forms_of_tasks: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """What the case page says after an answer: which answer, which fields it recorded (their
    labels: the session cookie never carries values; the case page words them from the case,
    as its timeline does, by the message's name), and the tasks that opened next."""
    fields = formview.editable(message.form_schema).items()
    recorded = [str(prop.get("title") or name) for name, prop in fields if name in data]
    return {
        "kind": "answered",
        "title": message_title(message, forms_of_tasks),
        "message": message.name,
        "case_number": case.number,
        "fields": recorded,
        "closed": step.case.status != "open",
        "outcome": step.case.outcome,
        "next": next_tasks(step),
    }
