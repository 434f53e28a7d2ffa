"""Message catch events that agencies send to from outside (docs/diagram-conventions.md).

A catch event that waits for a message no element of the deployment throws must say who
may send it (`messageSenders`: agency role codes or dynamic lanes, space-separated) and
what the message carries (`messageSchema`: a form file, validated like a task's form);
structure.partners refuses one without senders (`no-sender`), this module one with
senders but no schema, an unknown sender, a schema file that is missing, and a message
start event of a process itself (a case starts from its report, not from a message).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from engine.agencies import DYNAMIC_LANES, ROLE_CODES
from engine.definitions import CompiledBundle, MessageInfo
from engine.errors import Problem

from .forms import missing_form
from .model import executable_processes, has_definition, label, local, problem, tag
from .tasks import CONTAINERS, spiff_property
from .xml import ParsedXml

SENDERS_PROPERTY = "messageSenders"
SCHEMA_PROPERTY = "messageSchema"
COVERS_PROPERTY = "messageCovers"
WHILE_PROPERTY = "messageWhile"
CATCH_EVENTS = ("intermediateCatchEvent", "boundaryEvent", "startEvent")


def senders_of(element: etree._Element) -> tuple[str, ...]:
    """The agencies a message catch event names as its senders."""
    return tuple((spiff_property(element, SENDERS_PROPERTY) or "").split())


def covers_of(element: etree._Element) -> tuple[str | None, tuple[str, ...]]:
    """The payload field and codes a catch event covers (`messageCovers="field=code code"`);
    (None, ()) when it covers every payload."""
    raw = (spiff_property(element, COVERS_PROPERTY) or "").strip()
    if not raw:
        return None, ()
    name, _, codes = raw.partition("=")
    return name.strip() or None, tuple(codes.split())


def while_of(element: etree._Element) -> tuple[str | None, tuple[str, ...]]:
    """The instance field and codes while which a catch event waits
    (`messageWhile="field=code code"`); (None, ()) when it always waits."""
    raw = (spiff_property(element, WHILE_PROPERTY) or "").strip()
    if not raw:
        return None, ()
    name, _, codes = raw.partition("=")
    return name.strip() or None, tuple(codes.split())


def _message_names(parsed: ParsedXml) -> dict[str, str]:
    return {
        m.get("id", ""): str(m.get("name") or m.get("id", ""))
        for m in parsed.root.iter(tag("message"))
        if m.get("id")
    }


def _catches(parsed: ParsedXml) -> Iterator[tuple[etree._Element, etree._Element, str]]:
    """(process, element, message name) of every message catch event of the file."""
    names = _message_names(parsed)
    for process in executable_processes(parsed):
        for element in process.iter(*(tag(t) for t in CATCH_EVENTS)):
            if not has_definition(element, "message"):
                continue
            definition = element.find(tag("messageEventDefinition"))
            ref = definition.get("messageRef", "") if definition is not None else ""
            yield process, element, names.get(ref, ref)


def _event_subprocess(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    if parent is not None and local(parent) == "subProcess":
        if parent.get("triggeredByEvent") == "true":
            return parent
    return None


def message_infos(parsed: ParsedXml) -> Iterator[MessageInfo]:
    """A MessageInfo for every message catch event, keyed by its process and by the
    (event) sub-process holding it, as SpiffWorkflow names the instance that waits."""
    for process, element, name in _catches(parsed):
        role = local(element)
        esp = _event_subprocess(element) if role == "startEvent" else None
        if role == "boundaryEvent":
            kind, interrupting = "boundary", element.get("cancelActivity", "true") == "true"
        elif role == "startEvent":
            kind, interrupting = "start", element.get("isInterrupting", "true") == "true"
        else:
            kind, interrupting = "catch", False
        schema = spiff_property(element, SCHEMA_PROPERTY)
        bpmn_id = element.get("id", "")
        title = (element.get("name") or "").strip() or name
        owners = {process.get("id", "")}
        container = element.getparent()
        while container is not None and container.tag not in CONTAINERS:
            container = container.getparent()
        if container is not None:
            owners.add(container.get("id", ""))
        covers_field, covers = covers_of(element)
        while_field, while_codes = while_of(element)
        for owner in sorted(owners):
            yield MessageInfo(
                owner,
                bpmn_id,
                name,
                title,
                senders_of(element),
                schema,
                kind,
                interrupting,
                esp.get("id") if esp is not None else None,
                covers_field,
                covers,
                while_field,
                while_codes,
            )


def message_problems(parsed: ParsedXml, bundle: CompiledBundle) -> Iterator[Problem]:
    """Declared senders must be agencies and come with a payload form that exists."""
    known = ROLE_CODES | set(DYNAMIC_LANES)
    for _process, element, name in _catches(parsed):
        if local(element) == "startEvent" and _event_subprocess(element) is None:
            yield problem(
                parsed,
                element,
                f"Start event {label(element)} waits for message {name!r}: a case starts "
                "from its report, and no agency can start one by a message.",
                code="message-start",
                fix="Use a plain start event, or put the message start event in an event "
                'sub-process (triggeredByEvent="true").',
            )
            continue
        senders = senders_of(element)
        if not senders:
            continue  # an internal message, or structure.partners reports `no-sender`
        for sender in senders:
            if sender not in known:
                yield problem(
                    parsed,
                    element,
                    f"{local(element)} {label(element)} names {sender!r} among the senders "
                    f"of message {name!r}, which is no agency role.",
                    code="message-sender-unknown",
                    fix=f"Use role codes or dynamic lanes: {', '.join(sorted(known))}.",
                )
        schema = spiff_property(element, SCHEMA_PROPERTY)
        if not schema:
            yield problem(
                parsed,
                element,
                f"{local(element)} {label(element)} waits for message {name!r} from "
                f"{' '.join(senders)} but names no form for what the message carries.",
                code="message-schema",
                fix=f'Add <spiffworkflow:property name="{SCHEMA_PROPERTY}" '
                'value="FORM.schema.json" /> naming a form of forms/schemas/.',
            )
        elif bundle.file(schema) is not None:
            yield from _covers_problems(parsed, element, name, bundle.form(schema))
        yield from _while_problems(parsed, element, name)
        if schema and bundle.file(schema) is None:
            found = missing_form(element.get("id", ""), schema, parsed.source.name, None)
            yield Problem(
                found.message,
                file=found.file,
                line=parsed.line_of(element.get("id")),
                element_id=found.element_id,
                code=found.code,
                fix=f"Add forms/schemas/{schema}, or correct the {SCHEMA_PROPERTY} property.",
            )


def _while_problems(parsed: ParsedXml, element: etree._Element, name: str) -> Iterator[Problem]:
    """`messageWhile` names a field and at least one code."""
    raw = (spiff_property(element, WHILE_PROPERTY) or "").strip()
    field_name, codes = while_of(element)
    if raw and (not field_name or not codes or "=" not in raw):
        yield problem(
            parsed,
            element,
            f"{local(element)} {label(element)} waits for message {name!r} while {raw!r}, "
            "which names no field and code.",
            code="message-while",
            fix=f'Write <spiffworkflow:property name="{WHILE_PROPERTY}" value="FIELD=CODE CODE" '
            "/> with a field of the process's data and the codes (true, false for a yes/no).",
        )


def _covers_problems(
    parsed: ParsedXml, element: etree._Element, name: str, form: Any
) -> Iterator[Problem]:
    """`messageCovers` names a field of the message's form and codes among its choices."""
    if not (spiff_property(element, COVERS_PROPERTY) or "").strip():
        return
    field_name, codes = covers_of(element)
    prop = ((form or {}).get("properties") or {}).get(field_name or "")
    if not field_name or not codes or not isinstance(prop, dict):
        yield problem(
            parsed,
            element,
            f"{local(element)} {label(element)} covers {field_name!r} of message {name!r}, "
            "which is no field of the message's form (or names no code).",
            code="message-covers",
            fix=f'Write <spiffworkflow:property name="{COVERS_PROPERTY}" value="FIELD=CODE CODE" '
            "/> with a field of the messageSchema form and codes among its choices.",
        )
        return
    choices = _choices(prop)
    unknown = [c for c in codes if choices and c not in choices]
    if unknown:
        yield problem(
            parsed,
            element,
            f"{local(element)} {label(element)} covers {', '.join(unknown)} of "
            f"{field_name!r}, which are not among its choices ({', '.join(sorted(choices))}).",
            code="message-covers",
            fix="Name codes the form offers for that field.",
        )


def _choices(prop: dict[str, Any]) -> set[str]:
    items = prop.get("items")
    source: dict[str, Any] = items if isinstance(items, dict) else prop
    found = {o.get("const") for o in source.get("oneOf") or [] if isinstance(o, dict)}
    found |= set(source.get("enum") or [])
    return {str(c) for c in found if c is not None}
