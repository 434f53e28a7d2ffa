"""Plain dataclasses for one BPMN diagram plane: shapes, edges and their geometry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

LoopKind = Literal["loop", "parallel", "sequential"]


class ElementState(StrEnum):
    """What an overlay says about an element; each state has its own colours."""

    COMPLETED = "completed"
    READY = "ready"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"
    COVERED = "covered"
    UNCOVERED = "uncovered"


@dataclass(frozen=True)
class Point:
    """A position in diagram coordinates (pixels, y downwards)."""

    x: float
    y: float


@dataclass(frozen=True)
class Bounds:
    """An axis-aligned box in diagram coordinates."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """The x of the right side."""
        return self.x + self.width

    @property
    def bottom(self) -> float:
        """The y of the bottom side."""
        return self.y + self.height

    @property
    def center(self) -> Point:
        """The middle of the box."""
        return Point(self.x + self.width / 2, self.y + self.height / 2)

    @property
    def area(self) -> float:
        """Width times height."""
        return self.width * self.height

    def union(self, other: Bounds) -> Bounds:
        """The smallest box that holds both boxes."""
        x, y = min(self.x, other.x), min(self.y, other.y)
        right, bottom = max(self.right, other.right), max(self.bottom, other.bottom)
        return Bounds(x, y, right - x, bottom - y)

    @staticmethod
    def around(points: Iterable[Point]) -> Bounds:
        """The smallest box that holds all points (at least one)."""
        xs, ys = zip(*((p.x, p.y) for p in points), strict=True)
        return Bounds(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@dataclass(frozen=True)
class Shape:
    """A BPMNShape joined with the semantic element it shows."""

    element_id: str
    kind: str  # local name of the BPMN element, e.g. "userTask"
    name: str
    bounds: Bounds
    label: Bounds | None = None
    expanded: bool = False
    horizontal: bool = True
    interrupting: bool = True
    event_definitions: tuple[str, ...] = ()  # e.g. ("timer",)
    loop: LoopKind | None = None
    # Rarer notation switches: "compensation", "collection", "marker-hidden",
    # "event-subprocess", "black-box", "parallel-events", "parallel-multiple".
    flags: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Edge:
    """A BPMNEdge joined with the semantic flow or association it shows."""

    element_id: str
    kind: str  # "sequenceFlow", "messageFlow", "association", "dataInputAssociation", ...
    name: str
    waypoints: tuple[Point, ...]
    label: Bounds | None = None
    default: bool = False
    conditional: bool = False
    directed: bool = False  # associations: draw an open arrow at the target


@dataclass(frozen=True)
class Diagram:
    """One plane to draw: the element it shows and everything on it, in DI order."""

    element_id: str
    name: str
    shapes: tuple[Shape, ...]
    edges: tuple[Edge, ...]
