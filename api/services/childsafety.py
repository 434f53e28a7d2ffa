"""What every task of a child's case tells its agency of the child's safety, and whom the case
knows around the child (pages review 4, P4-3 and P4-4). api/services/visibility.py gates the
personal ones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# A child's withdrawal child protection did not act on (repatriation.bpmn sets the flag).
WITHDRAWAL_OVERRULED = (
    "return_child_withdrawal_not_acted_on",
    "consent_withdrawn_on",
    "child_withdrawal_best_interests_date",
)
# What every task of a child's case tells its agency of the child's safety, whatever its form
# asks (pages review 4): child protection, the suspect replaced as guardian, by name (P4-3: its
# own tasks showed the new guardian twice and no suspect); IOM, which assesses and plans the
# child's return, that a relative is suspected (not who), whether the traffickers know where
# the child is (the consulate's answer), and the hand-over child protection arranged (P4-4).
CHILD_SAFETY_FIELDS: Mapping[str, tuple[str, ...]] = {
    "child_protection": ("child_guardian_suspected_name", "child_guardian_suspected_relation"),
    "iom": (
        "child_guardian_suspected_relation",
        "abroad_trafficker_contact",
        "child_handover_receiver_kind",
        "child_handover_receiver",
        "child_handover_place",
        "child_handover_date",
        "child_handover_escort",
    ),
    # the consular service asks the guardian's consent to return again after child protection
    # did not act on a withdrawal: its tasks say so (P4-12)
    "consular": WITHDRAWAL_OVERRULED,
}


def child_safety_fields(agency: str, data: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields of the child's safety every task of this agency shows in a child's case
    (`CHILD_SAFETY_FIELDS`), none in an adult's."""
    if data.get("presumed_child") is not True:
        return ()
    return CHILD_SAFETY_FIELDS.get(agency, ())


# Whom a child's case knows around the child: the guardian now and the suspect replaced.
CHILD_PEOPLE = (
    "child_guardian_name",
    "child_guardian_relation",
    "child_guardian_suspected_name",
    "child_guardian_suspected_relation",
)
