"""The statistics page (national rapporteur, policy staff): every figure as a chart, a table
and a CSV download, titles and values in the reader's language; Table 1 beside the system's
own count of registered crimes."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import EngineDep
from api.services import statistics as service
from engine.db import read_session
from engine.errors import NotFoundError
from engine.facade import Engine
from forms import fieldlabels
from forms.crimefigures import crime_figures
from forms.fieldlabels import FieldIndex
from forms.statfigures import Figure, Words, case_figures, draw, unique_titles
from forms.web.deps import WebUser
from forms.web.render import page, translator
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Year = Annotated[int | None, Query(ge=2000, le=2100)]
WITHHELD_CSV = "withheld"  # a withheld count in a download: the same in every language


def latest_index(engine: Engine) -> FieldIndex:
    """Labels of every field the newest version of each process declares."""
    forms: dict[str, Any] = {}
    with read_session(engine.db) as session:
        for version in engine.library.latest_versions(session):
            if version.id is not None:
                forms.update(engine.library.version(session, version.id).bundle.forms)
    return fieldlabels.field_index(forms)


def _figures(
    request: Request, engine: Engine, caller: Any, year: int | None
) -> tuple[dict[str, Any], list[Figure]]:
    figures = service.figures(engine=engine, caller=caller, year=year)
    crimes = service.registered_crimes(engine=engine, caller=caller)
    t = translator(request)
    words = Words(t, latest_index(engine))
    found = crime_figures(crimes, words) + case_figures(figures, words)
    unique_titles(found)
    return figures, found


@router.get("/statistics")
def show_statistics(
    request: Request, engine: EngineDep, caller: WebUser, year: Year = None
) -> Response:
    """The figures of one year of reports, or of all years."""
    figures, found = _figures(request, engine, caller, year)
    draw(found, translator(request)("statistics.withheld"))
    return page(
        request,
        "statistics.html",
        year=year,
        years=[str(y) for y in reversed(figures["years"])],
        figures=figures,
        total=figures["cases"]["total"],
        sections=found,
        query=f"?year={year}" if year is not None else "",
    )


@router.get("/statistics/{figure_id}.csv")
def download(
    request: Request, engine: EngineDep, caller: WebUser, figure_id: str, year: Year = None
) -> Response:
    """One figure as CSV: the rows the page shows, `withheld` where a count is withheld."""
    _figures_, found = _figures(request, engine, caller, year)
    figure = next((f for f in found if f.id == figure_id), None)
    if figure is None:
        raise NotFoundError(f"No figure {figure_id!r}.")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(figure.columns)
    for label, values in figure.rows:
        writer.writerow([label, *(WITHHELD_CSV if v is None else v for v in values)])
    name = f"{figure_id}-{year}.csv" if year is not None else f"{figure_id}.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
