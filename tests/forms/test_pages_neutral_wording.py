"""Pages review 3, P3-25: caseworkers read these forms aloud to the person; their texts name
"the person" (человек), never "she" on one line and "he" on the next, in every language
(Kyrgyz has no gendered pronoun)."""

from __future__ import annotations

import re

import pytest

from forms.translate import catalogue
from tests.forms.schemas import load_schema as load

FORMS = (
    "identification_reasonable_grounds",
    "identification_consent",
    "proceedings_non_punishment",
    "proceedings_non_punishment_told",
)
GENDERED = {
    "ru": re.compile(r"\b(она|ей|её|ее|ней|он|ему|него|нему|сама|сам)\b", re.IGNORECASE),
    "en": re.compile(r"\b(she|her|hers|herself|he|him|his|himself)\b", re.IGNORECASE),
}


def texts(schema: dict[str, object]) -> list[str]:
    found = [schema.get("title"), schema.get("description")]
    for prop in (schema.get("properties") or {}).values():  # type: ignore[attr-defined]
        found += [prop.get("title"), prop.get("description")]
        source = prop.get("items") if isinstance(prop.get("items"), dict) else prop
        found += [o.get("title") for o in source.get("oneOf") or []]
    return [t for t in found if isinstance(t, str) and t]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_forms_read_aloud_name_the_person_not_she_or_he(lang: str) -> None:
    words = catalogue(lang).forms
    gendered = []
    for form in FORMS:
        schema = load(f"{form}.schema.json")
        for text in texts(schema):
            said = words.get(text, text)
            if GENDERED[lang].search(said):
                gendered.append((form, said))
    assert gendered == []
