"""The one catalogue of interface and form text: Russian (the default), Kyrgyz, English.

`forms/i18n/<lang>.json` holds `ui` (interface messages by key; a message with counts is a
dict of plural forms) and `forms` (the titles, labels, help and choice titles of the forms,
keyed by their English text in `forms/schemas/`). Kyrgyz may fall back to Russian, but only
visibly: `ky.json` lists such keys under `fallback_ru`. Nothing falls back to English
except form text that no catalogue knows yet (a newly deployed form).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from engine.params import UNITS

CATALOGUE_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = ("ru", "ky", "en")
DEFAULT_LANGUAGE = "ru"
LANGUAGE_NAMES = {"ru": "Русский", "ky": "Кыргызча", "en": "English"}
Message = str | Mapping[str, str]
# A form text names a parameter as `{name}` (say "within {passport_issue_days}"); the page
# shows the running value with its unit ("15 days").
PARAMETER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Catalogue:
    """One language's messages, and the keys it leaves to Russian (Kyrgyz only)."""

    lang: str
    ui: Mapping[str, Message]
    forms: Mapping[str, str]
    fallback_ui: frozenset[str]
    fallback_forms: frozenset[str]


@cache
def catalogue(lang: str) -> Catalogue:
    """The catalogue of a language, read once."""
    raw: dict[str, Any] = json.loads((CATALOGUE_DIR / f"{lang}.json").read_text("utf-8"))
    fallback = raw.get("fallback_ru") or {}
    return Catalogue(
        lang=lang,
        ui=raw.get("ui") or {},
        forms=raw.get("forms") or {},
        fallback_ui=frozenset(fallback.get("ui") or ()),
        fallback_forms=frozenset(fallback.get("forms") or ()),
    )


def plural_category(lang: str, n: int) -> str:
    """CLDR plural category of a count: Russian one/few/many, English one/other."""
    if lang == "ru":
        n10, n100 = n % 10, n % 100
        if n10 == 1 and n100 != 11:
            return "one"
        if 2 <= n10 <= 4 and not 12 <= n100 <= 14:
            return "few"
        return "many"
    if lang == "en":
        return "one" if n == 1 else "other"
    return "other"


def language(value: str | None) -> str:
    """A supported language code, else the default."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


class Translator:
    """Interface messages (`t("inbox.title")`) and form text (`t.form("Pseudonym")`), with
    the parameters' values (engine settings) for the form texts that name one."""

    def __init__(self, lang: str, params: Mapping[str, Any] | None = None) -> None:
        self.lang = language(lang)
        self._own = catalogue(self.lang)
        self._russian = catalogue("ru")
        self._params = params or {}

    def __call__(self, key: str, /, n: int | None = None, **values: Any) -> str:
        """An interface message, with `{n}` and other `{name}` values filled in."""
        lang, message = self._lookup(key)
        if message is None:
            return key
        if not isinstance(message, str):
            category = plural_category(lang, n if n is not None else 0)
            message = message.get(category) or message.get("other") or key
        return message.format(n=n, **values) if (values or n is not None) else message

    def _lookup(self, key: str) -> tuple[str, Message | None]:
        found = self._own.ui.get(key)
        if found is None and self.lang == "ky":
            return "ru", self._russian.ui.get(key)
        return self.lang, found

    def form(self, text: str | None) -> str:
        """Form text from a schema (title, label, help, choice) in this language."""
        if not text:
            return ""
        found = self._own.forms.get(text)
        if found is None and self.lang == "ky":
            found = self._russian.forms.get(text)
        shown = found if found is not None else text
        return PARAMETER.sub(self._parameter, shown) if "{" in shown else shown

    def _parameter(self, match: re.Match[str]) -> str:
        name = match.group(1)
        return self.parameter(name) if name in self._params else match.group(0)

    def parameter(self, name: str) -> str:
        """A parameter's value as people read it: "15 days", "5 working days", "24 hours"."""
        value = self._params[name]
        unit = UNITS.get(name)
        if unit is None or not isinstance(value, int):
            return str(value)
        return self(f"param.{unit.value}", n=value)

    def task(self, title: str | None, item: str | None = None) -> str:
        """A task's title in this language; one instance of a multi-instance task is named
        after its item too ("Deliver service: Shelter")."""
        return f"{self.form(title)}: {self.form(item)}" if item else self.form(title)

    def task_name(self, name: str | None) -> str:
        """A task's name as the trail keeps it, in this language; one instance of a
        multi-instance task ("Deliver service: Shelter") by its title and item."""
        if not name or name in self._own.forms or ": " not in name:
            return self.form(name)
        title, item = name.split(": ", 1)
        return self.task(title, item)

    def has(self, key: str) -> bool:
        """True when the interface message exists (in this language or its fallback)."""
        return self._lookup(key)[1] is not None
