"""Safe XML parsing and schema (XSD) validation, reporting every problem with its line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from lxml import etree

from engine.errors import Problem
from engine.sources import SourceFile

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DMN_NAMESPACES = (
    "https://www.omg.org/spec/DMN/20191111/MODEL/",
    "http://www.omg.org/spec/DMN/20180521/MODEL/",
    "https://www.omg.org/spec/DMN/20180521/MODEL/",
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
)


@dataclass
class ParsedXml:
    """A parsed diagram or decision file and an index of element ids to lines."""

    source: SourceFile
    root: etree._Element
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, element_id: str | None) -> int | None:
        """The line where the element with this id starts, if known."""
        return self.lines.get(element_id) if element_id else None


def _parser() -> etree.XMLParser:
    # No entity expansion, no network, no huge trees: billion-laughs and XXE
    # files fail here, fast, instead of eating memory or reading local files.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=False,
    )


# BPMN never needs a DOCTYPE; refusing one before lxml reads it keeps entity tricks
# out of the parser entirely. UTF-16 spellings too: a byte scan for ASCII misses them.
_DOCTYPE_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def _doctype(source: SourceFile) -> list[Problem]:
    positions = [p for p in (source.content.find(m) for m in _DOCTYPE_MARKERS) if p >= 0]
    if not positions:
        return []
    # Each newline holds one 0x0A byte in UTF-8 and in UTF-16, so counting them gives the line.
    return [_doctype_problem(source, source.content.count(b"\n", 0, min(positions)) + 1)]


def _doctype_problem(source: SourceFile, line: int | None) -> Problem:
    return Problem(
        "The file declares a DOCTYPE; entity declarations are refused "
        "(they allow entity-expansion and external-entity attacks).",
        file=source.name,
        line=line,
        code="doctype",
        fix="Remove the <!DOCTYPE ...> declaration (save the file again from a BPMN modeler).",
    )


def parse_xml(source: SourceFile) -> tuple[ParsedXml | None, list[Problem]]:
    """Parse one file; malformed XML or a DOCTYPE is a problem, never an exception."""
    refused = _doctype(source)
    if refused:
        return None, refused
    try:
        root = etree.fromstring(source.content, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        return None, [
            Problem(
                f"Malformed XML: {exc.msg}",
                file=source.name,
                line=line,
                code="malformed-xml",
                fix="Open the file in a BPMN modeler and save it again.",
            )
        ]
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # encodings the scan cannot read
        return None, [_doctype_problem(source, 1)]
    lines = {
        str(el.get("id")): line_of(el) or 0
        for el in root.iter()
        if isinstance(el.tag, str) and el.get("id")
    }
    return ParsedXml(source, root, lines), []


def line_of(element: etree._Element) -> int | None:
    """The source line of an element, when lxml knows it."""
    line: Any = element.sourceline
    return line if isinstance(line, int) else None


def schema_problems(parsed: ParsedXml, schema: etree.XMLSchema) -> list[Problem]:
    """Every XSD error of the file, not only the last one, with the element on its line."""
    if schema.validate(parsed.root):
        return []
    by_line = {line: element_id for element_id, line in reversed(parsed.lines.items())}
    return [
        Problem(
            f"Schema: {_short(err.message)}",
            file=parsed.source.name,
            line=err.line or None,
            element_id=by_line.get(err.line),
            code="schema",
            fix="Correct the element as the BPMN/DMN standard requires.",
        )
        for err in cast(Iterable[Any], schema.error_log)
    ]


def _short(message: str) -> str:
    """XSD messages with `bpmn:` in place of the namespace in braces."""
    return message.replace(f"{{{BPMN_NS}}}", "bpmn:")


def root_kind(parsed: ParsedXml) -> str | None:
    """`bpmn` or `dmn` by the root element's namespace, None if neither."""
    tag = etree.QName(parsed.root)
    if tag.namespace == BPMN_NS and tag.localname == "definitions":
        return "bpmn"
    if tag.namespace in DMN_NAMESPACES and tag.localname == "definitions":
        return "dmn"
    return None
