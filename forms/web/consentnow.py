"""The person's consent as it stands now, in one line for the case page and every task of the
case (pages review 4, P4-11: "the person limited her consent — recorded 8 Dec" said neither
what she limited nor since when), and the day she gave for a limitation (P4-5: the banner
showed the day it was recorded, not the day she said it)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from api.services.limitation import Limitation
from forms import fieldlabels, timewords
from forms.fieldlabels import FieldIndex
from forms.translate import Translator

SCOPE = "consent_withdrawn_scope"


def said_on(data: Mapping[str, Any], limited: Limitation) -> date:
    """The day the person gave for her limitation (`consent_withdrawn_on`), never after the
    day it was recorded; else the day it was recorded."""
    recorded = limited.since.astimezone(timewords.BISHKEK).date()
    try:
        given = date.fromisoformat(str(data.get("consent_withdrawn_on") or ""))
    except ValueError:
        return recorded
    return min(given, recorded)


def limited_since(t: Translator, data: Mapping[str, Any], limited: Limitation | None) -> str | None:
    """The day of the limitation as a page says it, or None when the agency is not cut off."""
    return timewords.day(said_on(data, limited), t.lang) if limited else None


def line(t: Translator, index: FieldIndex, data: Mapping[str, Any]) -> str | None:
    """ "No data to: Police, Social services (since 7 Dec 2026); police report: no" — what
    the person withdrew or limited, from the case's data; None before she did either."""
    said: list[str] = []
    since = timewords.date_text(data.get("consent_withdrawn_on"), t.lang)
    scope = data.get(SCOPE)
    if isinstance(scope, list) and scope:
        what = fieldlabels.display(t, index, SCOPE, scope)
        said.append(t("case.consent_now.withdrawn", what=what, date=since or "—"))
    cut = data.get("consent_withdrawn_from")
    if isinstance(cut, list) and cut:
        agencies = ", ".join(t(f"agency.{a}") for a in cut)
        said.append(t("case.consent_now.no_data", agencies=agencies, date=since or "—"))
    refused = data.get("consent_police_report") is False
    if said and (refused or data.get("consent_police_report_withdrawn") is True):
        said.append(t("case.consent_now.no_police_report"))
    return "; ".join(said) or None
