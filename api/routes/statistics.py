"""Monitoring figures for the national rapporteur (brief §6): aggregates only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

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


@router.get(
    "/statistics/export/htcds",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}, "description": "The file; its first line says k."},
        **problems(401, 403),
    },
)
def htcds_export(engine: EngineDep, caller: CurrentUser) -> Response:
    """Every case as one de-identified row shaped on IOM's Human Trafficking Case Data
    Standard (docs/statistics.md maps each column): no name, number or date; sex, age band,
    citizenship, region and year generalised until every combination covers at least 5
    cases, rare countries written `other`. The first line (and `X-K-Anonymity`) gives the
    file's k. National rapporteur only; every export is in the audit trail."""
    found = service.htcds_export(engine=engine, caller=caller)
    return Response(
        found.csv(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="htcds.csv"',
            "X-K-Anonymity": str(found.k) if found.k is not None else "none",
        },
    )
