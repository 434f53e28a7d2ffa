"""Reading cases, tasks and forms: a mixin of `engine.facade.Engine` (no writes here)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session, col, select

from engine import casedata, casepath, cases, store
from engine.casediagram import CaseDiagram, current_process, draw, first_current, processes_of
from engine.context import EngineContext
from engine.db import read_session
from engine.errors import UnknownCaseError, UnknownProcessError, UnknownTaskError
from engine.library import LoadedVersion, ProcessLibrary
from engine.models import Case, CaseStatus, HumanTask, TaskStatus, Timer
from engine.spiff.clock import Clock
from engine.views import AwaitedMessage, CaseView, TaskView


class CaseReading:
    """Queries on cases and tasks; workflows are restored only where their state is needed."""

    db: Database
    ctx: EngineContext
    clock: Clock

    @property
    def library(self) -> ProcessLibrary:
        """The process library (validation, versions)."""
        return self.ctx.library

    def _case(self, session: Session, case_id: str) -> tuple[Case, LoadedVersion]:
        case = session.get(Case, case_id)
        if case is None:
            raise UnknownCaseError(f"No case {case_id}.", case_id=case_id)
        return case, self.library.version(session, case.process_version_id)

    def _workflow(self, session: Session, case: Case, loaded: LoadedVersion) -> Any:
        """The live workflow of a case (from the cache when it matches the case version)."""
        workflow = self.ctx.cache.get(case.id, case.version)
        if workflow is None:
            workflow = self.ctx.restore(store.load_state(session, case.id), loaded)
        if case.status == CaseStatus.OPEN:  # a closed case takes no more steps
            self.ctx.cache.put(case.id, case.version, workflow)
        return workflow

    def next_timer(self, case_ids: Sequence[str] | None = None) -> datetime | None:
        """When the next timer fires (of some cases only, when given)."""
        with read_session(self.db) as session:
            query = select(func.min(Timer.fire_at))
            if case_ids is not None:
                query = query.where(col(Timer.case_id).in_(list(case_ids)))
            moment: datetime | None = session.exec(query).one()
            return moment

    def start_form(self, process_id: str) -> Mapping[str, Any] | None:
        """The JSON Schema the newest version of a process validates its initial data with."""
        with read_session(self.db) as session:
            loaded = self.library.latest(session, process_id)
            return loaded.bundle.form(loaded.definition.start_form)

    def get_case(self, case_id: str) -> CaseView:
        """A case with its open tasks and full data (callers project it)."""
        with read_session(self.db) as session:
            case, loaded = self._case(session, case_id)
            workflow = self._workflow(session, case, loaded)
            tasks = [
                TaskView.of(r, case.number) for r in store.task_rows(session, case.id).values()
            ]
            return CaseView.of(case, loaded.version.version, tasks, casedata.case_data(workflow))

    def task_data(self, case_id: str, task_id: str) -> dict[str, Any]:
        """The full data one task of a case works on (its own copy over the case data:
        each instance of a multi-instance task sees its own item); callers project it."""
        with read_session(self.db) as session:
            case, loaded = self._case(session, case_id)
            return casedata.task_data(self._workflow(session, case, loaded), task_id)

    def completed_task_data(
        self, case_id: str, task_ids: Sequence[str]
    ) -> dict[str, dict[str, Any]]:
        """The data each completed task of a case held when it was completed (the answers
        as sent), by task id; callers project it."""
        with read_session(self.db) as session:
            case, loaded = self._case(session, case_id)
            return casedata.completed_data(self._workflow(session, case, loaded), task_ids)

    def awaited_messages(self, case_id: str) -> list[AwaitedMessage]:
        """The messages an open case waits for now: name, title, the agencies that may
        send it, its payload form (none for a closed case)."""
        with read_session(self.db) as session:
            case, loaded = self._case(session, case_id)
            if case.status != CaseStatus.OPEN:
                return []
            workflow = self._workflow(session, case, loaded)
            return cases.awaited(self.ctx, workflow, loaded.bundle)

    def message_form(self, case_id: str, name: str) -> Mapping[str, Any] | None:
        """The JSON Schema of a message's payload on the case's own version: the form of the
        catch event that waits for it now, else of any catch event of that name (None when
        none names one)."""
        with read_session(self.db) as session:
            case, loaded = self._case(session, case_id)
            schemas = [i.schema for i in loaded.bundle.messages.values() if i.message == name]
            if case.status == CaseStatus.OPEN:
                workflow = self._workflow(session, case, loaded)
                awaited = cases.awaited(self.ctx, workflow, loaded.bundle)
                schemas = [m.schema for m in awaited if m.name == name] + schemas
            found = next((s for s in schemas if s), None)
            return loaded.bundle.form(found)

    def case_path(self, case_id: str) -> casepath.CasePath:
        """Finished elements, taken sequence flows and open elements of a case."""
        with read_session(self.db) as session:
            case, loaded = self._case(session, case_id)
            workflow = self._workflow(session, case, loaded)
            return casepath.case_path(workflow, loaded.bundle)

    def case_diagrams(
        self,
        case_id: str,
        *,
        names: Callable[[str], str] | None = None,
        legend: bool = True,
    ) -> list[CaseDiagram]:
        """The case drawn on its version, one SVG per process it went through: the SOP of its
        most urgent open task first, then its own process and the called ones. Finished
        steps and taken flows `completed`, open elements `ready`, open tasks past their
        deadline and the activities holding them `overdue`; element names as `names` gives
        them (a page's language)."""
        with read_session(self.db) as session:
            case, loaded = self._case(session, case_id)
            workflow = self._workflow(session, case, loaded)
            path = casepath.case_path(workflow, loaded.bundle)
            tasks = [
                TaskView.of(r, case.number) for r in store.task_rows(session, case.id).values()
            ]
        open_tasks = [t for t in tasks if t.status == TaskStatus.READY]
        now = self.clock.now()
        drawn = [
            draw(loaded.bundle, path, p, open_tasks, now, names=names, legend=legend)
            for p in processes_of(path, case.process_id)
        ]
        diagrams = [d for d in drawn if d is not None]
        current = current_process(path, open_tasks, [d.process_id for d in diagrams])
        return first_current(diagrams, current)

    def case_diagram(self, case_id: str, process_id: str | None = None) -> str:
        """One process of the case as SVG (default: the case's own process)."""
        diagrams = self.case_diagrams(case_id)
        if process_id is None:
            with read_session(self.db) as session:
                process_id = self._case(session, case_id)[0].process_id
        for diagram in diagrams:
            if diagram.process_id == process_id:
                return diagram.svg
        raise UnknownProcessError(
            f"Case {case_id} has no diagram of {process_id!r}.", process_id=process_id
        )

    def case_tasks(
        self,
        case_id: str,
        *,
        status: str | None = TaskStatus.READY,
    ) -> list[TaskView]:
        """A case's tasks (open ones by default), oldest first."""
        with read_session(self.db) as session:
            case = session.get(Case, case_id)
            if case is None:
                raise UnknownCaseError(f"No case {case_id}.", case_id=case_id)
            query = select(HumanTask).where(HumanTask.case_id == case_id)
            if status is not None:
                query = query.where(HumanTask.status == status)
            rows = session.exec(query.order_by(col(HumanTask.created_at))).all()
            return [TaskView.of(r, case.number) for r in rows]

    def get_task(self, task_id: str) -> TaskView:
        """One task by id."""
        with read_session(self.db) as session:
            row = session.get(HumanTask, task_id)
            if row is None:
                raise UnknownTaskError(f"No task {task_id}.", task_id=task_id)
            case = session.get(Case, row.case_id)
            return TaskView.of(row, case.number if case else "")

    def task_form(self, task_id: str) -> Mapping[str, Any] | None:
        """The JSON Schema of a task's form (from the case's own version)."""
        with read_session(self.db) as session:
            row = session.get(HumanTask, task_id)
            if row is None:
                raise UnknownTaskError(f"No task {task_id}.", task_id=task_id)
            case = session.get(Case, row.case_id)
            assert case is not None
            return self.library.version(session, case.process_version_id).bundle.form(row.form)
