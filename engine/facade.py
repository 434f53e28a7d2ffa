"""The engine facade: the one object the API, the forms, the CLI and the tests talk to.

Each public method is one unit of work (one transaction); Spiff objects never
come out of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy.engine import Engine as Database
from sqlmodel import Session, select

from engine import cases, claims, escalations, factbuild, halts
from engine.config import Settings, load_settings
from engine.context import EngineContext
from engine.db import make_engine, pool_options, read_session
from engine.deployjobs import DeploymentJobs
from engine.diagrams import Diagrams
from engine.errors import NrmError
from engine.escalations import DueRung, EscalationView
from engine.library import DeployResult, ProcessLibrary
from engine.models import Case, CaseStatus, ProcessVersion
from engine.monitoring import Monitoring
from engine.reading import CaseReading
from engine.requestrows import RequestRows
from engine.rowsql import TaskRow
from engine.scenario_gate import Gate
from engine.sources import SourceFile, read_library
from engine.spiff.clock import Clock, SystemClock
from engine.spiff.script_engine import NrmScriptEngine
from engine.spiff.serializer import StateSerializer
from engine.statcube import CubeCache
from engine.store import WorkflowCache
from engine.versioning import ProcessVersions
from engine.views import StepResult, TaskView

# Runs inside a step's transaction, after the step and before the commit: what a caller
# records there (an idempotency key, say) commits or rolls back together with the step.
# What it returns comes back as the step's `StepResult.hooked`.
StepHook = Callable[[Session, StepResult], Any]
log = logging.getLogger(__name__)


class Engine(CaseReading, RequestRows, ProcessVersions, DeploymentJobs, Diagrams, Monitoring):
    """Durable NRM cases on SpiffWorkflow."""

    def __init__(
        self,
        db: Database,
        *,
        settings: Settings | None = None,
        clock: Clock | None = None,
        library: ProcessLibrary | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.clock: Clock = clock or SystemClock()
        self.db = db
        self.ctx = EngineContext(
            db=db,
            library=library
            or ProcessLibrary(
                max_instances=self.settings.max_instances,
                text_max_length=self.settings.text_max_length,
            ),
            serializer=StateSerializer(),
            script_engine=NrmScriptEngine(
                self.clock,
                self.settings.params,
                self.settings.script_time_limit,
                data_limit=self.settings.max_step_data_bytes,
                max_instances=self.settings.max_instances,
                calendar=self.settings.calendar,
            ),
            clock=self.clock,
            params=self.settings.params,
            cache=WorkflowCache(self.settings.workflow_cache),
            max_step_data_bytes=self.settings.max_step_data_bytes,
        )
        self.stat_cache = CubeCache(self.settings.statistics_max_age)

    @classmethod
    def from_settings(
        cls,
        settings: Settings | None = None,
        *,
        clock: Clock | None = None,
    ) -> Engine:
        """An engine on the database the settings name."""
        settings = settings or load_settings()
        db = make_engine(settings.database_url, **pool_options(settings.api_threads))
        return cls(db, settings=settings, clock=clock)

    # --- processes -------------------------------------------------------------------

    def deploy(
        self,
        files: Sequence[SourceFile],
        *,
        deployed_by: str,
        note: str = "",
        gate: Gate | None = None,
    ) -> DeployResult:
        """Validate and store a bundle; changed processes get a new version. With a `gate`
        (policy staff, `nrm deploy`, the API), the changed processes' scenarios run first,
        nothing is stored if one fails, and the deployment is audited."""
        if gate is not None:
            return self._deploy_gated(files, deployed_by=deployed_by, note=note, gate=gate)
        return self._write(
            lambda s: self.library.deploy(
                s, files, deployed_by=deployed_by, now=self.clock.now(), note=note
            )
        )

    def deploy_library(self, *, deployed_by: str = "system") -> DeployResult:
        """Deploy the process library on disk (bpmn/ and forms/schemas/) if it changed."""
        files = read_library(self.settings.bpmn_dir, self.settings.forms_dir)
        return self.deploy(files, deployed_by=deployed_by, note="process library on disk")

    def processes(self) -> list[ProcessVersion]:
        """The newest version of every deployed process."""
        with read_session(self.db) as session:
            return self.library.latest_versions(session)

    def load_versions(self) -> int:
        """Parse now the versions the next steps will use: each process's newest and every
        version an open case runs on (else the first request to need one waits for it);
        returns how many. The server calls this at start-up."""
        with read_session(self.db) as session:
            ids = {v.id for v in self.library.latest_versions(session) if v.id is not None}
            ids.update(
                session.exec(
                    select(Case.process_version_id).where(Case.status == CaseStatus.OPEN).distinct()
                ).all()
            )
            for version_id in sorted(ids):
                self.library.version(session, version_id)
        return len(ids)

    # --- cases -------------------------------------------------------------------------

    def start_case(
        self,
        process_id: str,
        data: Mapping[str, Any],
        *,
        agency: str,
        actor: str,
        within: StepHook | None = None,
    ) -> StepResult:
        """Start a case; the caller's agency is the reporting agency."""
        return self._write(
            _hooked(
                lambda s: cases.start(
                    self.ctx, s, process_id=process_id, data=data, agency=agency, actor=actor
                ),
                within,
            )
        )

    def complete_task(
        self,
        task_id: str,
        data: Mapping[str, Any],
        *,
        actor: str,
        agency: str | None,
        override_claim: bool = False,
        within: StepHook | None = None,
    ) -> StepResult:
        """Complete a READY task of the agency with form data (one transaction)."""
        return self._write(
            _hooked(
                lambda s: cases.complete(
                    self.ctx,
                    s,
                    task_id=task_id,
                    data=data,
                    actor=actor,
                    agency=agency,
                    override_claim=override_claim,
                ),
                within,
            )
        )

    def deliver_message(
        self,
        case_id: str,
        name: str,
        data: Mapping[str, Any],
        *,
        actor: str,
        agency: str,
        within: StepHook | None = None,
    ) -> StepResult:
        """Deliver a message from an agency to the case's catch events waiting for it, its
        payload validated by the message's form; run the case on (one transaction)."""
        return self._write(
            _hooked(
                lambda s: cases.deliver_message(
                    self.ctx, s, case_id=case_id, name=name, data=data, actor=actor, agency=agency
                ),
                within,
            )
        )

    def claim_task(self, task_id: str, *, actor: str, agency: str | None) -> TaskView:
        """Claim a READY task of the caller's agency."""
        return self._write(
            lambda s: self._task_view(
                s, claims.claim(self.ctx, s, task_id=task_id, actor=actor, agency=agency)
            )
        )

    def release_task(
        self, task_id: str, *, actor: str, agency: str | None, override_claim: bool = False
    ) -> TaskView:
        """Release a claimed task (its claimant, or a supervisor with override_claim)."""
        return self._write(
            lambda s: self._task_view(
                s,
                claims.release(
                    self.ctx,
                    s,
                    task_id=task_id,
                    actor=actor,
                    agency=agency,
                    override_claim=override_claim,
                ),
            )
        )

    def assign_task(
        self, task_id: str, *, assignee: str, actor: str, agency: str | None
    ) -> TaskView:
        """Give an open task to a named caseworker of its agency (a supervisor's act)."""
        return self._write(
            lambda s: self._task_view(
                s,
                claims.assign(
                    self.ctx, s, task_id=task_id, assignee=assignee, actor=actor, agency=agency
                ),
            )
        )

    @staticmethod
    def _task_view(session: Session, row: TaskRow) -> TaskView:
        case = session.get(Case, row.case_id)
        return TaskView.of(row, case.number if case else "")

    def cancel_case(
        self, case_id: str, *, actor: str, agency: str | None, reason: str
    ) -> StepResult:
        """Cancel an open case."""
        return self._write(
            lambda s: cases.cancel(
                self.ctx, s, case_id=case_id, actor=actor, agency=agency, reason=reason
            )
        )

    def rebuild_facts(self, *, every_case: bool = False) -> int:
        """Statistics facts of the cases without any (or of all), from their workflow state;
        returns how many cases got facts (engine/factbuild.py)."""
        rebuilt = factbuild.rebuild(self.ctx, self.db, every_case=every_case)
        self.forget_statistics()
        return rebuilt

    def fire_due_timers(self, limit: int = 100, case_ids: Sequence[str] | None = None) -> list[str]:
        """Fire every timer due by the engine clock (of some cases only, when given);
        returns the cases that moved."""
        # One transaction per case: a failing case does not hold back the others' timers.
        return [c for c in self.due_cases(limit, case_ids) if self._fire_safely(c)]

    def due_cases(self, limit: int = 100, case_ids: Sequence[str] | None = None) -> list[str]:
        """Cases with a timer due by the engine clock (halted cases never)."""
        with read_session(self.db) as session:
            return cases.due_case_ids(session, now=self.clock.now(), limit=limit, case_ids=case_ids)

    def halt_case(
        self, case_id: str, *, process_id: str | None, element_id: str | None, reason: str
    ) -> bool:
        """Record that a step of the case was stopped at a limit (engine/halts.py): its timers
        wait until `resume_case`. False when there is no such case (a start never committed)."""
        return self._write(
            lambda s: halts.halt(
                s,
                case_id=case_id,
                process_id=process_id,
                element_id=element_id,
                reason=reason,
                now=self.clock.now(),
            )
        )

    def resume_case(self, case_id: str, *, actor: str) -> bool:
        """Fire the timers of a halted case again (audited); False if it was not halted."""
        return self._write(
            lambda s: halts.resume(s, case_id=case_id, actor=actor, now=self.clock.now())
        )

    def _fire_safely(self, case_id: str) -> bool:
        try:
            return self._write(partial(self._fire_case, case_id)) is not None
        except NrmError as exc:
            log.warning("timer in case %s failed: %s (%s)", case_id, exc.title, exc.details())
            return False

    def _fire_case(self, case_id: str, session: Session) -> StepResult | None:
        return cases.fire_timers(self.ctx, session, case_id=case_id)

    # --- escalation ladders (engine/escalations.py) ----------------------------------------

    def fire_due_escalations(
        self, limit: int = 100, case_ids: Sequence[str] | None = None
    ) -> list[EscalationView]:
        """Tell every rung due by the engine clock (of some cases only, when given), one
        transaction each; returns the rungs told."""
        with read_session(self.db) as session:
            due = escalations.due_rungs(
                session, now=self.clock.now(), limit=limit, case_ids=case_ids
            )
        return [told for d in due if (told := self._escalate_safely(d)) is not None]

    def _escalate_safely(self, due: DueRung) -> EscalationView | None:
        try:
            return self._write(
                lambda s: escalations.fire(self.ctx, s, task_id=due.task_id, case_id=due.case_id)
            )
        except NrmError as exc:
            log.warning("escalation of task %s failed: %s", due.task_id, exc.title)
            return None

    def next_escalation(self, case_ids: Sequence[str] | None = None) -> datetime | None:
        """When the next rung is due (of some cases only, when given)."""
        with read_session(self.db) as session:
            return escalations.next_due(session, case_ids)

    def case_escalations(self, case_id: str) -> list[EscalationView]:
        """Every rung told in a case, in the order told."""
        with read_session(self.db) as session:
            return escalations.of_case(session, case_id)


def _hooked(
    step: Callable[[Session], StepResult], within: StepHook | None
) -> Callable[[Session], StepResult]:
    """The step, followed in the same transaction by the caller's hook (if any)."""
    if within is None:
        return step

    def run(session: Session) -> StepResult:
        result = step(session)
        return replace(result, hooked=within(session, result))

    return run
