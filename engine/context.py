"""Everything a unit of work needs, wired once per Engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine as Database
from sqlmodel import Session

from engine import store
from engine.errors import StepLimitError
from engine.library import LoadedVersion, ProcessLibrary
from engine.rowsql import CaseRow
from engine.spiff.clock import Clock
from engine.spiff.script_engine import NrmScriptEngine
from engine.spiff.serializer import SERIALIZER_VERSION, StateSerializer
from engine.store import StoredState, WorkflowCache


@dataclass
class EngineContext:
    """Database, process library, serializer, script engine, clock, parameters, cache."""

    db: Database
    library: ProcessLibrary
    serializer: StateSerializer
    script_engine: NrmScriptEngine
    clock: Clock
    params: Mapping[str, Any]
    cache: WorkflowCache

    serializer_version: str = SERIALIZER_VERSION
    # Bytes of JSON one step may add to a case's stored state (NRM_MAX_STEP_DATA_BYTES).
    max_step_data_bytes: int = 1_048_576

    def restore(self, stored: StoredState, loaded: LoadedVersion) -> Any:
        """A workflow from stored state (upgraded from an earlier release's layout), on its own
        version's specs, with our script engine."""
        workflow = self.serializer.loads(
            stored.state,
            stored.serializer_version,
            loaded.definition.spec,
            loaded.definition.subprocess_specs,
        )
        workflow.script_engine = self.script_engine  # not serialised: attach after every load
        return workflow

    def save(self, session: Session, case: CaseRow, workflow: Any, **changes: Any) -> CaseRow:
        """Write the workflow's state, and the layout it is written in, to the case row."""
        before = workflow.stored_size
        state = self.serializer.dumps(workflow)
        grown = workflow.stored_size - before
        if grown > self.max_step_data_bytes:
            raise StepLimitError(
                f"This step would add {grown:,} bytes to case {case.number}, more than the "
                f"{self.max_step_data_bytes:,} a step may write (NRM_MAX_STEP_DATA_BYTES); "
                "nothing was saved",
                case_id=case.id,
                limit="data",
            )
        return store.save_case(
            session, case, state, serializer_version=self.serializer_version, **changes
        )
