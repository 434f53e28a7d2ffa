"""NRM parameters: every deadline or choice the brief marks [param] or [law].

Diagrams read them through `param("name")` in timer expressions, scripts and
conditions; they are never literals in BPMN or code. Operators override any of
them with an environment variable `NRM_PARAM_<NAME>` (upper case).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from engine.errors import ParameterError


@dataclass(frozen=True)
class Parameter:
    """One configurable value with its default and where the default comes from."""

    name: str
    default: int | str
    source: str  # "law", "intl" or "param" as marked in the brief
    description: str
    # The smallest value a standard allows (the reflection period: at least 30 days).
    minimum: int | None = None


PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "identifying_authority",
        "police",
        "param",
        "Agency role that takes the formal identification decision",
    ),
    Parameter(
        "identification_decision_working_days",
        5,
        "param",
        "Working days for the formal status decision before escalation",
    ),
    Parameter(
        "further_interview_days",
        10,
        "param",
        "Days for a further interview when screening is unclear",
    ),
    Parameter(
        "referral_accept_hours", 24, "param", "Hours for a receiver to accept or decline a referral"
    ),
    Parameter(
        "commission_resolve_hours", 72, "param", "Hours for the commission to name another receiver"
    ),
    Parameter(
        "shelter_free_days",
        10,
        "law",
        "Days of free shelter, extendable for investigation and trial",
    ),
    Parameter(
        "reflection_period_days",
        30,
        "intl",
        "Reflection and recovery period, during which no removal",
        minimum=30,
    ),
    Parameter(
        "rehabilitation_review_days", 30, "param", "Days between reviews of a rehabilitation plan"
    ),
    Parameter("return_certificate_valid_days", 30, "law", "Validity of a certificate of return"),
    Parameter(
        "return_certificate_reissue_rounds",
        2,
        "param",
        "Times a certificate of return is reissued before the consular service decides "
        "whether the return goes on",
        minimum=1,
    ),
    Parameter(
        "passport_issue_days",
        15,
        "law",
        "Days after arrival within which registration issues a new passport",
    ),
    Parameter("follow_up_days", 90, "param", "Days after closure for the follow-up contact"),
    Parameter(
        "lost_contact_search_days",
        30,
        "param",
        "Days to search for a person who lost contact before closing",
    ),
)

DEFAULTS: Mapping[str, int | str] = MappingProxyType({p.name: p.default for p in PARAMETERS})


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
    return MappingProxyType(values)


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


SOURCES = {"law": "law", "intl": "international standard", "param": "NRM"}
