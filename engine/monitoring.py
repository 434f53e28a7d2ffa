"""The engine's monitoring figures: statistics, registered crimes, the HTCDS export."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine as Database

from engine import audit, crimes, htcds, official, statbook, statcube, statscan
from engine import statistics as monitoring
from engine.db import read_session, write_session
from engine.spiff.clock import Clock
from engine.statbook import Book
from engine.statcube import Cube, CubeCache


class Monitoring:
    """Aggregates for the rapporteur, counted once per change of the cases."""

    db: Database
    clock: Clock
    stat_cache: CubeCache

    def _counted(self) -> tuple[Cube, Book]:
        cube, book = self.stat_cache.get(self.db, statscan.build, statbook.build)
        return cube, book

    def statistics(self, year: int | None = None) -> dict[str, Any]:
        """Monitoring figures (aggregates only, protected: engine/statistics.py)."""
        cube, book = self._counted()
        now = self.clock.now()
        with read_session(self.db) as session:
            overdue = statcube.overdue_now(session, now)
        figures = monitoring.figures(book, cube, year=year, now=now, overdue=overdue)
        figures["recounting"] = self.stat_cache.counting
        return figures

    def forget_statistics(self) -> None:
        """Count again at the next read (facts changed without a step)."""
        self.stat_cache.clear()

    def registered_crimes(self) -> dict[str, Any]:
        """Table 1: registered crimes by region and year, as published and as counted here."""
        cube, _book = self._counted()
        with read_session(self.db) as session:
            published = official.series(session, official.REGISTERED_CRIMES)
        return crimes.registered_crimes(cube, published)

    def htcds_export(self, *, actor: str, k: int = htcds.K) -> htcds.Export:
        """Every case as one de-identified HTCDS row, k-anonymous; the export is audited."""
        with write_session(self.db) as session:
            found = htcds.export(session, k=k)
            audit.record(
                session,
                at=self.clock.now(),
                actor=actor,
                action="statistics.exported",
                detail={
                    "format": "htcds",
                    "k": found.k,
                    "cases": found.cases,
                    "left_out": found.suppressed,
                },  # fmt: skip
            )
            session.commit()
        return found
