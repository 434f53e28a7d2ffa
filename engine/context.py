"""Everything a unit of work needs, wired once per Engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine as Database

from engine.library import LoadedVersion, ProcessLibrary
from engine.spiff.clock import Clock
from engine.spiff.script_engine import NrmScriptEngine
from engine.spiff.serializer import SERIALIZER_VERSION, StateSerializer
from engine.store import WorkflowCache


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

    def restore(self, state: bytes, loaded: LoadedVersion) -> Any:
        """A workflow from stored state, on its own version's specs, with our script engine."""
        workflow = self.serializer.loads(
            state, loaded.definition.spec, loaded.definition.subprocess_specs
        )
        workflow.script_engine = self.script_engine  # not serialised: attach after every load
        return workflow
