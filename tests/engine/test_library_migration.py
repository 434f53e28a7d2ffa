"""Cases stored by the previous release move to the process library of this one.

The stored cases of tests/fixtures/states (one of them at every stage of the case) are
previewed and moved to the library on disk. A case refused finishes on its version: one
waiting at a step this library no longer has in the process it waits in - the help after the
referral (SOP 3, 4B) and the closure moved into the called processes case_help and
case_closure (issue 16), and the preview names the process a step moved into - never one
that merely passed a removed step.
"""

from __future__ import annotations

from pathlib import Path

from engine.spiff.clock import FakeClock
from tests.engine.test_state_fixtures import RELEASES, stored_engine
from tests.library import library_files


def test_stored_cases_move_to_this_library_unless_waiting_at_a_removed_step(
    tmp_path: Path, clock: FakeClock
) -> None:
    engine = stored_engine(RELEASES[-1], tmp_path, clock)
    deployed = engine.deploy(library_files(), deployed_by="test")
    [version] = [v.version for v in deployed.new_versions if v.process_id == "nrm_case"]
    previews = engine.migration_preview("nrm_case", version)
    movable = [p for p in previews if p.can_migrate]
    assert len(movable) >= 6, [(p.case_number, p.issues) for p in previews]
    for refused in (p for p in previews if not p.can_migrate):
        assert all(" is " in i.message and "passed" not in i.message for i in refused.issues)
    refused = {i.element_id: i.message for p in previews if not p.can_migrate for i in p.issues}
    moved = {"task_close_case": "case_closure", "call_rehabilitation": "case_help"}
    for element, called in moved.items():
        assert f"moved into the called process {called!r}" in refused[element], refused
    past_identification = [p for p in movable if "call_identification" not in p.waiting_at]
    assert past_identification and any(p.notes for p in past_identification)
    moved = engine.migrate_cases([p.case_id for p in movable], version, actor="test")
    assert {c.case_id for c in moved.cases} == {p.case_id for p in movable}
    assert all(engine.get_case(c.case_id).status == "open" for c in moved.cases)
