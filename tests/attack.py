"""A linear attacker on published tables: which withheld counts do the published ones
determine? (Used by the disclosure tests; the attack is what a rapporteur could compute.)

Unknowns are the people in each finest cell (a year and a value on every axis) of every
table. Each published count is an equation: the sum of the finest cells it covers equals
the number shown. Tables of one population also share their per-year counts (an equation
between two tables' sums). A withheld count is given away when its own sum is a linear
combination of those equations."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from engine.disclosure import ALL, TOTAL

Cell = tuple[str, ...]


@dataclass(frozen=True)
class Published:
    """One table as published: its years, its axes and every cell (None when withheld)."""

    name: str
    years: Sequence[str]
    axes: Sequence[Sequence[str]]
    cells: Mapping[Cell, int | None]


def _atoms(table: Published, cell: Cell) -> list[tuple[str, Cell]]:
    choices = [list(table.years) if cell[0] == ALL else [cell[0]]]
    for value, axis in zip(cell[1:], table.axes, strict=True):
        choices.append(list(axis) if value == TOTAL else [value])
    return [(table.name, atom) for atom in itertools.product(*choices)]


class Attacker:
    """Row-reduced equations over Fractions; asks whether a sum is determined."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, Cell], int] = {}
        self.rows: dict[int, dict[int, Fraction]] = {}  # pivot -> reduced row

    def _vector(self, terms: Mapping[tuple[str, Cell], int]) -> dict[int, Fraction]:
        vector: dict[int, Fraction] = {}
        for atom, coefficient in terms.items():
            i = self.index.setdefault(atom, len(self.index))
            vector[i] = vector.get(i, Fraction(0)) + coefficient
        return {i: c for i, c in vector.items() if c}

    def _reduce(self, vector: dict[int, Fraction]) -> dict[int, Fraction]:
        vector = dict(vector)
        for pivot in sorted(self.rows):
            if pivot in vector:
                factor = vector[pivot]
                for i, c in self.rows[pivot].items():
                    vector[i] = vector.get(i, Fraction(0)) - factor * c
                vector = {i: c for i, c in vector.items() if c}
        return vector

    def learn(self, terms: Mapping[tuple[str, Cell], int]) -> None:
        """Add one known equation (its right-hand side does not matter for the question)."""
        vector = self._reduce(self._vector(terms))
        if vector:
            pivot = min(vector)
            lead = vector[pivot]
            row = {i: c / lead for i, c in vector.items()}
            for other, other_row in self.rows.items():  # keep the rows fully reduced
                if pivot in other_row:
                    factor = other_row[pivot]
                    merged = {i: other_row.get(i, Fraction(0)) - factor * row.get(i, 0)
                              for i in set(other_row) | set(row)}  # fmt: skip
                    self.rows[other] = {i: c for i, c in merged.items() if c}
            self.rows[pivot] = row

    def determined(self, terms: Mapping[tuple[str, Cell], int]) -> bool:
        """True when the equations fix this sum."""
        return not self._reduce(self._vector(terms))


Line = tuple[str, Cell]  # a table's name and the non-year coordinates of one of its lines


def disclosed(tables: Sequence[Published], shared: Sequence[tuple[Line, Line]] = ()) -> list:
    """The withheld cells the published cells determine; `shared` pairs lines of two tables
    whose per-year counts are the same people."""
    attacker = Attacker()
    for table in tables:
        for cell, value in table.cells.items():
            if value is not None:
                attacker.learn(dict.fromkeys(_atoms(table, cell), 1))
    by_name = {t.name: t for t in tables}
    for (first, first_key), (second, second_key) in shared:
        for year in [*by_name[first].years, ALL]:
            terms = dict.fromkeys(_atoms(by_name[first], (year, *first_key)), 1)
            terms.update(dict.fromkeys(_atoms(by_name[second], (year, *second_key)), -1))
            attacker.learn(terms)
    return [
        (table.name, cell)
        for table in tables
        for cell, value in table.cells.items()
        if value is None and attacker.determined(dict.fromkeys(_atoms(table, cell), 1))
    ]
