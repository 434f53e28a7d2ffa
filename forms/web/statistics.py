"""The statistics page (national rapporteur, policy staff): the monitoring figures as
tables, field and value names as the forms word them; small counts shown as withheld."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import EngineDep
from api.services import statistics as service
from engine.db import read_session
from engine.facade import Engine
from forms import fieldlabels
from forms.fieldlabels import FieldIndex
from forms.web.deps import WebUser
from forms.web.render import page, translator
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def latest_index(engine: Engine) -> FieldIndex:
    """Labels of every field the newest version of each process declares."""
    forms: dict[str, Any] = {}
    with read_session(engine.db) as session:
        for version in engine.library.latest_versions(session):
            if version.id is not None:
                forms.update(engine.library.version(session, version.id).bundle.forms)
    return fieldlabels.field_index(forms)


def _rows(counts: dict[str, int | None], name: Any) -> list[tuple[str, int | None]]:
    """(readable value, count) rows, largest first, withheld ones last."""
    ordered = sorted(counts.items(), key=lambda kv: (kv[1] is None, -(kv[1] or 0), kv[0]))
    return [(name(value), count) for value, count in ordered]


@router.get("/statistics")
def show_statistics(
    request: Request,
    engine: EngineDep,
    caller: WebUser,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Response:
    """The figures of one year of reports, or of all years."""
    figures = service.figures(engine=engine, caller=caller, year=year)
    t = translator(request)
    index = latest_index(engine)

    def value_of(field: str) -> Any:
        def name(value: str) -> str:
            if value == "unknown":
                return t("statistics.unknown")
            typed: Any = {"true": True, "false": False}.get(value, value)
            if field == "age_group":
                return value
            return fieldlabels.display(t, index, field, typed)

        return name

    def agency(code: str) -> str:
        return t(f"agency.{code}") if t.has(f"agency.{code}") else code

    def outcome(code: str) -> str:
        return t(f"outcome.{code}") if t.has(f"outcome.{code}") else code

    def fact_label(field: str) -> str:
        key = f"statistics.fact.{field}"
        return t(key) if t.has(key) else fieldlabels.label(t, index, field)

    cases = figures["cases"]
    return page(
        request,
        "statistics.html",
        year=year,
        years=[str(y) for y in reversed(figures["years"])],
        figures=figures,
        total=cases["total"],
        tables=[
            (t("statistics.by_status"), _rows(cases["by_status"], lambda s: t(f"case.status.{s}"))),
            (t("statistics.by_outcome"), _rows(cases["by_outcome"], outcome)),
            (t("statistics.by_reporting_agency"), _rows(cases["by_reporting_agency"], agency)),
            *(
                (fact_label(field), _rows(counts, value_of(field)))
                for field, counts in figures["by_fact"].items()
            ),
        ],
        regions={
            y: _rows(counts, value_of("region"))
            for y, counts in figures["by_year_and_region"].items()
        },
        milestones=[
            (
                t(f"statistics.milestone.{name}")
                if t.has(f"statistics.milestone.{name}")
                else name,
                m,
            )
            for name, m in figures["time_to_milestone"].items()
        ],
        overdue=_rows(figures["overdue_tasks_by_agency"], agency),
    )
