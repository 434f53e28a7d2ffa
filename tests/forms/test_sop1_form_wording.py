"""Pages review 3, P3-16/P3-17/P3-18 (issue 16): the SOP 1 and referral forms say what they mean
in every language: no two fields of a form share a title, and the reasonable-grounds sentence
says that help starts whatever the status decision and whatever she decides about the police."""

from __future__ import annotations

import pytest

from forms.translate import LANGUAGES, Translator
from tests.forms.schemas import SCHEMAS
from tests.forms.schemas import load_schema as load

SOP1_FORMS = sorted(
    p.name
    for p in SCHEMAS.glob("*.schema.json")
    if p.name.startswith(("identification_", "referral_"))
)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", SOP1_FORMS)
def test_no_two_fields_of_a_form_share_a_title(name: str, lang: str) -> None:
    t = Translator(lang)
    titles = [t.form(p["title"]) for p in load(name)["properties"].values() if "title" in p]
    repeated = sorted({title for title in titles if titles.count(title) > 1})
    assert repeated == [], f"{name} ({lang}): {repeated}"


def test_the_reasonable_grounds_sentence_is_about_her_choice_not_the_decisions() -> None:
    prop = load("identification_reasonable_grounds.schema.json")["properties"]
    ru = Translator("ru").form(prop["reasonable_grounds_informed"]["title"])
    assert "что бы оно ни решило" not in ru
    assert "независимо от официального решения о статусе" in ru
    assert "обратится ли человек в милицию" in ru  # her choice, named neutrally (P3-25)
    notes = {
        Translator("ru").form(prop[n]["title"])
        for n in ("reasonable_grounds_note", "non_punishment_notes")
    }
    assert notes == {"Примечания о разъяснении", "Примечания о правонарушениях"}


def test_the_prosecutor_sees_her_identity_only_through_what_she_agreed_to() -> None:
    """Review 4, N-12: the non-punishment decision shows the reference of the case against her and
    the name and date of birth copied when she agreed, never the identity block itself."""
    form = load("proceedings_non_punishment.schema.json")
    context = set(form["x-context"])
    assert {
        "non_punishment_refer_agreed",
        "non_punishment_case_reference",
        "non_punishment_person_name",
        "non_punishment_person_birth_date",
    } <= context
    assert not {"full_name", "date_of_birth", "document_number", "address"} & context
    for name in ("non_punishment_person_name", "non_punishment_person_birth_date"):
        assert form["properties"][name]["x-personal"] is True
        assert form["properties"][name]["readOnly"] is True


@pytest.mark.parametrize(
    ("lang", "confirmed", "not_confirmed"),
    [
        ("en", "Victim status confirmed", "Victim status not confirmed"),
        (
            "ru",
            "Статус жертвы торговли людьми подтверждён",
            "Статус жертвы торговли людьми не подтверждён",
        ),
        (
            "ky",
            "Адам сатуунун жабырлануучусу статусу тастыкталды",
            "Адам сатуунун жабырлануучусу статусу тастыкталган жок",
        ),
    ],
)
def test_the_status_decision_says_confirmed_or_not_never_presumed(
    lang: str, confirmed: str, not_confirmed: str
) -> None:
    """Pages review 3, P3-16: the formal decision ends "presumed"; its two answers are opposites."""
    choices = load("identification_decision.schema.json")["properties"]["identification_decision"]
    titles = {c["const"]: Translator(lang).form(c["title"]) for c in choices["oneOf"]}
    assert titles == {"confirmed": confirmed, "not_confirmed": not_confirmed}
