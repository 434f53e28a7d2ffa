"""Agency roles (one BPMN lane each) and how a lane resolves to a role.

Lanes are roles, not ministries (the brief, section 1). A lane's stable code
is its BPMN id without the `lane_` prefix, so renaming a lane in a modeler
never changes who gets the task. A few lanes are *dynamic*: they name a
position in the case (the first responder, the chosen receiver), resolved
when the task opens from case data or a parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AgencyRole:
    """An agency role of the brief: a lane code and who holds it today."""

    code: str
    name: str
    holder: str
    first_responder: bool = True
    has_tasks: bool = True
    sector: str = "state"  # ngo, state or international: the article compares NGOs and the state


ROLES: tuple[AgencyRole, ...] = (
    AgencyRole("police", "Police", "Criminal Police Service, Ministry of Internal Affairs"),
    AgencyRole("prosecutor", "Prosecutor", "General Prosecutor's Office", first_responder=False),
    AgencyRole(
        "social",
        "Social services",
        "Ministry of Labour, Social Security and Migration; district social services",
    ),
    AgencyRole(
        "commission",
        "Rehabilitation commission",
        "Interagency commission on social rehabilitation",
        first_responder=False,
    ),
    AgencyRole("ngo", "NGO / crisis centre", "Crisis centres and shelters", sector="ngo"),
    AgencyRole("labour_inspection", "Labour inspection", "Labour inspectorate"),
    AgencyRole("consular", "Consular service", "MFA consular service, embassies, consulates"),
    AgencyRole(
        "border", "Border service", "Border service (State Committee for National Security)"
    ),
    AgencyRole(
        "child_protection",
        "Child protection",
        "Child-protection body, Commission on Children's Affairs",
    ),
    AgencyRole("iom", "IOM", "International Organization for Migration", sector="international"),
    AgencyRole(
        "registration", "State registration", "State Registration Service", first_responder=False
    ),
    AgencyRole("health", "Health", "Health organisations"),
    AgencyRole(
        "rapporteur",
        "National rapporteur",
        "National rapporteur, monitoring",
        first_responder=False,
        has_tasks=False,
    ),
)

ROLE_CODES: frozenset[str] = frozenset(r.code for r in ROLES)
SECTORS = ("ngo", "state", "international")
SECTOR_OF: Mapping[str, str] = {r.code: r.sector for r in ROLES}


@dataclass(frozen=True)
class DynamicLane:
    """A lane whose role is read when the task opens: the first case-data field that holds
    a role code, else a parameter. The fields are read from the task's own copy of the data
    (a parallel branch or one instance of a multi-instance task has its own), or, for a lane
    that follows the whole case (`case_wide`), from the case data as it stands, every branch
    merged: a task opened beside the referral follows what the referral decided.
    `accepted_receiver_only`: `referral_receiver` counts only once that receiver accepted
    the referral (a receiver named while the person is still asked, or one that declined or
    was refused, never serves her). `never_refused`: an agency she refused as a receiver
    (`referral_refused_receivers`, recorded by the referral) or cut off by a withdrawal or a
    limitation of consent (`consent_withdrawn_from`) is passed over, so the next field decides
    (review R5-5: the social service she refused never gets her help later)."""

    code: str
    data_fields: tuple[str, ...] = ()
    parameter: str | None = None
    description: str = ""
    case_wide: bool = False
    accepted_receiver_only: bool = False
    never_refused: bool = False


DYNAMIC_LANES: Mapping[str, DynamicLane] = {
    d.code: d
    for d in (
        DynamicLane(
            "first_responder",
            data_fields=("first_responder", "reporting_agency"),
            description="the agency acting as first responder: `first_responder` when a "
            "diagram sets it (e.g. the receiving agency after a return from abroad), else the "
            "agency that reported the presumed victim",
        ),
        DynamicLane(
            "identifying_authority",
            parameter="identifying_authority",
            description="the identifying authority (parameter, default police)",
        ),
        DynamicLane(
            "decision_reviewer",
            parameter="decision_review_authority",
            description="the body that reviews a negative identification decision (parameter, "
            "default prosecutor; never the identifying authority)",
        ),
        DynamicLane(
            "receiver",
            data_fields=("referral_receiver",),
            description="the receiver chosen in the referral",
        ),
        DynamicLane(
            "serving_agency",
            data_fields=("referral_receiver", "first_responder", "reporting_agency"),
            description="the agency serving the person: the receiver that accepted the "
            "referral, else (before any referral, while it runs, when she refused every "
            "receiver, or abroad) the first responder, else the reporting agency — read from "
            "the whole case, so a task opened beside the referral (the proceedings) follows "
            "its outcome",
            case_wide=True,
            accepted_receiver_only=True,
            never_refused=True,
        ),
        DynamicLane(
            "follow_up",
            data_fields=("rehab_follow_up_by", "referral_receiver"),
            description="the agency the rehabilitation's closure named for the follow-up "
            "contact (`rehab_follow_up_by`), else the receiver serving the person",
        ),
        DynamicLane(
            "service_provider",
            data_fields=("rehab_service_agency", "referral_receiver"),
            description="the agency the rehabilitation plan chose to deliver one service "
            "(`rehab_service_agency` of the service's own task), else the receiver serving "
            "the person",
        ),
    )
}


def lane_code(lane_id: str) -> str:
    """The stable code of a lane from its BPMN id (`lane_police` -> `police`)."""
    return lane_id.removeprefix("lane_")


def referral_accepted(data: Mapping[str, Any]) -> bool:
    """True once the referral's receiver (`referral_receiver`) accepted it (referral.bpmn:
    the receiver's answer `referral_decision`, or the referral's result)."""
    return data.get("referral_decision") == "accepted" or data.get("referral_outcome") == "accepted"


def follows_case(lane_id: str | None) -> bool:
    """True for a lane that follows the whole case (`case_wide`: the agency serving the
    person): its open tasks move when the agency it names changes."""
    dynamic = DYNAMIC_LANES.get(lane_code(lane_id)) if lane_id else None
    return dynamic is not None and dynamic.case_wide


def is_known_lane(lane_id: str) -> bool:
    """True when the lane maps to an agency role or a dynamic lane."""
    code = lane_code(lane_id)
    return code in ROLE_CODES or code in DYNAMIC_LANES


def resolve_lane(
    lane_id: str | None,
    data: Mapping[str, Any],
    params: Mapping[str, Any],
    case: Mapping[str, Any] | None = None,
) -> str | None:
    """The agency role code that owns a task in this lane, given the data the task sees
    (`data`) and, for a lane that follows the whole case, the case data (`case`; `data`
    when not given)."""
    if lane_id is None:
        return None
    code = lane_code(lane_id)
    dynamic = DYNAMIC_LANES.get(code)
    if dynamic is None:
        return code if code in ROLE_CODES else None
    if dynamic.case_wide and case is not None:
        data = case
    found = [
        str(data[name])
        for name in dynamic.data_fields
        if data.get(name) in ROLE_CODES
        and not (
            name == "referral_receiver"
            and dynamic.accepted_receiver_only
            and not referral_accepted(data)
        )
    ]
    refused: frozenset[str] = frozenset()
    if dynamic.never_refused:
        # a receiver she refused once and agreed to in a later round, which accepted, serves
        # her (review 6 R6-12); one she then cut off does not
        accepted = {data.get("referral_receiver")} if referral_accepted(data) else set()
        refused = (refused_receivers(data) - accepted) | cut_off(data)
    # every one refused: the first still holds the task, never nobody (no dead end, rule 4)
    kept = [role for role in found if role not in refused] or found
    if kept and dynamic.never_refused and data.get("presumed_child") and kept[0] in ENFORCEMENT:
        # a child with no receiver serving her is served by child protection, never by the
        # officers who found her (review 6 R6-4: the raid's police asked her to testify)
        return "child_protection"
    if kept:
        return kept[0]
    value = params.get(dynamic.parameter) if dynamic.parameter else None
    return str(value) if value in ROLE_CODES else None


# Agencies that investigate and prosecute: they never serve a child as her agency.
ENFORCEMENT = frozenset({"police", "border", "prosecutor"})


def cut_off(data: Mapping[str, Any]) -> frozenset[str]:
    """The agencies the person withdrew her consent from or limited sharing with
    (`consent_withdrawn_from`): none of them is asked to serve her again (pages review P4-5:
    a "tell her" task to the agency she cut off). Child protection stays in a child's case,
    whatever the withdrawal says (review R5-6)."""
    named = data.get("consent_withdrawn_from")
    agencies = frozenset(str(a) for a in named) if isinstance(named, list) else frozenset()
    return agencies - {"child_protection"} if data.get("presumed_child") else agencies


def refused_receivers(data: Mapping[str, Any]) -> frozenset[str]:
    """The receivers the person refused in the referral (`referral_refused_receivers`)."""
    named = data.get("referral_refused_receivers")
    return frozenset(str(r) for r in named) if isinstance(named, list) else frozenset()
