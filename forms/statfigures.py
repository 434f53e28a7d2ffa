"""The figures of the statistics page: one title, one chart, one table and one CSV each.

Every figure is built once from the engine's (already protected) numbers; the page draws
its chart and table from it and the CSV download writes the same rows, so what is
downloaded is exactly what is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from forms import charts, fieldlabels
from forms.charts import Value
from forms.fieldlabels import FieldIndex
from forms.translate import Translator

SECTORS = ("ngo", "state", "international", "unknown")


@dataclass
class Figure:
    """A titled table of rows (a label and its values), drawn as `kind`."""

    id: str
    title: str
    kind: str  # bars, funnel, heat
    columns: list[str]  # the header of the table and the CSV, label column first
    rows: list[tuple[str, list[Value]]]
    note: str = ""
    public: bool = False  # published or registered-crime counts: nothing withheld
    flags: frozenset[tuple[int, int]] = frozenset()  # (row, column) cells to point out
    chart: Any = field(default=None, repr=False)


@dataclass
class Words:
    """How the page says things in the reader's language."""

    t: Translator
    index: FieldIndex

    def value(self, field_name: str, value: str) -> str:
        if value == "unknown":
            return self.t("statistics.unknown")
        typed: Any = {"true": True, "false": False}.get(value, value)
        return fieldlabels.display(self.t, self.index, field_name, typed)

    def field(self, name: str) -> str:
        key = f"statistics.fact.{name}"
        return self.t(key) if self.t.has(key) else fieldlabels.label(self.t, self.index, name)

    def key(self, prefix: str, code: str) -> str:
        if code == "unknown":
            return self.t("statistics.unknown")
        return self.t(f"{prefix}.{code}") if self.t.has(f"{prefix}.{code}") else code

    def step(self, name: str) -> str:
        return self.key("statistics.step", name)

    def sector(self, code: str) -> str:
        return self.key("statistics.sector", code)


def _counts(
    figure_id: str,
    title: str,
    counts: Mapping[str, int | None],
    name: Callable[[str], str],
    words: Words,
    unit: str = "statistics.cases",
) -> Figure:
    rows: list[tuple[str, list[Value]]] = [(name(k), [v]) for k, v in counts.items()]
    return Figure(figure_id, title, "bars", [words.t("statistics.value"), words.t(unit)], rows)


def case_figures(figures: Mapping[str, Any], words: Words) -> list[Figure]:
    """Every figure of the cases reported (one year, or all years)."""
    t = words.t
    found = [_funnel(figures, words), *_steps(figures, words)]
    regions = figures["by_year_and_region"]
    if regions:
        years = list(regions)
        region_codes = list(next(iter(regions.values())))
        found.append(
            Figure(
                "cases-by-year-and-region",
                t("statistics.by_year_and_region"),
                "heat",
                [t("statistics.region"), *years],
                [(words.value("region", r), [regions[y][r] for y in years]) for r in region_codes],
            )
        )
    cases = figures["cases"]
    found.append(
        _counts(
            "cases-by-outcome",
            t("statistics.by_outcome"),
            cases["by_outcome"],
            # a case still open or cancelled has no outcome: its status says it
            lambda k: words.key("case.status" if k in ("open", "cancelled") else "outcome", k),
            words,
        )
    )
    found.append(
        _counts(
            "cases-by-reporting-agency",
            t("statistics.by_reporting_agency"),
            cases["by_reporting_agency"],
            words.sector,
            words,
        )
    )
    found += _people(figures["people"], words)
    for name, counts in figures["by_fact"].items():
        if name not in ("region",):
            title = t("statistics.figure.by_fact", field=words.field(name))
            found.append(_counts(f"fact-{name}", title, counts, partial(words.value, name), words))
    for name, counts in figures["lists"].items():
        title = t("statistics.figure.list", field=words.field(name))
        found.append(_counts(f"list-{name}", title, counts, partial(words.value, name), words))
    found.append(_milestones(figures["time_to_milestone"], words))
    found.append(
        _counts(
            "missed-deadlines",
            t("statistics.missed"),
            figures["missed_deadlines_by_agency"],
            lambda a: words.key("agency", a),
            words,
            "statistics.tasks",
        )
    )
    found.append(
        _counts(
            "overdue-tasks",
            t("statistics.overdue"),
            figures["overdue_tasks_by_agency"],
            lambda a: words.key("agency", a),
            words,
            "statistics.tasks",
        )
    )
    return found


