"""The project's form schemas and page text, read as the form tests read them (one place for
the preamble the tests repeated)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from forms import fieldlabels

SCHEMAS = Path(__file__).resolve().parents[2] / "forms" / "schemas"


def load_schema(name: str) -> dict[str, Any]:
    """One form's schema by file name (`x.schema.json`)."""
    found: dict[str, Any] = json.loads((SCHEMAS / name).read_text("utf-8"))
    return found


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every form's schema by file name."""
    return {p.name: load_schema(p.name) for p in sorted(SCHEMAS.glob("*.json"))}


def field_index() -> fieldlabels.FieldIndex:
    """Labels of every field the project's forms declare."""
    return fieldlabels.field_index(all_schemas())


def text_of(fragment: str) -> str:
    """A page fragment's words: tags dropped, entities read, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def context_of(page: str) -> str:
    """The words of a task page's "from the case" box."""
    return text_of(page.split('id="context-title"')[1].split("</section>")[0])
