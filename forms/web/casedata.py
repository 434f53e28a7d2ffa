"""Case data for pages: field labels from the case's own process version, read-only rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from api.services import visibility
from engine.facade import Engine
from forms import fieldlabels
from forms.fieldlabels import FieldIndex
from forms.translate import Translator

_INDEXES: dict[int, FieldIndex] = {}


def version_index(engine: Engine, session: Session, case: visibility.CaseLike) -> FieldIndex:
    """Labels of every field the forms of the case's version declare (cached per version)."""
    found = _INDEXES.get(case.process_version_id)
    if found is None:
        loaded = visibility.version_of(engine, session, case)
        found = fieldlabels.field_index(dict(loaded.bundle.forms))
        _INDEXES[case.process_version_id] = found
    return found


def context_rows(
    t: Translator,
    index: FieldIndex,
    schema: Mapping[str, Any] | None,
    data: Mapping[str, Any],
) -> list[tuple[str, str, bool]]:
    """The earlier case fields a form shows read-only (`x-context`), as far as projected."""
    wanted = [str(f) for f in (schema or {}).get("x-context") or []]
    return fieldlabels.rows(t, index, data, wanted)
