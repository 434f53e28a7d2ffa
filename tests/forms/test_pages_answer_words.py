"""Pages review 4, P4-10: recorded answers read as answers, not as the form's instructions —
"Is the person's citizenship known? Known", not "Known: choose the country below" — and a
relation row says whose relation it is ("Who the suspect is to the child: A parent"), not
"The suspected guardian is —: A parent"."""

from __future__ import annotations

import pytest

from forms import fieldlabels
from forms.translate import Translator
from tests.forms.schemas import field_index

CASE = {
    "citizenship_status": "known",
    "detection_channel": "other",
    "child_guardian_relation": "relative",
    "child_guardian_suspected_relation": "parent",
}
WORDS = {
    "en": {
        "citizenship_status": "Known",
        "detection_channel": "Another agency or channel",
        "Who the suspect is to the child": "A parent",
        "Who the guardian is to the child": "Another relative",
    },
    "ru": {
        "citizenship_status": "Известно",
        "detection_channel": "Другой орган или источник",
        "Кем приходится ребёнку подозреваемый": None,
        "Кем приходится ребёнку опекун": None,
    },
    "ky": {
        "citizenship_status": "Белгилүү",
        "detection_channel": "Башка орган же булак",
        "Шектүү адам балага ким болот": None,
        "Камкорчу балага ким болот": None,
    },
}


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_recorded_answers_read_as_answers_with_whose_relation(lang: str) -> None:
    t = Translator(lang)
    index = field_index()
    shown = {label: value for label, value, _ in fieldlabels.rows(t, index, CASE)}
    for key, value in WORDS[lang].items():
        if key in CASE:
            assert fieldlabels.display(t, index, key, CASE[key]) == value
        else:
            assert key in shown, (lang, shown)
            if value:
                assert shown[key] == value
    assert not any(label.endswith(("—", " is")) for label in shown), shown
    assert not any("below" in v or "ниже" in v or "төмөндө" in v for v in shown.values())
