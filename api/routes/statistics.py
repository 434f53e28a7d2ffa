"""Monitoring figures for the national rapporteur (brief §6): aggregates only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentUser, EngineDep
from api.routes.common import problems
from api.services import statistics as service
from api.statschemas import RegisteredCrimesPublic, StatisticsPublic

router = APIRouter(tags=["statistics"])


@router.get("/statistics", response_model=StatisticsPublic, responses=problems(401, 403, 422))
def statistics(
    engine: EngineDep,
    caller: CurrentUser,
    year: Annotated[
        int | None, Query(ge=2000, le=2100, description="Only cases reported in this year")
    ] = None,
) -> StatisticsPublic:
    """Cases by year, outcome and who reported them (NGO, state, international), by each
    fact the forms mark (region, exploitation type, consent, decisions, ...), sex by age,
    citizenship; the referral mechanism's steps and other indicators by reporting agency and
    region; days to each milestone; deadlines missed and tasks overdue per agency. Counts of
    people from 1 to 4 are withheld (null), and others where they would give one away: every
    year filter reads the same protected tables (see `rule` and docs/statistics.md)."""
    return StatisticsPublic.model_validate(service.figures(engine=engine, caller=caller, year=year))


@router.get(
    "/statistics/registered-crimes",
    response_model=RegisteredCrimesPublic,
    responses=problems(401, 403),
)
def registered_crimes(engine: EngineDep, caller: CurrentUser) -> RegisteredCrimesPublic:
    """Table 1 of the article: trafficking crimes registered, by region and year — as the
    National Statistical Committee published them (as printed, with the years where the
    regions do not add up to the national row) and as the system counts them (distinct
    register numbers by region and year of registration). Public counts: nothing withheld."""
    return RegisteredCrimesPublic.model_validate(
        service.registered_crimes(engine=engine, caller=caller)
    )
