"""The project's process library as files, and changed copies of it (scenario gate tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from engine.config import load_settings
from engine.scenario_gate import GateReport, ScenarioResult
from engine.sources import SourceFile, read_library

if TYPE_CHECKING:
    import httpx

    from tests.forms.conftest import Browser

GATE_FIXTURES = Path(__file__).parent / "fixtures" / "gate"
ACCEPT = b'name="Accept or decline referral"'


def library_files() -> list[SourceFile]:
    """bpmn/ and forms/schemas/ of the repository."""
    settings = load_settings({})
    return read_library(settings.bpmn_dir, settings.forms_dir)


def changed(name: str, old: bytes, new: bytes) -> SourceFile:
    """A library file with one piece of text replaced (which must be there)."""
    [source] = [f for f in library_files() if f.name == name]
    assert old in source.content, (name, old)
    return SourceFile(name, source.content.replace(old, new))


def renamed_accept_task() -> SourceFile:
    """referral.bpmn whose receiver's task is renamed: referral.feature no longer passes."""
    return changed("referral.bpmn", ACCEPT, b'name="Decide on the referral"')


def form_with_optional_field() -> SourceFile:
    """referral_accept.schema.json with a new optional field: every scenario still passes."""
    [source] = [f for f in library_files() if f.name == "referral_accept.schema.json"]
    schema = json.loads(source.content)
    schema["properties"]["referral_accept_note"] = {"type": "string", "title": "Note"}
    return SourceFile(source.name, json.dumps(schema, indent=2).encode())


def short_referral_feature() -> bytes:
    """A one-scenario referral.feature: a gate run in about three seconds."""
    return (GATE_FIXTURES / "referral.feature").read_bytes()


def failing_gate_report() -> GateReport:
    """A gate's report on referral: one scenario of referral.feature fails (nothing deployed)."""
    failing = ScenarioResult(
        "referral.feature",
        "the chosen shelter accepts the referral",
        "failed",
        'Then the NGO has a task "Accept or decline referral"',
        "no such task; open: Decide on the referral",
    )
    return GateReport(("referral",), ("referral.feature",), (), (failing,), 2.0)


def send_to_library(
    policy: Browser,
    action: str,
    file: SourceFile,
    *,
    note: str | None = None,
    content_type: str | None = None,
) -> httpx.Response:
    """Post a file to the library page as its form does (`validate` or `deploy`)."""
    data = {"action": action, "csrf_token": policy.csrf("/library")}
    if note is not None:
        data["note"] = note
    xml = file.name.endswith(".bpmn")
    kind = content_type or ("application/xml" if xml else "application/json")
    files = [("files", (file.name, file.content, kind))]
    response: httpx.Response = policy.client.post("/library", data=data, files=files)
    return response
