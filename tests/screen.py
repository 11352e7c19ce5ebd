"""Read what the terminal shows, as plain lines, from Textual's public screenshot export;
and what the data file holds."""

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
    last = max(lines, default=-1)
    return ["".join(t for _, t in sorted(lines[n])).rstrip("\n") for n in range(last + 1)]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def notice_text(app) -> str:
    """The notices shown, as one line: each is drawn at the right of the bottom
    lines after its coloured edge `▌`, wrapped when long."""
    return " ".join(line.rsplit("▌", 1)[1].strip() for line in screen_lines(app)
                    if "▌" in line)


def active_pane(app) -> str:
    """The pane the keys go to, as the key line at the bottom names it first."""
    return screen_lines(app)[-1].split(maxsplit=1)[0]


def without_stamps(doc: dict) -> dict:
    """A stored document as its record's `to_doc` gives it: without the stamps
    (`"_s"`) the store adds to every document it writes (tui/store/stamps.py)."""
    from tui.store.stamps import STAMPS

    return {key: value for key, value in doc.items() if key != STAMPS}


def on_disk(db_path, table: str) -> list[dict]:
    """The documents of one table as they are in the data file now."""
    import orjson

    return list(orjson.loads(db_path.read_bytes()).get(table, {}).values())


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def fill(pilot, app, field: str, text: str) -> None:
    """Focus a form field, clear it and type, as a user would with the keyboard."""
    app.screen.query_one(f"#field-{field}").focus()
    await pilot.pause()
    await pilot.press("ctrl+a", "ctrl+k")  # start of line, delete to end
    await type_text(pilot, text)


async def from_palette(pilot, app, title: str) -> None:
    """Run a command as a user does: ctrl+p, type its title, enter on it."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await type_text(pilot, title)
    for _ in range(100):  # the palette searches in the background: wait for the title
        await pilot.pause()
        if isinstance(app.screen, CommandPalette):
            found = app.screen.query_one(CommandList)
            if found.option_count and title in str(found.get_option_at_index(0).prompt):
                break
    else:
        raise AssertionError(f"{title!r} not offered by the command palette")
    await pilot.press("enter")
    await pilot.pause()
