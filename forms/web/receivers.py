"""How a task page words the receivers a referral may go to: each agency named as everywhere
else on the page, a receiver the person did not agree to marked so, and why a new receiver is
asked for (page review P-6)."""

from __future__ import annotations

from typing import Any

from forms import fieldlabels, formview
from forms.translate import Translator


def refused_receivers(data: dict[str, Any]) -> set[str]:
    """Receivers the person did not agree to (review P-6): the one she refused
    (`referral_refused_receiver`), and, once her consent per receiver is recorded
    (`referral_consent_receivers`), every receiver not in it."""
    named = data.get("referral_refused_receiver")
    refused = {named} if named else set()
    agreed = data.get("referral_consent_receivers")
    if isinstance(agreed, list):
        refused |= {"ngo", "social", "child_protection"} - set(agreed)
    return {str(r) for r in refused}


def refusal_reason(t: Translator, schema: dict[str, Any] | None, data: dict[str, Any]) -> str:
    """Why a new receiver is asked for, in words, when it is because the person did not agree
    to the receiver named (review P-6): the form's lead names three reasons, the context's
    decision may be an earlier round's."""
    asks = "referral_receiver" in formview.editable(schema)
    named, agreed = data.get("referral_receiver"), data.get("referral_consent_receivers")
    # a receiver reached the referral only with her consent (asked if not agreed at first),
    # so one outside the recorded list is one she refused
    if not asks or data.get("presumed_child"):
        return ""
    if not isinstance(named, str) or not isinstance(agreed, list) or named in agreed:
        return ""
    agency = t(f"agency.{named}") if t.has(f"agency.{named}") else named
    return t("task.receiver_refused_reason", agency=agency)


def option_names(
    t: Translator, schema: dict[str, Any] | None, data: dict[str, Any]
) -> dict[str, dict[str, str]]:
    """Choices of a field naming an agency (`referral_receiver`), worded as the agency is
    named everywhere else on the page (review P-6: one name per agency), a receiver the
    person did not agree to marked so."""
    refused = refused_receivers(data) if not data.get("presumed_child") else set()
    names: dict[str, dict[str, str]] = {}
    for name, prop in formview.editable(schema).items():
        if name not in fieldlabels.AGENCY_FIELDS | fieldlabels.AGENCY_LISTS:
            continue
        for choice in formview.choices_of(prop):
            if not t.has(f"agency.{choice.value}"):
                continue
            text = t(f"agency.{choice.value}")
            if name == "referral_receiver" and choice.value in refused:
                text = t("task.receiver_refused", agency=text)
            names.setdefault(name, {})[choice.value] = text
    return names
