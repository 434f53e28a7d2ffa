"""Deployed processes: the list, and a process diagram as SVG."""

from __future__ import annotations

from api.schemas import ProcessesPublic, ProcessPublic
from api.services.policy import Caller, require_process_reader
from engine.db import read_session
from engine.drawing import render_svg
from engine.errors import UnknownProcessError
from engine.facade import Engine


def list_latest(*, engine: Engine, caller: Caller) -> ProcessesPublic:
    """The newest version of every deployed process."""
    require_process_reader(caller)
    data = [
        ProcessPublic(id=p.process_id, name=p.name, version=p.version, deployed_at=p.deployed_at)
        for p in engine.processes()
    ]
    return ProcessesPublic(data=data, count=len(data))


def diagram(*, engine: Engine, caller: Caller, process_id: str) -> str:
    """The newest version's diagram as a standalone SVG document."""
    require_process_reader(caller)
    with read_session(engine.db) as session:
        loaded = engine.library.latest(session, process_id)
    source = loaded.bundle.file(loaded.definition.file)
    if source is None:
        raise UnknownProcessError(f"No diagram for {process_id!r}.", process_id=process_id)
    return render_svg(source.content, process_id=process_id, title=loaded.version.name)
