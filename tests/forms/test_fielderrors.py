"""Field errors in the page language: the engine names the kind of each problem
(`FieldError.code`), the pages word it from the catalogue with the form's own limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.errors import FieldError
from engine.forms import field_errors
from forms.fielderrors import localise
from forms.translate import Translator

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 2, "maxLength": 5, "pattern": "^[A-Z]"},
        "age": {"type": "integer", "minimum": 0, "maximum": 120},
        "share": {"type": "number", "exclusiveMinimum": 0.5},
        "born": {"type": "string", "format": "date"},
        "decision": {
            "type": "string",
            "title": "Decision",
            "oneOf": [{"const": "accepted"}, {"const": "declined"}],
        },
        "reason": {"type": "string"},
        "tags": {
            "type": "array",
            "items": {"enum": ["a", "b", "c"]},
            "minItems": 1,
            "maxItems": 2,
            "uniqueItems": True,
        },
        "flag": {"type": "boolean"},
    },
    "required": ["flag"],
    "if": {"properties": {"decision": {"const": "declined"}}, "required": ["decision"]},
    "then": {"required": ["reason"]},
}
FIRST = {"name": "a", "age": -1, "share": 0, "born": "5 May", "decision": "declined",
         "tags": ["d"], "x": 1}  # fmt: skip
SECOND = {"name": "Abcdefg", "age": "ten", "tags": ["a", "a", "b"], "flag": "maybe",
          "decision": "maybe"}  # fmt: skip


def words(lang: str, data: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    return localise(Translator(lang), SCHEMA, field_errors(SCHEMA, data))


def test_field_errors_name_the_kind_of_each_problem() -> None:
    codes = {(e.field, e.code) for e in field_errors(SCHEMA, FIRST)}
    assert codes == {
        ("x", "unknown"), ("flag", "required"), ("reason", "required"),
        ("age", "minimum"), ("born", "format"), ("name", "minLength"), ("name", "pattern"),
        ("share", "exclusiveMinimum"), ("tags/0", "enum"),
    }  # fmt: skip
    assert {e.code for e in field_errors(SCHEMA, SECOND)} >= {"type", "maxLength", "oneOf"}
    assert field_errors(SCHEMA, [1])[0].code == "type"


def test_field_errors_keep_their_english_messages() -> None:
    messages = {e.field: e.message for e in field_errors(SCHEMA, FIRST)}
    assert messages["flag"] == messages["reason"] == "This field is required."
    assert messages["x"] == "Not a field of this form."
    assert messages["born"] == "'5 May' is not a 'date'"


def test_localise_words_each_kind_in_russian() -> None:
    per_field, general = words("ru", FIRST)
    assert per_field == {
        "flag": "Ответьте на этот вопрос.",
        "reason": "Ответьте на этот вопрос: он нужен из-за ответа на вопрос «Решение».",
        "age": "Не меньше 0.",
        "born": "Введите дату.",
        "name": "Введите не менее 2 символов.",
        "share": "Должно быть больше 0,5.",
        "tags": "Выберите один из вариантов.",
    }
    assert general == ["Форма отправила неизвестное поле: x."]
    per_field, _ = words("ru", SECOND)
    assert per_field == {
        "age": "Введите целое число, например 17.",
        "name": "Введите не более 5 символов.",
        "tags": "Выберите не более 2 вариантов.",
        "flag": "Выберите один из вариантов.",
        "decision": "Выберите один из вариантов.",
    }


def test_localise_words_each_kind_in_english() -> None:
    per_field, general = words("en", FIRST)
    assert per_field["age"] == "Must be at least 0."
    assert per_field["share"] == "Must be more than 0.5."
    assert per_field["name"] == "Enter at least 2 characters."
    assert general == ["The form sent an unknown field: x."]
    assert words("en", {"flag": True, "age": 121})[0] == {"age": "Must be at most 120."}


@pytest.mark.parametrize("data", [FIRST, SECOND])
def test_localise_in_kyrgyz_never_shows_the_engines_english(data: dict[str, Any]) -> None:
    per_field, general = words("ky", data)
    english = {e.message for e in field_errors(SCHEMA, data)}
    assert per_field and not (set(per_field.values()) | set(general)) & english
    assert words("ky", {"flag": True, "age": 121})[0] == {"age": "120 санынан ашпашы керек."}


def test_localise_a_conditional_limit_names_the_limit_broken() -> None:
    schema = {**SCHEMA, "then": {"properties": {"age": {"minimum": 18}}}}
    errors = field_errors(schema, {"flag": True, "decision": "declined", "age": 16})
    assert [(e.code, e.limit) for e in errors] == [("minimum", 18)]
    per_field, _ = localise(Translator("ru"), schema, errors)
    assert per_field == {"age": "Не меньше 18."}


def test_localise_an_error_without_a_kind_is_a_plain_check_message() -> None:
    errors = [FieldError("age", "Something odd.")]
    per_field, _ = localise(Translator("en"), SCHEMA, errors)
    assert per_field == {"age": "Check this value."}


def test_a_rule_against_a_case_field_names_its_label_not_its_key() -> None:
    # pages review 5, P5-11: «Не может совпадать с «child_guardian_name»» and «… с .»
    schema = {
        "type": "object",
        "properties": {
            "guardian_confirming": {"type": "string", "title": "Guardian who confirms"},
            "presumed_child": {"type": "boolean", "readOnly": True},
        },
    }
    index = {"child_guardian_suspected_name": {"title": "Name of the suspected guardian"}}
    errors = [
        FieldError(
            "guardian_confirming",
            "The text is that of child_guardian_suspected_name.",
            "x-differs-from",
            related=("child_guardian_suspected_name",),
        )
    ]
    per_field, _ = localise(Translator("ru"), schema, errors, {}, index)
    said = per_field["guardian_confirming"]
    assert "child_guardian_suspected_name" not in said and "«»" not in said
    assert said.startswith("Не может совпадать с «") and said.endswith("».")


@pytest.mark.parametrize("name", ["consent_withdrawn", "consent_limited"])
def test_a_childs_withdrawal_cannot_cut_child_protection_off(name: str) -> None:
    # pages review 5, P5-4: a parent ticked child protection among the agencies cut off
    schema = json.loads(
        (Path(__file__).parents[2] / "forms" / "schemas" / f"{name}.schema.json").read_text()
    )
    data = {
        "consent_withdrawn_on": "2026-01-05",
        "consent_withdrawn_from": ["police", "child_protection"],
        "presumed_child": True,
    }
    found = [e for e in field_errors(schema, data) if e.field == "consent_withdrawn_from"]
    assert [e.code for e in found] == ["not"]
    per_field, _ = localise(Translator("en"), schema, found)
    assert per_field["consent_withdrawn_from"] == (
        "What the case records («Presumed child») rules this answer out."
    )
    adult = {**data, "presumed_child": False}
    assert [e for e in field_errors(schema, adult) if e.field == "consent_withdrawn_from"] == []
