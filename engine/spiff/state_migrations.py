"""Stored workflow states of earlier releases, upgraded to this release's layout before they
are restored.

A case row records the layout its state was written in, `<spiff>+nrm<N>`: `<spiff>` is
SpiffWorkflow's serializer version (its task and workflow layout, upgraded by SpiffWorkflow's
own migration functions, as its serializer does on load) and `nrm<N>` this project's changes
on top (the state holds the instance only; `TaskFormat`'s task layout). SpiffWorkflow's
migrations run first, then the project's, one layout to the next, each a named function in
`NRM_MIGRATIONS` — the registry SpiffWorkflow keeps in `serializer/migration/version_migration`.

Changing the stored layout: bump `NRM_LAYOUT`, register the function that upgrades a state of
the layout before (`NRM_MIGRATIONS[old] = from_nrm<old>`), and keep the states of the release
before loading: `tests/engine/test_state_fixtures.py` runs them to the end, and
`tests/fixtures/states/make_states.py` writes this release's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.migration.version_migration import MIGRATIONS
from SpiffWorkflow.bpmn.serializer.workflow import VERSION as SPIFF_LAYOUT

from engine.errors import StoredStateError

NRM_LAYOUT = 1
SERIALIZER_VERSION = f"{SPIFF_LAYOUT}+nrm{NRM_LAYOUT}"

StateMigration = Callable[[dict[str, Any]], None]

# Layout N -> the function that upgrades a state of layout N to N + 1 in place. The first
# layout (nrm1: the instance without its specs) is the current one: nothing to register yet.
NRM_MIGRATIONS: Mapping[int, StateMigration] = {}

_VERSION = re.compile(r"^(?P<spiff>\d+(?:\.\d+)*)\+nrm(?P<nrm>\d+)$")


@dataclass(frozen=True)
class StateVersion:
    """The layout a stored state was written in."""

    spiff: str
    nrm: int

    @classmethod
    def parse(cls, text: str) -> StateVersion:
        """`1.5+nrm1` as its two parts; StoredStateError for anything else."""
        match = _VERSION.match(text or "")
        if match is None:
            raise StoredStateError(
                f"Unknown serializer version {text!r} of a stored case (expected e.g. "
                f"{SERIALIZER_VERSION!r}).",
                serializer_version=text,
            )
        return cls(match["spiff"], int(match["nrm"]))

    def __str__(self) -> str:
        return f"{self.spiff}+nrm{self.nrm}"


# The specs a state is restored around, as SpiffWorkflow's dicts (spec, subprocess specs):
# its migrations read them, and a stored state has none. Made only when needed.
SpecDicts = Callable[[], tuple[dict[str, Any], dict[str, Any]]]


def upgrade(
    dct: dict[str, Any],
    version: str,
    *,
    serializer: BpmnWorkflowSerializer,
    specs: SpecDicts,
    migrations: Mapping[int, StateMigration] = NRM_MIGRATIONS,
    layout: int = NRM_LAYOUT,
) -> None:
    """Bring a stored state (as its JSON dict) from `version` to this release's layout."""
    found = StateVersion.parse(version)
    if found.nrm > layout:
        raise StoredStateError(_newer(found, layout), serializer_version=version)
    if found.spiff != SPIFF_LAYOUT:
        _spiff_upgrade(dct, found, serializer, specs)
    for step in range(found.nrm, layout):
        migration = migrations.get(step)
        if migration is None:
            raise StoredStateError(
                f"No migration of stored cases from nrm{step} to nrm{step + 1} is registered "
                "(engine/spiff/state_migrations.py).",
                serializer_version=version,
            )
        migration(dct)


def _newer(found: StateVersion, layout: int) -> str:
    return (
        f"The case was saved by a newer release (serializer {found}); this release reads "
        f"states up to {SPIFF_LAYOUT}+nrm{layout}: run the newer release."
    )


def _spiff_upgrade(
    dct: dict[str, Any], found: StateVersion, serializer: BpmnWorkflowSerializer, specs: SpecDicts
) -> None:
    """SpiffWorkflow's own migration of its layout, on the state with its specs put back."""
    if found.spiff not in MIGRATIONS:
        newer = _numbers(found.spiff) > _numbers(SPIFF_LAYOUT)
        raise StoredStateError(
            _newer(found, NRM_LAYOUT)
            if newer
            else f"SpiffWorkflow has no migration of serializer {found.spiff} states to "
            f"{SPIFF_LAYOUT}.",
            serializer_version=str(found),
        )
    dct["spec"], dct["subprocess_specs"] = specs()
    dct[serializer.VERSION_KEY] = found.spiff
    try:
        serializer.migrate(dct)
    except Exception as exc:  # noqa: BLE001 (SpiffWorkflow's migrations raise anything)
        raise StoredStateError(
            f"SpiffWorkflow could not upgrade a serializer {found.spiff} state to "
            f"{SPIFF_LAYOUT}: {type(exc).__name__}: {exc}",
            serializer_version=str(found),
        ) from exc
    finally:
        dct.pop("spec", None)
        dct.pop("subprocess_specs", None)


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