def _funnel(figures: Mapping[str, Any], words: Words) -> Figure:
    t = words.t
    rows = [
        (
            words.step(s["name"]),
            [s["total"], *(s.get("by_reporting_agency", {}).get(k, "") for k in SECTORS)],
        )
        for s in figures["funnel"]
    ]
    columns = [t("statistics.step"), t("statistics.cases"), *(words.sector(k) for k in SECTORS)]
    return Figure("funnel", t("statistics.funnel"), "funnel", columns, rows)


def _steps(figures: Mapping[str, Any], words: Words) -> list[Figure]:
    t = words.t
    steps = [s for s in figures["funnel"] if "by_region" in s and s["by_region"]]
    indicators = figures["indicators"]
    columns = [
        t("statistics.indicator"),
        t("statistics.cases"),
        *(words.sector(k) for k in SECTORS),
    ]
    found = [
        Figure(
            "indicators",
            t("statistics.indicators"),
            "bars",
            columns,
            [
                (
                    words.step(s["name"]),
                    [s["total"], *(s["by_reporting_agency"][k] for k in SECTORS)],
                )
                for s in indicators
            ],
        )
    ]
    for figure_id, title, chosen in (
        ("funnel-by-region", t("statistics.funnel_by_region"), steps),
        ("indicators-by-region", t("statistics.indicators_by_region"), indicators),
    ):
        regions = list(chosen[0]["by_region"]) if chosen else []
        found.append(
            Figure(
                figure_id,
                title,
                "heat",
                [t("statistics.step"), *(words.value("region", r) for r in regions)],
                [(words.step(s["name"]), [s["by_region"][r] for r in regions]) for s in chosen],
            )
        )
    return found


def _people(people: Mapping[str, Any], words: Words) -> list[Figure]:
    t = words.t
    ages = ["child", "adult", "unknown", "total"]
    age_words = [words.key("statistics.age", a) for a in ages]
    sex_by_age = Figure(
        "sex-by-age",
        t("statistics.sex_by_age"),
        "heat",
        [words.field("sex"), *age_words],
        [
            (words.value("sex", s), [row[a] for a in ages])
            for s, row in people["sex_by_age"].items()
        ],
    )
    citizenship = _counts(
        "citizenship",
        t("statistics.citizenship"),
        people["citizenship"],
        lambda c: words.key("statistics.citizenship", c),
        words,
    )
    return [sex_by_age, citizenship]


def _milestones(milestones: Mapping[str, Any], words: Words) -> Figure:
    t = words.t
    rows = [
        (
            words.key("statistics.milestone", name),
            [
                m["median_days"] if m["median_days"] is not None else "",
                m["p90_days"] if m["p90_days"] is not None else "",
                m["cases"],
            ],
        )
        for name, m in milestones.items()
    ]
    columns = [
        t("statistics.milestone"),
        t("statistics.median_days"),
        t("statistics.ninety_days"),
        t("statistics.cases"),
    ]
    return Figure("time-to-milestone", t("statistics.time_to_milestone"), "bars", columns, rows)


def unique_titles(figures: Sequence[Figure]) -> None:
    """Two forms may word two fields alike: such titles get the figure's own name added."""
    seen: dict[str, int] = {}
    for figure in figures:
        seen[figure.title] = seen.get(figure.title, 0) + 1
    for figure in figures:
        if seen[figure.title] > 1:
            figure.title = f"{figure.title} ({figure.id.split('-', 1)[-1]})"


def draw(figures: Sequence[Figure], withheld: str) -> None:
    """Attach each figure's chart geometry."""
    for figure in figures:
        if figure.kind == "funnel":
            figure.chart = charts.funnel(
                [(label, values[0]) for label, values in figure.rows], withheld
            )
        elif figure.kind == "heat":
            figure.chart = charts.heat(figure.columns[1:], figure.rows, figure.flags)
        else:
            two = figure.id in ("registered-crimes-series", "time-to-milestone")
            legend = figure.columns[1:3] if two else []
            series = 2 if two else 1
            rows = [(label, values[:series]) for label, values in figure.rows]
            figure.chart = charts.bars(rows, withheld, legend)
