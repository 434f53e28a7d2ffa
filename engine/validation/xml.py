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


def parse_xml(source: SourceFile) -> tuple[ParsedXml | None, list[Problem]]:
    """Parse one file; malformed XML or a DOCTYPE is a problem, never an exception."""
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
    if docinfo.doctype or docinfo.internalDTD is not None:
        return None, [
            Problem(
                "The file declares a DOCTYPE; entity declarations are refused "
                "(they allow entity-expansion and external-entity attacks).",
                file=source.name,
                line=1,
                code="doctype",
                fix="Remove the <!DOCTYPE ...> declaration.",
            )
        ]
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
    """Every XSD error of the file, not only the last one."""
    if schema.validate(parsed.root):
        return []
    return [
        Problem(
            f"Schema: {err.message}",
            file=parsed.source.name,
            line=err.line or None,
            code="schema",
            fix="Correct the element as the BPMN/DMN standard requires.",
        )
        for err in cast(Iterable[Any], schema.error_log)
    ]


def root_kind(parsed: ParsedXml) -> str | None:
    """`bpmn` or `dmn` by the root element's namespace, None if neither."""
    tag = etree.QName(parsed.root)
    if tag.namespace == BPMN_NS and tag.localname == "definitions":
        return "bpmn"
    if tag.namespace in DMN_NAMESPACES and tag.localname == "definitions":
        return "dmn"
    return None
