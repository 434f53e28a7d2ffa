"""Every piece of diagram code, found in the XML (so problems carry element ids and lines)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from engine.errors import Problem, ScriptCompileError
from engine.sandbox import compile_expression, compile_script

from .xml import BPMN_NS, ParsedXml, line_of

SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"

FIX = (
    "Diagram code may use case data, plain Python expressions and the helpers param(), "
    "hours(), days(), working_days(), now(), today(), add_days(), field(); no imports, "
    "no names starting with '_'."
)


@dataclass(frozen=True)
class Code:
    """A script, condition or expression and where it sits."""

    kind: str  # script | condition | timer | expression
    element_id: str
    line: int | None
    source: str


def _owner_id(element: etree._Element) -> str:
    """The id of the element that holds the code (an event, not its event definition)."""
    node: etree._Element | None = element
    while node is not None and (not node.get("id") or _is_definition(node)):
        node = node.getparent()
    return node.get("id", "?") if node is not None else "?"


def _is_definition(node: etree._Element) -> bool:
    return isinstance(node.tag, str) and etree.QName(node).localname.endswith("EventDefinition")


def bpmn_code(parsed: ParsedXml) -> Iterator[Code]:
    """Scripts, conditions and timer expressions of a BPMN file."""
    tags = {
        f"{{{BPMN_NS}}}script": "script",
        f"{{{SPIFF_NS}}}preScript": "script",
        f"{{{SPIFF_NS}}}postScript": "script",
        f"{{{BPMN_NS}}}conditionExpression": "condition",
        f"{{{BPMN_NS}}}condition": "condition",
        f"{{{BPMN_NS}}}timeDuration": "timer",
        f"{{{BPMN_NS}}}timeDate": "timer",
        f"{{{BPMN_NS}}}timeCycle": "timer",
        f"{{{BPMN_NS}}}loopCardinality": "expression",
        f"{{{BPMN_NS}}}completionCondition": "expression",
    }
    for element in parsed.root.iter(*tags):
        text = (element.text or "").strip()
        if text:
            yield Code(tags[element.tag], _owner_id(element), line_of(element), text)


def dmn_code(parsed: ParsedXml) -> Iterator[Code]:
    """Input expressions and output entries of a DMN file (input cells are fragments)."""
    for element in parsed.root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in {"inputExpression", "outputEntry"}:
            text_el = next((c for c in element if etree.QName(c).localname == "text"), None)
            text = (text_el.text or "").strip() if text_el is not None else ""
            if text and text != "-":
                yield Code("expression", _owner_id(element), line_of(element), text)


def code_problems(code: Code, file: str) -> list[Problem]:
    """Compile one piece of code in the sandbox; a refusal names element and line."""
    try:
        if code.kind == "script":
            compile_script(code.source)
        else:
            compile_expression(code.source)
    except ScriptCompileError as exc:
        return [
            Problem(
                f"{code.kind.capitalize()} refused: {exc.message}{_dialect_hint(code.source)}",
                file=file,
                line=code.line,
                element_id=code.element_id,
                code=f"{code.kind}-compile",
                fix=FIX,
            )
        ]
    return []


def _dialect_hint(source: str) -> str:
    """Name the foreign expression language a modeler export often carries."""
    if source.startswith("="):
        return " (this is Camunda FEEL; write a Python expression, e.g. urgent == True)"
    if source.startswith(("${", "#{")):
        return " (this is JUEL; write a Python expression over case data instead)"
    return ""
