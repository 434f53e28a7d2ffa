"""Disclosure control (engine/disclosure.py): small counts withheld, and no withheld count
determined by the published ones — checked by a linear attacker (tests/attack.py)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.disclosure import ALL, TOTAL, augment, protect_line, protect_table
from tests.attack import Published, disclosed

YEARS = ["2024", "2025", "2026"]


def _line_of(years: list[str], counts: dict[tuple[str, ...], int]) -> dict[str, int]:
    return {y: sum(n for k, n in counts.items() if k[0] == y) for y in years}


def test_a_line_withholds_small_counts_and_one_more_when_one_alone_would_be() -> None:
    line = protect_line({"2024": 12, "2025": 3, "2026": 40})
    assert line.withheld == {"2025", "2024"}  # the next smallest goes with it
    assert line.shown(ALL) == 55 and line.shown("2025") is None
    assert protect_line({"2026": 3}).withheld == {"2026", ALL}  # the total gives it away
    assert protect_line({"2025": 0, "2026": 9}).withheld == frozenset()


def test_the_all_years_row_cannot_be_used_to_recover_a_withheld_year() -> None:
    counts = {("2025", "chui"): 2, ("2025", "naryn"): 30, ("2026", "chui"): 20}
    counts |= {("2026", "naryn"): 25}
    years, axes = ["2025", "2026"], [["chui", "naryn"]]
    line = protect_line(_line_of(years, counts))
    cells = protect_table(years, axes, counts, {(TOTAL,): line})
    assert cells[("2025", "chui")] is None
    # chui over all years minus chui in 2026 would be 2: withheld as well
    assert cells[(ALL, "chui")] is None or cells[("2026", "chui")] is None
    published = Published("t", years, axes, cells)
    assert disclosed([published]) == []


tables = st.integers(min_value=1, max_value=3).flatmap(
    lambda n_years: st.tuples(
        st.just(YEARS[:n_years]),
        st.lists(st.integers(1, 4), min_size=1, max_size=2),
    )
)


@settings(max_examples=60, deadline=None)
@given(
    shape=tables,
    data=st.data(),
)
def test_no_withheld_count_is_determined_by_the_published_ones(shape, data) -> None:
    years, sizes = shape
    axes = [[f"v{i}" for i in range(n)] for n in sizes]
    keys = list(itertools.product(years, *axes))
    values = data.draw(st.lists(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 7, 12, 30]),
                                min_size=len(keys), max_size=len(keys)))  # fmt: skip
    counts = dict(zip(keys, values, strict=True))
    line = protect_line(_line_of(years, counts))
    key = (TOTAL,) * len(axes)
    cells = protect_table(years, axes, counts, {key: line})
    full = augment(years, axes, counts)
    assert all(cells[c] is None for c, v in full.items() if 0 < v < 5)
    assert all(cells[c] in (None, v) for c, v in full.items())
    assert disclosed([Published("t", years, axes, cells)]) == []


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_two_tables_of_one_population_give_nothing_away_together(data) -> None:
    years = YEARS
    people = data.draw(st.lists(st.tuples(st.sampled_from(years), st.integers(0, 2),
                                          st.integers(0, 3)), min_size=3, max_size=40))  # fmt: skip
    first = {}
    second = {}
    for year, a, b in people:
        first[(year, f"a{a}")] = first.get((year, f"a{a}"), 0) + 1
        second[(year, f"b{b}")] = second.get((year, f"b{b}"), 0) + 1
    line = protect_line({y: sum(1 for p in people if p[0] == y) for y in years})
    axes_a, axes_b = [[f"a{i}" for i in range(3)]], [[f"b{i}" for i in range(4)]]
    a = protect_table(years, axes_a, first, {(TOTAL,): line})
    b = protect_table(years, axes_b, second, {(TOTAL,): line})
    tables_ = [Published("a", years, axes_a, a), Published("b", years, axes_b, b)]
    assert disclosed(tables_, [(("a", (TOTAL,)), ("b", (TOTAL,)))]) == []


def test_the_attacker_recovers_what_a_rule_per_row_gives_away() -> None:
    """Withholding within each row alone (the rule before this one) leaks across years."""
    years, axes = ["2025", "2026"], [["chui", "naryn", "osh_city"]]
    counts = {("2025", "chui"): 2, ("2025", "naryn"): 9, ("2025", "osh_city"): 11}
    counts |= {("2026", "chui"): 20, ("2026", "naryn"): 25, ("2026", "osh_city"): 30}
    full = augment(years, axes, counts)
    per_row = dict(full)
    per_row[("2025", "chui")] = per_row[("2025", "naryn")] = None  # row 2025: two withheld
    leaked = disclosed([Published("t", years, axes, per_row)])
    assert ("t", ("2025", "chui")) in leaked  # all-years chui minus 2026 chui
    line = protect_line({"2025": 22, "2026": 75})
    protected = protect_table(years, axes, counts, {(TOTAL,): line})
    assert disclosed([Published("t", years, axes, protected)]) == []


def test_a_one_value_axis_shows_what_its_margin_shows() -> None:
    years = ["2025", "2026"]
    counts = {("2025", "unknown"): 3, ("2026", "unknown"): 12}
    line = protect_line({"2025": 3, "2026": 12})
    cells = protect_table(years, [["unknown"]], counts, {(TOTAL,): line})
    for year in [*years, ALL]:
        assert cells[(year, "unknown")] == cells[(year, TOTAL)] == line.shown(year)
    assert cells[("2025", "unknown")] is None
