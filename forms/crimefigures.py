"""Table 1 on the statistics page: as published, as counted by the system, and the two
national series side by side (public counts: nothing withheld)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forms.charts import Value
from forms.statfigures import Figure, Words


def crime_figures(table: Mapping[str, Any], words: Words) -> list[Figure]:
    """Table 1 as published, as counted by the system, and the two national series."""
    t = words.t
    regions = table["regions"]
    found = []
    for i, published in enumerate(table["official"]):
        years = sorted(
            {*published["national"], *(y for r in published["by_region"].values() for y in r)}
        )
        rows = [
            (words.value("region", r), [published["by_region"][r].get(y, "") for y in years])
            for r in regions
        ]
        rows.append(
            (t("statistics.crimes.national"), [published["national"].get(y, "") for y in years])
        )
        rows.append(
            (
                t("statistics.crimes.sum_of_regions"),
                [published["sum_of_regions"].get(y, 0) for y in years],
            )
        )
        note = "; ".join(
            t(
                "statistics.crimes.difference",
                year=y,
                national=published["national"][y],
                regions=published["sum_of_regions"].get(y, 0),
            )
            for y in sorted(published["differences"])
        )
        found.append(
            Figure(
                f"registered-crimes-published-{i + 1}",
                t("statistics.crimes.published", source=published["source"]),
                "heat",
                [t("statistics.region"), *years],
                rows,
                note=note,
                public=True,
                flags=frozenset(
                    (r, years.index(y))
                    for y in published["differences"]
                    for r in (len(rows) - 2, len(rows) - 1)
                ),
            )
        )
    system = table["system"]
    start = system["from_year"]
    years = [y for y in table["years"] if start is not None and y >= start]
    rows = [
        (words.value("region", r), [system["by_region"][r].get(y, 0) for y in years])
        for r in regions
    ]
    rows.append((t("statistics.unknown"), [system["unknown_region"].get(y, 0) for y in years]))
    rows.append((t("statistics.crimes.national"), [system["national"].get(y, 0) for y in years]))
    found.append(
        Figure(
            "registered-crimes-system",
            t("statistics.crimes.system"),
            "heat",
            [t("statistics.region"), *years],
            rows,
            public=True,
            note=t("statistics.crimes.without_date", n=system["without_date"])
            if system["without_date"]
            else "",
        )
    )
    found.append(_series(table, words))
    return found


def _series(table: Mapping[str, Any], words: Words) -> Figure:
    t = words.t
    system, start = table["system"], table["system"]["from_year"]
    published = table["official"][0]["national"] if table["official"] else {}
    rows: list[tuple[str, list[Value]]] = [
        (
            y,
            [
                published.get(y, ""),
                system["national"].get(y, 0) if start is not None and y >= start else "",
            ],
        )
        for y in table["years"]
    ]
    columns = [
        t("statistics.crimes.year"),
        t("statistics.crimes.published_short"),
        t("statistics.crimes.system_short"),
    ]
    return Figure(
        "registered-crimes-series",
        t("statistics.crimes.series"),
        "bars",
        columns,
        rows,
        public=True,
    )
