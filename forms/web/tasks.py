"""One task: its form from JSON Schema, claim and release, drafts, and submitting it."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from fastapi import APIRouter, Request
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep, load_task
from api.routes.common import run_step
from api.schemas import StepPublic, TaskDetail
from api.services import cases, tasks, visibility
from api.services.policy import Caller
from engine import codes
from engine.db import read_session
from engine.errors import ConflictError, InvalidDataError, NrmError, OverrideNotConfirmedError
from engine.facade import Engine
from engine.models import Case
from forms import drafts, fielderrors, fieldlabels, formparse, formview, timewords
from forms.fieldlabels import FieldIndex
from forms.formview import Raw
from forms.translate import Translator, language
from forms.web import consentnow, followups, receivers, summary
from forms.web.casedata import child_safety, context_rows, version_index
from forms.web.deps import PostedForm, ReadableTaskPage, TaskPage, WebUser
from forms.web.expiry import keeps_typed
from forms.web.render import page, session_of, translator
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
OPEN_STATES = ("ready", "claimed")
# The form of the task that closes a whole case (the case may still wait for a follow-up).
CLOSURE_FORM = "case_closure.schema.json"


@router.get("/tasks/{task_id}")
def show_task(
    request: Request, ctx: ReadableTaskPage, engine: EngineDep, caller: WebUser
) -> Response:
    """The task and its form (pre-filled from the case, then from the user's draft); a task
    of another agency escalated to the user, read-only."""
    with read_session(engine.db) as session:
        detail = tasks.detail(
            engine=engine, session=session, caller=caller, task=ctx.task, case=ctx.case
        )
        index = version_index(engine, session, ctx.case)
        in_case = not ctx.read_only or _takes_part(session, ctx.case.id, caller)
    if ctx.read_only:
        return task_page(request, engine, detail, index, {}, read_only=True, in_case=in_case)
    values = formview.initial_values(detail.form_schema, detail.data)
    draft = drafts.get(engine=engine, username=caller.username, task_id=detail.id)
    if draft is not None and detail.status in OPEN_STATES:
        values.update(draft.data)
    saved_at = draft.saved_at if draft else None
    return task_page(request, engine, detail, index, values, draft_saved_at=saved_at)


def _takes_part(session: Session, case_id: str, caller: Caller) -> bool:
    """True when the user's agency takes part in the case (may open its page)."""
    agency = caller.agency or ""
    query = select(Case.id).where(Case.id == case_id, visibility.takes_part(agency))
    return session.exec(query).first() is not None


def _assignable(engine: Engine, caller: Caller, detail: TaskDetail) -> list[str]:
    """Whom a supervisor may give this open task to (nobody, for other users)."""
    if not caller.is_supervisor or detail.status not in OPEN_STATES:
        return []
    with read_session(engine.db) as session:
        return tasks.assignable(session=session, agency=detail.agency)


def task_page(
    request: Request,
    engine: Engine,
    detail: TaskDetail,
    index: FieldIndex,
    values: dict[str, Raw],
    *,
    errors: dict[str, str] | None = None,
    general: list[str] | None = None,
    status: int = 200,
    draft_saved_at: Any = None,
    submission: str | None = None,
    read_only: bool = False,
    in_case: bool = True,
) -> Response:
    """Render the task page with these raw values and field errors; `read_only`: for a rung
    its escalation told, in another agency (`in_case`: theirs takes part in the case)."""
    t, now = translator(request), engine.clock.now()
    caller: Caller = request.state.caller
    with read_session(engine.db) as session:
        line = summary.lines(
            engine=engine, session=session, caller=caller, t=t, case_ids=[detail.case_id]
        )
        status_only = tasks.without_police_report(
            engine=engine, session=session, task_id=detail.id, case_id=detail.case_id
        )
        # since when she no longer shares her data with this agency, as the case page says
        # (pages review 3, P3-7: the decision page did not say she had withdrawn, nor when)
        case_row = session.get(Case, detail.case_id)
        raw = engine.get_case(detail.case_id).data
        limited, notes = None, {}
        if case_row is not None:
            limited = cases.limitation(engine=engine, session=session, caller=caller, case=case_row)
            # where the task an answer opens will go (pages review 4, P4-9)
            notes = followups.notes(t, engine, session, case_row, detail.form_schema, raw)
    roles = tasks.case_roles(engine=engine, case_id=detail.case_id)
    return page(
        request,
        "task.html",
        status=status,
        task=detail,
        assignable=_assignable(engine, caller, detail),
        is_open=detail.status in OPEN_STATES,
        sections=formview.build(
            detail.form_schema,
            values,
            errors,
            hidden=formview.not_asked(detail.form_schema, detail.data),
            case=detail.data,
        ),
        context=context_rows(t, index, detail.form_schema, detail.data, roles)
        + fixed_rows(t, index, detail.form_schema, detail.data, roles),
        child_safety=child_safety(t, index, caller.agency or "", detail.form_schema, detail.data),
        option_names=receivers.option_names(t, detail.form_schema, detail.data),
        field_notes=notes,
        refusal=receivers.refusal_reason(t, detail.form_schema, detail.data),
        answers=sent_answers(engine, t, index, detail, roles),
        roles=roles,
        case_summary=line.get(detail.case_id),
        errors=errors or {},
        general=general or [],
        deadline=timewords.deadline(t, detail.due_at, now),
        waited=timewords.waited(t, detail.created_at, now),
        draft_saved_at=draft_saved_at,
        submission=submission or uuid4().hex,
        read_only=read_only,
        in_case=in_case,
        status_only=status_only,
        limited_since=consentnow.limited_since(t, raw, limited),
        consent_now=None if limited else consentnow.line(t, index, raw),
    )


def fixed_rows(
    t: Translator,
    index: FieldIndex,
    schema: dict[str, Any] | None,
    data: dict[str, Any],
    roles: dict[str, str] | None = None,
) -> list[tuple[str, str, bool]]:
    """A child's answers the procedure fixes (`formview.child_answers`: "Receiver: Child
    protection"), as read-only rows beside what the case holds (page review P-4)."""
    fixed = formview.child_answers(schema, data)
    return fieldlabels.rows(t, index, fixed, list(fixed), roles)


def sent_answers(
    engine: Engine,
    t: Translator,
    index: FieldIndex,
    detail: TaskDetail,
    roles: dict[str, str] | None = None,
) -> list[tuple[str, str, bool]]:
    """A completed task's answers as they were sent (read-only rows), the fields its projected
    data holds (need to know; personal ones access-logged with it)."""
    if detail.status != "completed":
        return []
    sent = engine.completed_task_data(detail.case_id, [detail.id]).get(detail.id, {})
    shown = {name: sent[name] for name in detail.data if name in sent}
    return fieldlabels.rows(t, index, shown, list(formview.editable(detail.form_schema)), roles)


async def keep_task_form(request: Request, owner: Caller) -> str | None:
    """A task form posted after its sign-in ended, kept as the owner's draft of the task."""
    form = await request.form()
    sent = form.get("csrf_token")
    if not session_of(request).csrf_matches(sent if isinstance(sent, str) else None):
        return None
    engine: Engine = request.app.state.engine
    task_id = str(request.path_params.get("task_id", ""))
    return await run_in_threadpool(_keep, engine, owner, task_id, form)


def _keep(engine: Engine, owner: Caller, task_id: str, form: FormData) -> str | None:
    try:
        ctx = load_task(task_id, engine, owner)
    except NrmError:
        return None
    with read_session(engine.db) as session:
        schema = visibility.version_of(engine, session, ctx.case).bundle.form(ctx.task.form)
    values = formparse.raw_values(schema, form.getlist)
    saved = drafts.save(engine=engine, username=owner.username, task_id=task_id, values=values)
    return f"/tasks/{task_id}" if saved else None


@router.post("/tasks/{task_id}")
@keeps_typed(keep_task_form)
def submit_task(
    request: Request,
    ctx: TaskPage,
    form: PostedForm,
    engine: EngineDep,
    caller: WebUser,
) -> Response:
    """Save a draft, or complete the task (errors shown next to their fields); a language
    button of the header (it belongs to this form) saves the draft and switches language."""
    with read_session(engine.db) as session:
        detail = tasks.detail(
            engine=engine, session=session, caller=caller, task=ctx.task, case=ctx.case
        )
    values = formparse.raw_values(detail.form_schema, form.getlist)
    if form.get("lang") is not None:  # a language button in the header sends what was typed
        session_of(request).update(lang=language(str(form.get("lang"))))
        if drafts.save(engine=engine, username=caller.username, task_id=detail.id, values=values):
            session_of(request).update(flash={"kind": "draft_saved"})
        return RedirectResponse(f"/tasks/{detail.id}", status_code=303)
    if form.get("action") == "draft":
        if drafts.save(engine=engine, username=caller.username, task_id=detail.id, values=values):
            session_of(request).update(flash={"kind": "draft_saved"})
        return RedirectResponse(f"/tasks/{detail.id}", status_code=303)
    data = formparse.parse(detail.form_schema, values)
    submission = str(form.get("submission") or "")[:100] or None
    try:
        _status, step = run_step(
            request.app,
            tasks.complete,
            for_case=ctx.task.case_id,
            caller=caller,
            task=ctx.task,
            data=data,
            idempotency_key=submission,
            confirm_override=form.get("confirm_override") == "true",
        )
    except OverrideNotConfirmedError:
        with read_session(engine.db) as session:
            index = version_index(engine, session, ctx.case)
        t = translator(request)
        ask = t("task.confirm_override_needed", name=ctx.task.claimed_by or "")
        return task_page(
            request, engine, detail, index, values, general=[ask], status=409, submission=submission
        )
    except InvalidDataError as exc:
        with read_session(engine.db) as session:
            index = version_index(engine, session, ctx.case)
        per_field, general = fielderrors.localise(
            translator(request), detail.form_schema, exc.errors, data, index
        )
        return task_page(
            request,
            engine,
            detail,
            index,
            values,
            errors=per_field,
            general=general,
            status=422,
            submission=submission,
        )
    except ConflictError as exc:
        return lost_race(request, engine, detail, values, exc)
    closes = step.case.status != "open" or ctx.task.form == CLOSURE_FORM
    flash = completed_flash(detail, step, closes=closes)
    # answers the service left out because their condition was not met, said by their labels
    unmet = tasks.unmet_answers(detail.form_schema, data, lambda: detail.data)
    props = formview.properties(detail.form_schema)
    flash["dropped"] = [str(props[name].get("title") or name) for name in unmet]
    session_of(request).update(flash=flash)
    return RedirectResponse("/inbox", status_code=303)


def completed_flash(detail: TaskDetail, step: StepPublic, *, closes: bool) -> dict[str, Any]:
    """What the inbox says after a completion: the task, whether the case closed, and the
    tasks that opened next (each a link for the agency that may open it)."""
    return {
        "kind": "completed",
        "title": detail.title,
        "item": detail.item,
        "case_number": detail.case_number,
        "case_id": detail.case_id,
        "closed": closes,
        "outcome": step.case.outcome,
        "next": next_tasks(step),
    }


def next_tasks(step: StepPublic) -> list[dict[str, Any]]:
    """The tasks a step opened, as a flash message keeps them."""
    return [{"id": t.id, "title": t.title, "item": t.item, "agency": t.agency} for t in step.opened]


def lost_race(
    request: Request,
    engine: Engine,
    detail: TaskDetail,
    values: dict[str, Raw],
    exc: ConflictError,
) -> Response:
    """Someone else completed (or claimed) the task first: say who and when, calmly."""
    now_task = engine.get_task(detail.id)
    return page(
        request,
        "race.html",
        status=409,
        task=detail,
        current=now_task,
        kind=type(exc).__name__,
        typed=[
            (f.title, _typed_words(translator(request), f))
            for section in formview.build(detail.form_schema, values)
            for f in section.fields
            if f.value
        ],
    )


def _typed_words(t: Translator, f: formview.Field) -> str:
    """What the person typed or chose, in words: choices by their titles, yes or no, dates
    and codes as every other page says them (review F-X)."""
    titles = {c.value: t.form(c.title) for c in f.choices}
    titles |= {"true": t("common.yes"), "false": t("common.no")} if f.widget == "yesno" else {}
    chosen = f.value if isinstance(f.value, list) else [f.value]

    def words(value: str) -> str:
        if value in titles:
            return titles[value]
        if f.codes:
            return codes.answer(f.codes, t.lang, value) or value
        if f.widget in ("date", "datetime"):
            return timewords.date_text(value, t.lang) or value
        return value

    return ", ".join(words(v) for v in chosen)


@router.post("/tasks/{task_id}/claim")
def claim(ctx: TaskPage, form: PostedForm, engine: EngineDep, caller: WebUser) -> Response:  # noqa: ARG001
    """Take the task."""
    tasks.claim(engine=engine, caller=caller, task=ctx.task)
    return RedirectResponse(_back(form.get("next"), ctx.task.id), status_code=303)


@router.post("/tasks/{task_id}/assign")
def assign(ctx: TaskPage, form: PostedForm, engine: EngineDep, caller: WebUser) -> Response:
    """Give the task to a caseworker of the agency (supervisors)."""
    username = form.get("username")
    tasks.assign(
        engine=engine,
        caller=caller,
        task=ctx.task,
        username=username if isinstance(username, str) else "",
    )
    return RedirectResponse(f"/tasks/{ctx.task.id}", status_code=303)


@router.post("/tasks/{task_id}/release")
def release(ctx: TaskPage, form: PostedForm, engine: EngineDep, caller: WebUser) -> Response:
    """Give the task back to the agency inbox."""
    tasks.release(engine=engine, caller=caller, task=ctx.task)
    return RedirectResponse(_back(form.get("next"), ctx.task.id), status_code=303)


def _back(target: Any, task_id: str) -> str:
    if isinstance(target, str) and target.startswith("/") and not target.startswith("//"):
        return target
    return f"/tasks/{task_id}"
