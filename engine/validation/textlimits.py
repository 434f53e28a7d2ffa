"""Free text has a length limit: a form's text fields without `maxLength` get a default one
when the form is compiled (NRM_TEXT_MAX_LENGTH), and validation warns about each form that
leaves it to the default."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.errors import Problem

# Keywords whose value is a schema, a name -> schema map, or a list of schemas (draft 2020-12).
_ONE = (
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
)
_MAPS = ("properties", "$defs", "patternProperties", "dependentSchemas")
_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")


def _unbounded(schema: dict[str, Any]) -> bool:
    """A text schema without a length limit (a fixed choice of values, or a date the format
    check reads, needs none)."""
    kind = schema.get("type")
    text = kind == "string" or (isinstance(kind, list) and "string" in kind)
    if not text or "maxLength" in schema or _fixed_choice(schema):
        return False
    return schema.get("format") not in _CHECKED_FORMATS


_CHECKED_FORMATS = frozenset({"date", "date-time"})  # engine.forms parses them


def _fixed_choice(schema: Any) -> bool:
    """`enum`, `const`, or a oneOf/anyOf of nothing else."""
    if not isinstance(schema, dict):
        return False
    if "enum" in schema or "const" in schema:
        return True
    branches = schema.get("oneOf") or schema.get("anyOf")
    return isinstance(branches, list) and bool(branches) and all(map(_fixed_choice, branches))


def _children(schema: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(path part, subschema) of each subschema one level down (a combinator's branches
    describe the same field: no part of their own)."""
    for key in _ONE:
        if isinstance(schema.get(key), dict):
            yield key, schema[key]
    for key in _MAPS:
        if isinstance(schema.get(key), dict):
            for name, sub in schema[key].items():
                yield name if key == "properties" else f"{key}/{name}", sub
    for key in _LISTS:
        if isinstance(schema.get(key), list):
            for i, sub in enumerate(schema[key]):
                yield f"{key}/{i}" if key == "prefixItems" else "", sub


def bounded_text(schema: Any, limit: int) -> Any:
    """A copy of the schema in which every text subschema without `maxLength` has `limit`."""
    if not isinstance(schema, dict):
        return schema
    out = dict(schema)
    if _unbounded(schema):
        out["maxLength"] = limit
    for key in (*_ONE, *_MAPS, *_LISTS):
        value = out.get(key)
        if isinstance(value, dict) and key in _MAPS:
            out[key] = {name: bounded_text(sub, limit) for name, sub in value.items()}
        elif isinstance(value, dict):
            out[key] = bounded_text(value, limit)
        elif isinstance(value, list) and key in _LISTS:
            out[key] = [bounded_text(sub, limit) for sub in value]
    return out


def unbounded_fields(schema: Any, path: str = "") -> list[str]:
    """The fields (paths like `address/street`) whose text has no `maxLength`."""
    if not isinstance(schema, dict):
        return []
    found = [path or "(form)"] if _unbounded(schema) else []
    for part, sub in _children(schema):
        found += unbounded_fields(sub, "/".join(p for p in (path, part) if p))
    return list(dict.fromkeys(found))


def text_limit_warning(file: str, schema: Any, limit: int) -> list[Problem]:
    """One warning for a form whose text fields fall back to the default length limit."""
    fields = unbounded_fields(schema)
    if not fields:
        return []
    shown = ", ".join(fields[:8]) + (f" and {len(fields) - 8} more" if len(fields) > 8 else "")
    return [
        Problem(
            f"{len(fields)} text field(s) without maxLength ({shown}): each accepts at most "
            f"{limit} characters (the default, NRM_TEXT_MAX_LENGTH).",
            file=file,
            code="form-text-length",
            severity="warning",
            fix='Give each text field the "maxLength" it needs (a name: 200; a note: 2000).',
        )
    ]
