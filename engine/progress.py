"""Where a step is: the diagram element whose code runs now.

A step host (`api/stephosts.py`) that runs past its wall-clock limit is killed from
outside; the watchdog then reads here which element's code was running, to name it in the
problem response and the audit trail. Outside a step host the mark goes nowhere (one
attribute read and two calls per script or expression).
"""

from __future__ import annotations


class Mark:
    """Where the mark goes: nowhere (the default)."""

    def enter(self, process_id: str, element_id: str) -> None:
        """Diagram code of this element starts."""

    def leave(self) -> None:
        """That code ended (normally or not)."""


NOWHERE = Mark()
current: Mark = NOWHERE


def install(mark: Mark) -> None:
    """Send the marks of this process to `mark` (a step host does this once)."""
    global current  # noqa: PLW0603  (one mark per process, set when a host starts)
    current = mark
