"""Checks on parsed elements: lanes map to agencies, user tasks have usable forms."""

from __future__ import annotations

from engine.agencies import DYNAMIC_LANES, ROLE_CODES, is_known_lane
from engine.definitions import TaskInfo
from engine.errors import Problem


def lane_problems(info: TaskInfo) -> list[Problem]:
    """A user task must sit in a lane that maps to an agency role."""
    if info.lane_id is None:
        return [
            Problem(
                f"User task {info.name!r} is in no lane: it takes the lane of the call "
                "activity that calls its process, and no agency gets it when the "
                "process runs on its own.",
                element_id=info.bpmn_id,
                code="no-lane",
                severity="warning",
                fix="Put the task in a lane whose id is lane_<role code>.",
            )
        ]
    if is_known_lane(info.lane_id):
        return []
    known = ", ".join(sorted(ROLE_CODES | set(DYNAMIC_LANES)))
    return [
        Problem(
            f"Lane {info.lane_id!r} maps to no agency role.",
            element_id=info.bpmn_id,
            code="unknown-lane",
            fix=f"Give the lane the id lane_<code>, code one of: {known}.",
        )
    ]
