"""Response models of the statistics routes: aggregates only, withheld counts as null."""

from __future__ import annotations

from pydantic import BaseModel, Field

Counts = dict[str, int | None]


class CaseCountsPublic(BaseModel):
    """Cases by year, by outcome (`open`, each closing outcome, `cancelled`) and by who
    reported them (`ngo`, `state`, `international`)."""

    total: int | None
    by_year: Counts
    by_outcome: Counts
    by_reporting_agency: Counts


class PeoplePublic(BaseModel):
    """Sex by age (child, adult, unknown, total), age alone, citizenship."""

    sex_by_age: dict[str, Counts]
    by_age: Counts
    citizenship: Counts


class StepPublic(BaseModel):
    """Cases that reached a step of the mechanism, by who reported them and by region."""

    name: str
    total: int | None
    by_reporting_agency: Counts = Field(default_factory=dict)
    by_region: Counts = Field(default_factory=dict)


class MilestonePublic(BaseModel):
    """Days from the report to a milestone, over the cases that reached it."""

    cases: int | None
    median_days: float | None
    p90_days: float | None


class StatisticsPublic(BaseModel):
    """Monitoring figures: aggregates only; withheld counts are null (see `rule`)."""

    year: int | None
    years: list[int]
    generated_at: str
    counted_at: str
    recounting: bool = False
    rule: str
    cases: CaseCountsPublic
    by_fact: dict[str, Counts]
    by_year_and_region: dict[str, Counts]
    people: PeoplePublic
    funnel: list[StepPublic]
    indicators: list[StepPublic]
    lists: dict[str, Counts]
    time_to_milestone: dict[str, MilestonePublic]
    missed_deadlines_by_agency: Counts
    overdue_tasks_by_agency: Counts
    cases_without_facts: int | None


Grid = dict[str, dict[str, int]]  # region -> year -> count


class PublishedTablePublic(BaseModel):
    """A published table as printed: its regions, its national row, the sum of its regions
    and the years where the national row differs from that sum."""

    source: str
    by_region: Grid
    national: dict[str, int]
    sum_of_regions: dict[str, int]
    differences: dict[str, int]


class SystemCrimesPublic(BaseModel):
    """Distinct register numbers by region and year of registration, counted from cases."""

    from_year: str | None
    by_region: Grid
    unknown_region: dict[str, int]
    national: dict[str, int]
    without_date: int


class RegisteredCrimesPublic(BaseModel):
    """Table 1 (registered trafficking crimes, region x year): published and counted here.
    Public counts: nothing is withheld."""

    regions: list[str]
    years: list[str]
    official: list[PublishedTablePublic]
    system: SystemCrimesPublic
