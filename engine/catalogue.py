"""What the rapporteur's page counts: the steps of the referral mechanism (the funnel), the
other indicators, and how facts become categories (docs/statistics.md).

A step counts the cases that reached a milestone (`"x-milestone"` on a form) or whose fact
has a value. The names are fixed with the helpers who write the forms (CONTRACTS.md); a
step no form writes yet counts zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.agencies import SECTOR_OF
from engine.facts import UNKNOWN


@dataclass(frozen=True)
class Step:
    """Cases that reached a milestone, or whose fact has a value (or every case)."""

    name: str
    milestone: str | None = None
    fact: tuple[str, str] | None = None


REPORTED = Step("reported")
FUNNEL: tuple[Step, ...] = (
    REPORTED,
    Step("reasonable_grounds", milestone="reasonable_grounds"),
    Step("identified", fact=("identification_decision", "confirmed")),
    Step("referred", milestone="referred"),
    Step("referral_accepted", milestone="referral_accepted"),
    Step("first_service", milestone="first_service"),
)
# Beside the funnel: what happened to referrals that were not accepted, then everything else.
INDICATORS: tuple[Step, ...] = (
    Step("referral_declined", milestone="referral_declined"),
    Step("referral_timed_out", milestone="referral_timed_out"),
    Step("consent_refused", fact=("consent_referral", "false")),
    Step("consent_withdrawn", milestone="consent_withdrawn"),
    Step("consent_limited", milestone="consent_limited"),
    Step("arrived_home", milestone="arrived_home"),
    Step("returned_abroad", milestone="returned_abroad"),
    Step("certificate_of_return_issued", milestone="certificate_of_return_issued"),
    Step("passport_issued", milestone="passport_issued"),
    Step("citizenship_verified", milestone="citizenship_verified"),
    Step("referred_abroad", milestone="referred_abroad"),
    Step("non_punishment_applied", milestone="non_punishment_applied"),
    Step("proceedings_opened", milestone="proceedings_opened"),
    Step("crime_registered", milestone="crime_registered"),
    Step("protection_measures", milestone="protection_measures"),
    Step("compensation_claimed", milestone="compensation_claimed"),
)
STEPS = FUNNEL + INDICATORS
# A milestone reached in the same step that records a fact with a required value: its count
# is the cases with that fact, so it is published as such (or it would give the fact's
# withheld counts away).
RECORDED_WITH = {"identification_decision": "identification_decision"}

# Facts with a table of their own (or none): not repeated among the plain breakdowns.
OWN_TABLES = frozenset({"region", "sex", "age_group", "citizenship", "crime_registration_region"})
SEXES = ("female", "male", "other", UNKNOWN)
AGES = ("child", "adult", UNKNOWN)
CHILD_GROUPS = frozenset({"0-13", "14-17"})
CITIZENSHIP = ("citizen", "foreign", "stateless", UNKNOWN)
HOME = "KG"


def age_of(group: str) -> str:
    """child, adult or unknown, from an age group."""
    if group == UNKNOWN:
        return UNKNOWN
    return "child" if group in CHILD_GROUPS else "adult"


def citizenship_of(code: str) -> str:
    """citizen, foreign, stateless or unknown, from a citizenship fact."""
    if code == HOME:
        return "citizen"
    if code in (UNKNOWN, "", "unknown"):
        return UNKNOWN
    return "stateless" if code.lower() == "stateless" else "foreign"


def sector_of(agency: str) -> str:
    """ngo, state or international: who reported the case."""
    return SECTOR_OF.get(agency, UNKNOWN)
