"""Safe XML parsing for diagram files: no entities, no network, no huge trees."""

from __future__ import annotations

from typing import Any, cast

from lxml import etree

from engine.errors import InvalidDiagramError

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"

# Entity declarations are how billion-laughs and XXE attacks start; BPMN never needs
# them, so the file is refused before lxml sees it. UTF-16 spellings are checked too
# because a byte scan for the ASCII keyword would miss them.
_ENTITY_MARKERS = tuple("<!ENTITY".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def local(element: etree._Element) -> str:
    """The tag name without its namespace."""
    return etree.QName(element).localname


def _parser() -> etree.XMLParser:
    # A new parser per call: lxml parsers are not safe to share between threads.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
    )


def _refuse_entities(xml: bytes) -> None:
    """Raise before parsing when the file declares entities."""
    for marker in _ENTITY_MARKERS:
        position = xml.find(marker)
        if position >= 0:
            line = xml.count(b"\n", 0, position) + 1
            raise InvalidDiagramError(
                "The file declares XML entities (a DOCTYPE with <!ENTITY>); "
                "diagram files must not contain them.",
                line=line,
                fix="Save the diagram again from a BPMN modeler.",
            )


def parse_xml(xml: bytes) -> etree._Element:
    """Parse untrusted bytes into an element tree or raise InvalidDiagramError with a line."""
    _refuse_entities(xml)
    try:
        root = etree.fromstring(xml, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        raise InvalidDiagramError(
            f"The file is not well-formed XML (line {line}): {exc.msg}", line=line
        ) from exc
    # Second line of defence for encodings the byte scan cannot read (UTF-32, EBCDIC).
    # lxml-stubs lacks DTD.iterentities, hence the cast.
    dtd = cast(Any, root.getroottree().docinfo.internalDTD)
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InvalidDiagramError("The file declares XML entities.", line=1)
    return root


def parse_bpmn(xml: bytes) -> etree._Element:
    """Parse a BPMN file and check that its root is bpmn:definitions."""
    root = parse_xml(xml)
    if root.tag != f"{{{BPMN_NS}}}definitions":
        raise InvalidDiagramError(
            f"The root element is {etree.QName(root).localname!r}, not BPMN 'definitions'.",
            line=root.sourceline or 1,
        )
    return root
