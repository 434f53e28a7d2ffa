"""NRM parameters: every deadline or choice the brief marks [param] or [law].

Diagrams read them through `param("name")` in timer expressions, scripts and
conditions, and a user task names its deadline with the `dueParameter` property
(docs/diagram-conventions.md); they are never literals in BPMN or code. Operators
override any of them with an environment variable `NRM_PARAM_<NAME>` (upper case).

A deadline parameter has a `unit`: `hours` (calendar hours, never moved), `days`
(calendar days; one that ends on a day off moves to the next working day) or
`working_days` (the Kyrgyz working-day calendar, engine/workdays.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from engine.agencies import ROLES
from engine.errors import ParameterError


class Unit(StrEnum):
    """How a deadline parameter counts from the moment its task opens."""

    HOURS = "hours"
    DAYS = "days"
    WORKING_DAYS = "working_days"


@dataclass(frozen=True)
class Parameter:
    """One configurable value with its default and where the default comes from."""

    name: str
    default: int | str
    source: str  # "law", "intl" or "param" as marked in the brief
    description: str
    unit: Unit | None = None  # set on deadlines: what the number counts
    # The smallest value a standard allows (the reflection period: at least 30 days).
    minimum: int | None = None


def _due(name: str, default: int, unit: Unit, description: str) -> Parameter:
    """A task deadline the brief leaves open [param]."""
    return Parameter(name, default, "param", description, unit)


H, D, W = Unit.HOURS, Unit.DAYS, Unit.WORKING_DAYS

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "identifying_authority",
        "police",
        "param",
        "Agency role that takes the formal identification decision",
    ),
    Parameter(
        "decision_review_authority",
        "prosecutor",
        "param",
        "Agency role that reviews a negative identification decision (never the identifying "
        "authority: nobody reviews their own decision)",
    ),
    Parameter(
        "identification_decision_working_days",
        5,
        "param",
        "Working days for the formal status decision before escalation",
        W,
    ),
    Parameter(
        "further_interview_days",
        10,
        "param",
        "Days for a further interview when screening is unclear",
        D,
    ),
    Parameter(
        "referral_accept_hours",
        24,
        "param",
        "Hours for a receiver to accept or decline a referral",
        H,
    ),
    Parameter(
        "referral_urgent_accept_hours",
        4,
        "param",
        "Hours for a receiver to accept or decline a referral marked immediate (the person has "
        "no safe place tonight)",
        H,
    ),
    Parameter(
        "commission_resolve_hours",
        72,
        "param",
        "Hours for the commission to name another receiver",
        H,
    ),
    Parameter(
        "shelter_free_days",
        10,
        "law",
        "Days of free shelter, extendable for investigation and trial",
        D,
    ),
    Parameter(
        "reflection_period_days",
        30,
        "intl",
        "Reflection and recovery period, during which no removal",
        D,
        minimum=30,
    ),
    Parameter(
        "rehabilitation_review_days",
        30,
        "param",
        "Days between reviews of a rehabilitation plan",
        D,
    ),
    Parameter("return_certificate_valid_days", 30, "law", "Validity of a certificate of return", D),
    Parameter(
        "return_certificate_reissue_rounds",
        2,
        "param",
        "Times a certificate of return is reissued before the consular service decides "
        "whether the return goes on",
        minimum=1,
    ),
    Parameter(
        "referral_refusal_rounds",
        2,
        "param",
        "Receivers an adult may refuse before the referral ends with an anonymous notification",
        minimum=1,
    ),
    # Loops that must end (issue 16): after these rounds a decision is taken instead.
    Parameter(
        "screening_unclear_rounds",
        2,
        "param",
        "Further interviews after unclear screenings before the identifying authority decides "
        "on reasonable grounds",
        minimum=1,
    ),
    Parameter(
        "rehab_plan_rejection_rounds",
        2,
        "param",
        "Times the commission may reject a rehabilitation plan before it settles the plan itself",
        minimum=1,
    ),
    Parameter(
        "passport_issue_days",
        15,
        "law",
        "Days after arrival within which registration issues a new passport",
        D,
    ),
    Parameter("follow_up_days", 90, "param", "Days after closure for the follow-up contact", D),
    Parameter(
        "lost_contact_search_days",
        30,
        "param",
        "Days to search for a person who lost contact before closing",
        D,
    ),
    Parameter(
        "duplicate_report_days",
        30,
        "param",
        "Days within which a report with the same pseudonym, region and date of birth or age "
        "band warns the reporter of the earlier case",
    ),
    # Deadlines of the tasks of each kind (brief §7.9: every task has a due date). Short
    # where delay harms the person (safety, a child, first help); the unit says how they count.
    _due("safety_check_hours", 4, H, "Hours to check safety and risks after the report"),
    _due("emergency_assistance_hours", 2, H, "Hours to provide emergency assistance"),
    _due("interpreter_hours", 24, H, "Hours to arrange an interpreter"),
    _due(
        "child_notification_hours",
        24,
        H,
        "Hours for child protection to register a child and appoint a guardian",
    ),
    _due("consent_hours", 48, H, "Hours to inform the person and record consent"),
    _due("screening_working_days", 3, W, "Working days for the indicator screening"),
    _due("anonymous_notification_working_days", 3, W, "Working days to send the notification"),
    _due("crime_registration_hours", 24, H, "Hours to record the crime in the unified register"),
    _due(
        "non_punishment_working_days",
        5,
        W,
        "Working days for the prosecutor to decide on non-punishment",
    ),
    _due(
        "reasonable_grounds_hours", 24, H, "Hours to record reasonable grounds and tell the person"
    ),
    _due(
        "decision_notice_working_days",
        3,
        W,
        "Working days to tell the person of a negative decision",
    ),
    _due("decision_review_working_days", 10, W, "Working days to review a negative decision"),
    _due("follow_up_contact_working_days", 10, W, "Working days to make a follow-up contact"),
    _due("general_services_working_days", 5, W, "Working days to refer to general services"),
    _due(
        "overdue_review_working_days",
        2,
        W,
        "Working days for a task that follows up an overdue one",
    ),
    _due("referral_compile_hours", 24, H, "Hours to compile the referral"),
    _due("referral_consent_hours", 24, H, "Hours to ask consent for a named receiver"),
    _due("first_assistance_hours", 24, H, "Hours to provide first assistance once accepted"),
    _due("consulate_contact_working_days", 5, W, "Working days for consular risk and contact"),
    _due("consular_interview_working_days", 5, W, "Working days for the consular interview"),
    _due("refer_abroad_working_days", 5, W, "Working days to refer to help in the country of stay"),
    _due(
        "citizenship_verification_working_days",
        10,
        W,
        "Working days to verify an unknown citizenship or statelessness",
    ),
    _due("return_consent_working_days", 5, W, "Working days for informed consent to return"),
    _due("return_risk_working_days", 5, W, "Working days to assess the return risk"),
    _due("safety_plan_working_days", 5, W, "Working days to plan safety measures and escort"),
    _due("best_interests_working_days", 10, W, "Working days for a best-interests decision"),
    _due("certificate_of_return_working_days", 3, W, "Working days to issue a certificate"),
    _due("reception_hours", 24, H, "Hours to receive a returning person at home"),
    _due("rights_information_hours", 48, H, "Hours to explain rights and the reflection period"),
    _due("return_options_working_days", 10, W, "Working days to discuss the options"),
    _due("travel_documents_request_working_days", 5, W, "Working days to request documents"),
    _due("handover_working_days", 5, W, "Working days for each step of a hand-over abroad"),
    _due("reintegration_plan_working_days", 10, W, "Working days to prepare a reintegration plan"),
    _due("assisted_return_working_days", 10, W, "Working days to organise an assisted return"),
    _due("rehabilitation_intake_working_days", 3, W, "Working days for intake and needs"),
    _due("rehabilitation_plan_working_days", 10, W, "Working days to draft a plan"),
    _due("child_protection_plan_working_days", 10, W, "Working days to agree a child plan"),
    _due("plan_approval_working_days", 5, W, "Working days for the commission to approve a plan"),
    _due("service_delivery_days", 30, D, "Days to deliver a service of the plan"),
    _due("rehabilitation_review_working_days", 5, W, "Working days to hold a due review"),
    _due("closing_working_days", 10, W, "Working days to close a case or its rehabilitation"),
    _due("protection_measures_hours", 24, H, "Hours to decide protection for a victim-witness"),
    _due("shelter_extension_working_days", 3, W, "Working days to decide a shelter extension"),
    _due("compensation_claim_working_days", 10, W, "Working days to prepare a compensation claim"),
    _due("proceedings_step_days", 30, D, "Days to record the next step of the proceedings"),
    _due("hearing_preparation_working_days", 5, W, "Working days to prepare for a hearing"),
    # The escalation ladder's rungs after the first (ESCALATION_LADDERS below).
    _due(
        "escalation_next_rung_working_days",
        2,
        W,
        "Working days an escalated task may stay open before the next rung is told",
    ),
    _due(
        "missing_child_report_hours",
        2,
        H,
        "Hours to report a child who lost contact to the police and alert child protection",
    ),
    Parameter(
        "referral_decline_rounds",
        2,
        "param",
        "Receivers that may decline a referral before the commission names a public receiver "
        "(social services or child protection) that cannot decline",
        minimum=1,
    ),
    Parameter(
        "return_options_rounds",
        2,
        "param",
        "Times a foreign victim's return goes back to the options before IOM reviews why it "
        "keeps not going ahead",
        minimum=1,
    ),
)

DEFAULTS: Mapping[str, int | str] = MappingProxyType({p.name: p.default for p in PARAMETERS})
UNITS: Mapping[str, Unit] = MappingProxyType({p.name: p.unit for p in PARAMETERS if p.unit})


def load_parameters(environ: Mapping[str, str] | None = None) -> Mapping[str, int | str]:
    """Defaults overridden by `NRM_PARAM_<NAME>` environment variables."""
    env = os.environ if environ is None else environ
    values: dict[str, int | str] = {}
    for p in PARAMETERS:
        raw = env.get(f"NRM_PARAM_{p.name.upper()}")
        if raw is None:
            values[p.name] = p.default
        elif isinstance(p.default, int):
            values[p.name] = _number(p, raw)
        else:
            values[p.name] = raw
    check_roles(values)
    return MappingProxyType(values)


# Parameters that name the agency role holding a lane; the reviewer of a decision is never the
# body that took it.
ROLE_PARAMETERS = ("identifying_authority", "decision_review_authority")


def check_roles(values: Mapping[str, int | str]) -> None:
    """Refuse a role parameter that names no agency with tasks, and a reviewer of negative
    identification decisions that is the identifying authority itself."""
    for name in ROLE_PARAMETERS:
        if values.get(name) not in TASK_ROLES:
            raise ParameterError(
                f"NRM_PARAM_{name.upper()}={values.get(name)!r} is not an agency role with "
                f"tasks ({', '.join(sorted(TASK_ROLES))}).",
                parameter=name,
            )
    if values["decision_review_authority"] == values["identifying_authority"]:
        raise ParameterError(
            "NRM_PARAM_DECISION_REVIEW_AUTHORITY must differ from NRM_PARAM_IDENTIFYING_AUTHORITY "
            f"(both {values['identifying_authority']!r}): the body that decided does not review "
            "its own negative decision.",
            parameter="decision_review_authority",
        )


def _number(p: Parameter, raw: str) -> int:
    """An integer parameter's value, refused below the minimum its standard sets."""
    try:
        value = int(raw)
    except ValueError:
        raise ParameterError(
            f"NRM_PARAM_{p.name.upper()}={raw!r} is not a whole number.", parameter=p.name
        ) from None
    if p.minimum is not None and value < p.minimum:
        raise ParameterError(
            f"NRM_PARAM_{p.name.upper()}={value} is below {p.minimum}, the least the "
            f"{SOURCES[p.source]} allows ({p.description.lower()}).",
            parameter=p.name,
            minimum=p.minimum,
        )
    return value


