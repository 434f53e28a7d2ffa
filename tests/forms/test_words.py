"""Deadlines, waiting times and parameters in words, in each language."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from engine.params import DEFAULTS
from forms.timewords import deadline, moment, waited
from forms.translate import PARAMETER, Translator, catalogue

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "delta", "words"),
    [
        ("ru", timedelta(hours=3, minutes=10), "через 3 часа"),
        ("ru", timedelta(hours=35, minutes=50), "через 35 часов"),
        ("ru", timedelta(hours=47), "через 2 дня"),  # not "47 hours" (review 3, P3-24)
        ("ru", timedelta(days=2, hours=23), "через 3 дня"),
        ("ru", timedelta(minutes=21), "через 21 минуту"),
        ("ru", -timedelta(days=2, hours=1), "просрочено на 2 дня"),
        ("ru", -timedelta(days=5), "просрочено на 5 дней"),
        ("en", timedelta(hours=3), "in 3 hours"),
        ("en", -timedelta(days=2), "overdue by 2 days"),
        ("en", timedelta(hours=1), "in 1 hour"),
        ("ky", timedelta(hours=3), "3 сааттан кийин"),
        ("ky", -timedelta(days=2), "2 күнгө кечикти"),
    ],
)
def test_deadline_in_words(lang: str, delta: timedelta, words: str) -> None:
    assert deadline(Translator(lang), NOW + delta, NOW) == words


def test_deadline_without_due_date() -> None:
    assert deadline(Translator("ru"), None, NOW) == "без срока"


def test_waited_in_words() -> None:
    assert waited(Translator("ru"), NOW - timedelta(hours=26), NOW) == "ждёт 26 часов"
    assert waited(Translator("en"), NOW - timedelta(seconds=5), NOW) == "waiting 1 minute"


def test_moment_is_bishkek_time() -> None:
    assert moment(NOW).replace("\u202f", " ") == "5 янв. 2026 г., 15:00"  # CLDR's no-break space
    assert moment(None) == ""


DECISION_OVERDUE = (
    "The status decision is overdue ({identification_decision_working_days}). The supervisor "
    "records why and what happens next; the decision task stays open."
)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", "Срок решения о статусе истёк (5 рабочих дней)."),
        ("ky", "Статус боюнча чечимдин мөөнөтү өттү (5 иш күнү)."),
        ("en", "The status decision is overdue (5 working days)."),
    ],
)
def test_form_text_names_a_parameter_by_its_value_and_unit(lang: str, words: str) -> None:
    params = {**DEFAULTS}
    assert Translator(lang, params).form(DECISION_OVERDUE).startswith(words)
    params["passport_issue_days"] = 21
    assert "(21 " in Translator(lang, params).form(
        "At the State Registration Service; the passport is due within the period set by law "
        "after arrival ({passport_issue_days})."
    )


def test_every_parameter_a_form_text_names_exists() -> None:
    texts = [*catalogue("en").forms, *catalogue("ru").forms, *catalogue("ky").forms]
    named = {name for text in texts for name in PARAMETER.findall(text)}
    assert named and named <= set(DEFAULTS), named - set(DEFAULTS)
    assert not [x for x in texts if re.search(r"(parameter|параметр)\w* [a-z_]+_", x)]
