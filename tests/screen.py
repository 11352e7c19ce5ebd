"""Read what the terminal shows, as plain lines, from Textual's public screenshot export."""

from __future__ import annotations

import html
import re
from collections import defaultdict

_TEXT = re.compile(
    r'<text[^>]*\bx="(?P<x>[\d.]+)"[^>]*clip-path="url\(#terminal-\d+-line-(?P<line>\d+)\)"[^>]*>'
    r"(?P<text>[^<]*)</text>"
)


def screen_lines(app) -> list[str]:
    """The screen as text lines (what a user reads), from `App.export_screenshot()`."""
    svg = app.export_screenshot()
    lines: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for match in _TEXT.finditer(svg):
        text = html.unescape(match["text"]).replace("\xa0", " ")
        lines[int(match["line"])].append((float(match["x"]), text))
    return ["".join(t for _, t in sorted(lines[n])) for n in range(max(lines, default=-1) + 1)]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))
