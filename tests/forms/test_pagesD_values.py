"""Page review P-12: values a caseworker reads as answers are words, not internal values —
the identification criteria's version (a DMN output) and a language name that starts an
answer (CLDR's "кыргызский" in lower case)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from engine import codes
from forms import fieldlabels
from forms.translate import Translator

ROOT = Path(__file__).parents[2]
LANGS = ("ru", "ky", "en")


def criteria_versions() -> set[str]:
    """Every version the identification criteria's decision table can record."""
    dmn = (ROOT / "bpmn" / "identification_criteria.dmn").read_text(encoding="utf-8")
    return set(re.findall(r'"(\w+-criteria-[\w.]+)"', dmn))


def index() -> fieldlabels.FieldIndex:
    forms = {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "forms" / "schemas").glob("*.schema.json"))
    }
    return fieldlabels.field_index(forms)


def test_the_criteria_version_is_shown_as_a_readable_name_in_every_language() -> None:
    versions = criteria_versions()
    assert versions == {"kg-criteria-2019.1"}  # the DMN's one version today
    fields = index()
    shown = {
        lang: fieldlabels.display(Translator(lang), fields, "screening_criteria_version", v)
        for lang in LANGS
        for v in versions
    }
    assert shown == {
        "ru": "Кыргызская Республика, 2019 г., редакция 1",
        "ky": "Кыргыз Республикасы, 2019-ж., 1-редакция",
        "en": "Kyrgyz Republic, 2019, revision 1",
    }


def test_a_language_named_as_an_answer_starts_with_a_capital_letter_lists_keep_cldr() -> None:
    prop = {"type": "string", "x-codes": "language"}
    fields = {"language": prop}
    assert fieldlabels.display(Translator("ru"), fields, "language", "ky") == "Кыргызский"
    assert fieldlabels.display(Translator("ru"), fields, "language", "uz") == "Узбекский"
    assert fieldlabels.display(Translator("ky"), fields, "language", "ru") == "Орусча"
    assert fieldlabels.display(Translator("en"), fields, "language", "ky") == "Kyrgyz"
    # the choice lists keep CLDR's own spelling, in the order of its names
    assert ("ky", "кыргызский") in codes.names("language", "ru")
    assert codes.name("language", "ru", "ky") == "кыргызский"
    # a country name is left as it is
    assert codes.answer("country", "ru", "KG") == "Кыргызстан"
    assert codes.answer("language", "ru", "xx") is None
