"""Monitoring figures for the national rapporteur (brief §6): aggregates only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentUser, EngineDep
from api.routes.common import problems
from api.schemas import StatisticsPublic
from api.services import statistics as service

router = APIRouter(tags=["statistics"])


@router.get("/statistics", response_model=StatisticsPublic, responses=problems(401, 403, 422))
def statistics(
    engine: EngineDep,
    caller: CurrentUser,
    year: Annotated[
        int | None, Query(ge=2000, le=2100, description="Only cases reported in this year")
    ] = None,
) -> StatisticsPublic:
    """Counts of cases by year, status, outcome, reporting agency and by each fact the forms
    mark for statistics (region, exploitation type, sex, age group, consent, decisions);
    time from the report to each milestone; overdue tasks per agency. Counts from 1 to 4
    are withheld (null), with the next smallest of a breakdown when only one would be."""
    return StatisticsPublic.model_validate(service.figures(engine=engine, caller=caller, year=year))
