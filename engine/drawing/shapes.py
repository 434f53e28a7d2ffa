"""Draw any shape by its BPMN kind."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from engine.drawing.activities import ACTIVITY_KINDS, draw_activity
from engine.drawing.artifacts import (
    DATA_KINDS,
    draw_annotation,
    draw_data_object,
    draw_data_store,
    draw_group,
    draw_unknown,
)
from engine.drawing.containers import draw_lane, draw_participant
from engine.drawing.events import EVENT_KINDS, GATEWAY_KINDS, draw_event, draw_gateway
from engine.drawing.labels import draw_shape_label
from engine.drawing.model import Shape

Drawer = Callable[[etree._Element, Shape], None]

_DRAWERS: dict[str, Drawer] = {
    **dict.fromkeys(ACTIVITY_KINDS, draw_activity),
    **dict.fromkeys(EVENT_KINDS, draw_event),
    **dict.fromkeys(GATEWAY_KINDS, draw_gateway),
    **dict.fromkeys(DATA_KINDS, draw_data_object),
    "dataStoreReference": draw_data_store,
    "textAnnotation": draw_annotation,
    "group": draw_group,
    "participant": draw_participant,
    "lane": draw_lane,
}


def draw_shape(g: etree._Element, shape: Shape) -> None:
    """Draw the shape's notation and its label into `g`."""
    _DRAWERS.get(shape.kind, draw_unknown)(g, shape)
    draw_shape_label(g, shape)
