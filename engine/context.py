"""Everything a unit of work needs, wired once per Engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine as Database
from sqlmodel import Session

from engine import store
from engine.fastsql import CaseRow
from engine.library import LoadedVersion, ProcessLibrary
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
        state = self.serializer.dumps(workflow)
        return store.save_case(
            session, case, state, serializer_version=self.serializer_version, **changes
        )
