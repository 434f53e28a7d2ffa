"""The project's process library as files, and changed copies of it (scenario gate tests)."""

from __future__ import annotations

import json
from pathlib import Path

from engine.config import load_settings
from engine.sources import SourceFile, read_library

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