TASK_ROLES = frozenset(r.code for r in ROLES if r.has_tasks)
SOURCES = {"law": "law", "intl": "international standard", "param": "NRM"}

# --- Escalation ladders -----------------------------------------------------------------
# Declared once here, never drawn in a diagram: when an open task passes its due date, the
# worker tells the first rung; while it stays open, each later rung is told once the
# deadline parameter of that rung has passed since the rung before (engine/escalations.py).

HOLDER = "holder"  # a rung's agency: the agency that holds the task


@dataclass(frozen=True)
class Rung:
    """One rung of an escalation ladder: who is told, and when."""

    agency: str  # an agency code, or HOLDER
    role: str  # the users of that agency who see it: `supervisor` or `head`
    after: str | None  # deadline parameter counted from the rung before; None: the task's due


NEXT_RUNG = "escalation_next_rung_working_days"
# Every task: its agency's supervisors, then the interagency commission's.
ESCALATION_LADDER: tuple[Rung, ...] = (
    Rung(HOLDER, "supervisor", None),
    Rung("commission", "supervisor", NEXT_RUNG),
)
# Decisions (the identifying authority's lane) and the commission's own tasks go up to the
# head of the agency that holds them.
HEAD_LADDER: tuple[Rung, ...] = (
    Rung(HOLDER, "supervisor", None),
    Rung(HOLDER, "head", NEXT_RUNG),
)
# A status decision or its review still overdue after the head was told goes to the
# commission as well (brief §7 rule 9: "to the agency's supervisors, then to the commission").
DECISION_LADDER: tuple[Rung, ...] = (
    *HEAD_LADDER,
    Rung("commission", "supervisor", NEXT_RUNG),
)
ESCALATION_LADDERS: Mapping[str, tuple[Rung, ...]] = MappingProxyType(
    {
        "identifying_authority": DECISION_LADDER,
        "decision_reviewer": DECISION_LADDER,
        "commission": HEAD_LADDER,
    }
)


def escalation_ladder(lane: str | None, agency: str | None) -> tuple[Rung, ...]:
    """The ladder of a task in this lane (code, e.g. `identifying_authority`) held by this
    agency."""
    for key in (lane, agency):
        if key is not None and key in ESCALATION_LADDERS:
            return ESCALATION_LADDERS[key]
    return ESCALATION_LADDER
