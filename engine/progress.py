"""Where a step is: the diagram element whose code runs now, and how long it waited for
another writer.

A step host (`api/stephosts.py`) that runs past its wall-clock limit is killed from
outside; the watchdog then reads here which element's code was running, to name it in the
problem response and the audit trail; and it adds the time the step waited for another
writer's turn to the step's limit (the step holding the lock is the one to stop). Outside a
step host the marks go nowhere (one attribute read and two calls per script, expression or
write).
"""

from __future__ import annotations


class Mark:
    """Where the mark goes: nowhere (the default)."""

    def enter(self, process_id: str, element_id: str) -> None:
        """Diagram code of this element starts."""

    def leave(self) -> None:
        """That code ended (normally or not)."""

    def waiting(self, now: bool) -> None:
        """The step starts (True) or stops (False) waiting for another writer's turn."""


NOWHERE = Mark()
current: Mark = NOWHERE


def install(mark: Mark) -> None:
    """Send the marks of this process to `mark` (a step host does this once)."""
    global current  # noqa: PLW0603  (one mark per process, set when a host starts)
    current = mark
