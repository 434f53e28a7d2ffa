"""A case's summary, kept in its row at every step (`nrm_case.summary`): the few values the
inbox and the case list tell cases apart by, so they never restore a workflow for them.

JSON text of the case data's summary fields as the step left them, and `key`: the pseudonym
casefolded, which a search matches with SQL `LIKE`. Pages still project it for the agency
that reads it (api/services/visibility)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

SUMMARY_FIELDS = (
    "pseudonym",
    "presumed_child",
    "age",
    "immediate_danger",
    "region",
    "consent_withdrawn_from",
    "referral_urgency",
)
# Kept as a list of agency codes: the agencies the person stopped sharing her data with, which
# then see only their own open tasks and no SOP in the inbox and case list (page review P-2).
LIST_FIELDS = frozenset({"consent_withdrawn_from"})
SEARCH_KEY = "key"


def of(data: Mapping[str, Any]) -> str:
    """The summary of case data, as the column keeps it."""
    kept: dict[str, Any] = {
        k: data[k] for k in SUMMARY_FIELDS if isinstance(data.get(k), str | int | float)
    }
    for k in LIST_FIELDS:
        value = data.get(k)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            kept[k] = sorted(value)
    pseudonym = data.get("pseudonym")
    if isinstance(pseudonym, str) and pseudonym:
        kept[SEARCH_KEY] = pseudonym.casefold()
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


def read(text: str | None) -> dict[str, Any] | None:
    """The summary fields kept in a case row (None for a row no step has written yet)."""
    if text is None:
        return None
    found = json.loads(text)
    return {k: v for k, v in found.items() if k in SUMMARY_FIELDS}


def search_key(text: str | None) -> str:
    """The casefolded pseudonym a kept summary holds ('' when none)."""
    return str(json.loads(text).get(SEARCH_KEY, "")) if text else ""
