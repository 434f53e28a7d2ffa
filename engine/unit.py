"""The write transaction every step runs in: the base of `engine.facade.Engine` and its mixins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.engine import Engine as Database
from sqlmodel import Session

from engine import steps
from engine.context import EngineContext
from engine.db import write_session

T = TypeVar("T")


class UnitOfWork:
    """One transaction per step: commit once, and cache live workflows only after it."""

    db: Database
    ctx: EngineContext

    @contextmanager
    def _unit(self) -> Iterator[Session]:
        with write_session(self.db) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                for case_id, _version, _wf in session.info.get(steps.CACHE_KEY, []):
                    self.ctx.cache.drop(case_id)
                raise
            for case_id, version, workflow in session.info.pop(steps.CACHE_KEY, []):
                if workflow is None:
                    self.ctx.cache.drop(case_id)
                else:
                    self.ctx.cache.put(case_id, version, workflow)

    def _write(self, work: Callable[[Session], T]) -> T:
        with self._unit() as session:
            return work(session)
