"""Hostile text in names, blocks and notes is shown literally and never breaks the layout."""

from __future__ import annotations

import pytest

from tests.screen import screen_lines
from tui.model.blocks import Block
from tui.model.contacts import Contact

HOSTILE = [
    "[bold]Ann[/bold]",
    "[link=https://evil.example]click[/link]",
    "[@click=app.quit]Quit me",
    "\x1b[31mRed\x1b[0m Esc",
    "\x1b]8;;https://evil.example\x07OSC link",
    "\u202eRTL override",
    "王秀英 🙂 wide",
    "x" * 10_000,
]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_hostile_names_are_literal_and_fit(repo, make_app, size):
    for i, text in enumerate(HOSTILE):
        repo.contacts.add(Contact(name=text, company=text, follow_up="2026-11-25",
                                  notes=text, next_action=text))
        repo.blocks.add(Block(channel=text[:50], activity=text, target=text,
                              day="2026-11-26", start=f"{8 + i:02d}:00", minutes=30))
    app = make_app(repo)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause()
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert app.is_running  # "[@click=app.quit]" did not quit anything
        assert "\x1b" not in text and "\x07" not in text
        assert "[bold]Ann[/bold]" in text
        assert "\\x1b[31mRed" in text
        for line in lines:
            assert len(line) <= size[0]  # nothing spills past the terminal
        await pilot.press("r")
        await pilot.pause()
        review = "\n".join(screen_lines(app))
        assert "\x1b" not in review and app.is_running
