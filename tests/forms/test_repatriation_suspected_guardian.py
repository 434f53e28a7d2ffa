"""Pages review P3-6 (issue 18): once a suspected parent is replaced, the consular service, which
talks to the family about the return, still sees who the suspect is and that he must not be
contacted nor told where the child is; the new guardian is shown once."""

from __future__ import annotations

import pytest

from forms.translate import Translator
from forms.web.casedata import context_rows
from tests.forms.schemas import field_index, load_schema

CONSULAR_FORMS = (
    "repatriation_consular_interview.schema.json",
    "repatriation_consent_to_return.schema.json",
    "repatriation_consent_confirmed.schema.json",
    "repatriation_procedure_follow_up.schema.json",
    "repatriation_refer_abroad.schema.json",
)
# the case after "Record the new guardian as the child's guardian" replaced a suspected mother
AFTER_REPLACEMENT = {
    "pseudonym": "Nurai-14",
    "presumed_child": True,
    "child_guardian_name": "A. Satarova",
    "child_guardian_relation": "appointed_guardian",
    "child_new_guardian_name": "A. Satarova",
    "child_guardian_suspected_name": "the child's mother",
    "child_guardian_suspected_relation": "parent",
}


@pytest.mark.parametrize("form", CONSULAR_FORMS)
def test_consular_is_told_the_suspect_is_not_to_be_contacted(form: str) -> None:
    rows = context_rows(Translator("ru"), field_index(), load_schema(form), AFTER_REPLACEMENT)
    shown = {label: (value, personal) for label, value, personal in rows}
    warning = "Подозреваемый опекун: не связываться, не сообщать, где ребёнок"
    assert shown[warning] == ("the child's mother", True)
    # the guardian who now decides is shown once, not twice
    assert [value for value, _ in shown.values()].count("A. Satarova") == 1
