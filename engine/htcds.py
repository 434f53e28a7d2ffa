"""A de-identified case-level file shaped on IOM's Human Trafficking Case Data Standard.

One row per case, with the column names of the HTCDS and of the CTDC global dataset built on
it (`gender`, `ageBroad`, `citizenship`, `isSexualExploit`, `meansOfControlDebtBondage`, …;
docs/statistics.md maps every column to its source), plus NRM columns for what the standard
does not have (region, who reported, the mechanism's steps, services). Nothing identifying
leaves: no name, number or date; only facts (never personal) are read. The quasi-identifiers
(sex, age band, citizenship, region, year) are generalised until every combination covers
at least k cases (engine/kanon.py), countries rarer than k become `other`, and the first
line says what k the file has.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from engine.catalogue import sector_of
from engine.facts import MEMBER, MILESTONE, UNKNOWN
from engine.htcdsmap import (
    COLUMNS,
    COUNTRY_COLUMNS,
    LADDERS,
    MISSING,
    QUASI_IDENTIFIERS,
    majority,
    row_of,
)
from engine.kanon import anonymise
from engine.models import Case, CaseFact, CaseStatus

K = 5
SUPPRESS_SHARE = 0.01  # at most this share of cases left out of the file to reach k


@dataclass(frozen=True)
class Export:
    """The file's rows and what protects them."""

    rows: list[dict[str, str]]
    k: int | None
    levels: dict[str, int]
    cases: int
    suppressed: int

    def csv(self) -> str:
        """The file: a line saying k and how, then the header and one row per case."""
        out = io.StringIO()
        levels = ", ".join(f"{name} level {n}" for name, n in self.levels.items())
        out.write(
            f"# HTCDS export; k={self.k if self.k is not None else 'none'}; quasi-identifiers: "
            f"{', '.join(QUASI_IDENTIFIERS)} ({levels}); cases: {self.cases}; left out to "
            f"reach k: {self.suppressed}\n"
        )
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue()


def _cases(session: Session) -> Iterable[tuple[dict[str, Any], dict[str, str]]]:
    """(case columns, facts) per case, read in two passes ordered by case id."""
    cases = session.execute(
        sa_select(
            col(Case.id), col(Case.created_at), col(Case.reporting_agency), col(Case.status)
        ).order_by(col(Case.id))
    ).all()
    facts: dict[str, dict[str, str]] = defaultdict(dict)
    for case_id, name, value in session.execute(
        sa_select(col(CaseFact.case_id), col(CaseFact.name), col(CaseFact.value))
    ).yield_per(20_000):
        facts[case_id][name] = value
    for case_id, created, agency, status in cases:
        about = {
            "year": str(created.year),
            "sector": sector_of(agency),
            "closed": status != CaseStatus.OPEN,
        }
        yield about, facts.get(case_id, {})


def _record(about: dict[str, Any], facts: dict[str, str]) -> dict[str, str]:
    """A case's facts in the terms `row_of` reads: members as sets, milestones as names."""
    members: dict[str, set[str]] = defaultdict(set)
    reached = set()
    for name in facts:
        if name.startswith(MILESTONE):
            reached.add(name[len(MILESTONE) :])
        elif MEMBER in name:
            field, member = name.split(MEMBER, 1)
            members[field].add(member)
    return row_of(
        facts,
        members,
        reached,
        year=about["year"],
        sector=about["sector"],
        closed=about["closed"],
        age_group=facts.get("age_group", UNKNOWN),
    )


def export(session: Session, *, k: int = K) -> Export:
    """Every case as one de-identified row, k-anonymous on the quasi-identifiers."""
    records = [_record(about, facts) for about, facts in _cases(session)]
    _rare_countries(records, k)
    result = anonymise(records, LADDERS, k=k, suppress_share=SUPPRESS_SHARE)
    for row in result.records:  # follows the age as generalised: it says no more than it
        row["majorityStatus"] = majority(row["ageBroad"])
    rows = sorted(result.records, key=lambda r: tuple(r[q] for q in QUASI_IDENTIFIERS))
    return Export(rows, result.k, result.levels, len(records), result.suppressed)


def _rare_countries(records: list[dict[str, str]], k: int) -> None:
    """A country fewer than k cases share is written `other` (it could point at someone)."""
    for column in COUNTRY_COLUMNS:
        counts = Counter(c for r in records for c in r[column].split("|") if c)
        for record in records:
            codes = record[column].split("|")
            kept = [c if counts[c] >= k or c == MISSING else "other" for c in codes if c]
            record[column] = "|".join(dict.fromkeys(kept))
