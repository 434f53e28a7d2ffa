"""Monitoring figures for the national rapporteur and policy staff (aggregates only)."""

from __future__ import annotations

from typing import Any

from api.services.policy import Caller, require_rapporteur, require_statistics_reader
from engine.facade import Engine
from engine.htcds import Export


def figures(*, engine: Engine, caller: Caller, year: int | None) -> dict[str, Any]:
    """The figures of one year of reports (or all), protected; 403 for others."""
    require_statistics_reader(caller)
    return engine.statistics(year)


def registered_crimes(*, engine: Engine, caller: Caller) -> dict[str, Any]:
    """Table 1, published and counted by the system (public counts); 403 for others."""
    require_statistics_reader(caller)
    return engine.registered_crimes()


def htcds_export(*, engine: Engine, caller: Caller) -> Export:
    """The de-identified, k-anonymous HTCDS file (rapporteur only; audited)."""
    require_rapporteur(caller)
    return engine.htcds_export(actor=caller.username)
