"""Server-side SVG drawings of BPMN diagram interchange (BPMNDI), with state overlays.

Reads XML with lxml only (no SpiffWorkflow), so a diagram can be shown for any
file a modeler saved, deployable or not.
"""

from engine.drawing.model import ElementState
from engine.drawing.render import has_diagram, render_svg
from engine.drawing.svg import NO_DIAGRAM_MESSAGE

__all__ = ["NO_DIAGRAM_MESSAGE", "ElementState", "has_diagram", "render_svg"]
