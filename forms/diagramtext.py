"""A case diagram's hover texts in the page's language, without internal identifiers.

The engine's SVG gives each element a tooltip "Name (kind)\\nid: element_id\\nstate: ready"
for modellers; on a caseworker's page it says the element's name from the catalogue and
its state in words, and nothing when the element has neither.
"""

from __future__ import annotations

import re
from html import escape, unescape

from forms.translate import Translator

_TITLE = re.compile(r"<title>([^<]*)</title>")
_LABEL = re.compile(r'aria-label="([^"]*)"')
_KIND = re.compile(r" \([a-z ]+\)$")
STATES = ("completed", "ready", "overdue", "cancelled", "covered", "uncovered")


def localise(t: Translator, svg: str) -> str:
    """The SVG with its title, accessible name and element tooltips in words."""
    first = True

    def title(match: re.Match[str]) -> str:
        nonlocal first
        text = unescape(match.group(1))
        if first:  # the diagram's own title: the process name
            first = False
            return f"<title>{escape(t.form(text), quote=False)}</title>"
        return _tooltip(t, text)

    svg = _LABEL.sub(lambda m: f'aria-label="{escape(t.form(unescape(m.group(1))))}"', svg, 1)
    return _TITLE.sub(title, svg)


def _tooltip(t: Translator, text: str) -> str:
    lines = text.split("\n")
    words: list[str] = []
    head = lines[0].strip()
    if _KIND.search(head):  # "Name (kind)": a named element
        words.append(t.form(_KIND.sub("", head)))
    words.extend(
        t(f"diagram.state.{line[7:]}")
        for line in lines[1:]
        if line.startswith("state: ") and line[7:] in STATES
    )
    return f"<title>{escape(chr(10).join(words), quote=False)}</title>" if words else ""
