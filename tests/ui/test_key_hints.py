"""The bottom line of keys: follows the focus without mounting anything, runs what is clicked."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.binding import Binding
from textual.widgets import Footer, Static

from tui.model.contacts import Contact
from tui.ui.screens.main import MainScreen
from tui.ui.screens.review import ReviewScreen
from tui.ui.widgets.key_hints import Hint, KeyHints, fit_hints
from tui.ui.widgets.pane import PaneKeys


@pytest.fixture
def people(repo):
    repo.contacts.add(Contact(name="Ann Lee", company="Acme, Inc"))
    repo.contacts.add(Contact(name="Bo Chen", company="Initech"))
    repo.flush()
    return repo


def hint_line(app) -> str:
    """The bottom line as drawn (the screenshot text drops the blanks between hints)."""
    return app.screen.query_one(KeyHints).render().plain


async def click_hint(pilot, app, label: str) -> None:
    """Click the middle of a hint, found on the screen by its words (e.g. "r Review")."""
    x = hint_line(app).index(label) + len(label) // 2
    await pilot.click(KeyHints, offset=(x, 0))
    await pilot.pause()


async def test_the_line_shows_the_focused_panes_keys(people, make_app):
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "x Done" in hint_line(app) and "/ Search" not in hint_line(app)
        await pilot.press("2")
        await pilot.pause()
        line = hint_line(app)
        assert line.startswith(" Contacts  / Search a Add") and "x Done" not in line
        assert line.rstrip().endswith("▏^p palette") and "? Help" in line
        await pilot.press("3")
        await pilot.pause()
        assert hint_line(app).startswith(" Focus  space Start/pause s Stop")
        await pilot.press("1")
        await pilot.pause()
        assert hint_line(app).startswith(" Strategy  a Add e Edit d Del x Done")


async def test_a_pane_key_mounts_nothing(people, make_app):
    """Footer remounted ~19 widgets on each focus change; the line only repaints."""
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        widgets = list(app.screen.query("*"))
        assert not app.screen.query(Footer)
        for key in "2312":
            await pilot.press(key)
            await pilot.pause()
            assert list(app.screen.query("*")) == widgets
        assert "/ Search" in hint_line(app)


async def test_the_line_names_the_pane_the_keys_go_to(people, make_app):
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hints = app.screen.query_one(KeyHints)

        def named() -> str:
            label = hints.render().spans[0]  # drawn in the accent colour, first
            return hints.render().plain[label.start:label.end].strip()

        async def press(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()  # the line follows the bindings, after the next frame

        assert named() == "Strategy"
        await press("2")
        assert named() == "Contacts"
        await press("slash")  # in the search field, still the Contacts pane's keys
        assert named() == "Contacts"
        await press("escape", "3")
        assert named() == "Focus"
        await press("1", "tab")  # however the focus moves
        assert named() == "Contacts"
        await pilot.click("#week")  # a click in a pane makes it the active one
        await pilot.pause()
        assert named() == "Strategy"


async def test_a_pane_key_repaints_no_pane(people, make_app, monkeypatch):
    """The focus moves between invisible widgets: only the key line is drawn again
    (a whole pane, or the list or week that held the focus, took ~2.4× a
    minimal app's key to reach the terminal)."""
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#contacts")
        for _ in range(50):  # the list fills after the first frame: not a pane key's doing
            await pilot.pause()
            if table.rows:
                break
        await pilot.pause()
        whole: list[str] = []
        holders = app.screen.query(PaneKeys)
        assert {h.id for h in holders} == {"strategy-keys", "contacts-keys", "focus-keys"}
        assert all(h.size.area == 0 for h in holders)  # their repaints draw nothing
        panes = "StrategyPane, StrategyPane *, #bottom-panes, #bottom-panes *"
        for widget in app.screen.query(panes).exclude("PaneKeys"):
            def refresh(*regions, _widget=widget, _refresh=widget.refresh, **kwargs):
                if not regions:
                    whole.append(_widget.id or type(_widget).__name__)
                return _refresh(*regions, **kwargs)
            monkeypatch.setattr(widget, "refresh", refresh)
        for key in "2313":
            await pilot.press(key)
            await pilot.pause()
        assert whole == []
        assert app.screen.query_one(KeyHints).pane == "Focus"


async def test_a_pane_key_back_to_a_line_shown_before_draws_no_text_again(
        people, make_app, monkeypatch):
    """The key line of a pane seen before is kept: `2` `1` `2` `1` makes text of
    each pane's line once (it was ~0.4 ms of every pane key); what is drawn is
    still the active pane's line, and a new theme draws it afresh in its colours."""
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hints = app.screen.query_one(KeyHints)
        made: list[str] = []

        def render(_render=hints.render):
            made.append(hints.pane)
            return _render()

        monkeypatch.setattr(hints, "render", render)
        for key in "2121":
            await pilot.press(key)
            await pilot.pause()
            drawn = hints.render_line(0).text
            assert drawn.startswith(f" {hints.pane} "), drawn
            assert ("/ Search" in drawn) == (key == "2")  # the Contacts pane's own key
        assert made == ["Contacts"]  # (the Strategy pane's was drawn at the start)

        before = hints.render_line(0)
        app.theme = "prize-daylight"
        await pilot.pause()
        after = hints.render_line(0)
        assert after.text == before.text and list(after) != list(before)
        assert made == ["Contacts", "Strategy"]


async def test_a_pane_key_restyles_nothing(people, make_app, monkeypatch):
    """The widgets that hold each pane's keys have no size and no focus style:
    Textual's restyle of the one losing and the one gaining the focus (~0.2 ms
    each) is skipped."""
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        restyled: list[str] = []
        update_nodes = app.stylesheet.update_nodes

        def recorded(nodes, animate=False):
            nodes = list(nodes)
            restyled.extend(type(node).__name__ for node in nodes)
            return update_nodes(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", recorded)
        for key in "2313":
            await pilot.press(key)
            await pilot.pause()
        assert restyled == []
        assert app.screen.query_one(KeyHints).pane == "Focus"


async def test_clicking_a_hint_runs_its_action(people, make_app):
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await click_hint(pilot, app, "r Review")
        assert isinstance(app.screen, ReviewScreen)
        await click_hint(pilot, app, "q Leave")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("2")
        await pilot.pause()
        await click_hint(pilot, app, "a Add")  # the focused pane's own key
        assert app.screen.query("#field-name")
        await pilot.press("escape")


async def test_hovering_a_hint_tells_what_it_does(people, make_app):
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hints = app.screen.query_one(KeyHints)
        x = hint_line(app).index("r Review")
        await pilot.hover(KeyHints, offset=(x, 0))
        assert hints.tooltip == "Open the daily review"
        await pilot.hover(KeyHints, offset=(hint_line(app).index("▏") + 2, 0))
        assert hints.tooltip == "Open the command palette"


async def test_at_80_columns_whole_hints_give_way_and_help_stays(people, make_app):
    app = make_app(people)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        line = hint_line(app)
        assert line.startswith(" Focus  space Start/pause s Stop") and " … q Quit ? Help " in line
        assert line.rstrip().endswith("▏^p palette") and len(line) <= 80


async def test_a_zoomed_pane_keeps_its_keys(people, make_app):
    app = make_app(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "z")
        await pilot.pause()
        assert app.screen.maximized is not None
        assert "/ Search" in hint_line(app)


@pytest.mark.parametrize("start", ["review", "timer"])
async def test_review_and_timer_have_the_same_line(repo, make_app, start):
    app = make_app(repo, start=start)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query(Footer) and app.screen.query(KeyHints)
        assert "? Help" in hint_line(app) and hint_line(app).rstrip().endswith("▏^p palette")


class Toggle(App[None]):
    """Bindings whose state changes without a focus change (check_action)."""

    BINDINGS = [Binding("s", "save", "Save"), Binding("x", "nothing", "Nothing")]
    ENABLE_COMMAND_PALETTE = False
    can_save = True
    bells = 0

    def compose(self):
        yield Static("body")
        yield KeyHints()

    def check_action(self, action: str, parameters) -> bool | None:
        return None if action == "save" and not self.can_save else True

    def action_save(self) -> None:
        self.can_save = False
        self.refresh_bindings()

    def bell(self) -> None:
        self.bells += 1


async def test_a_disabled_hint_is_dim_and_a_click_on_it_rings():
    app = Toggle()
    async with app.run_test(size=(40, 3)) as pilot:
        await pilot.pause()
        hints = app.query_one(KeyHints)
        assert [h.enabled for h in hints.hints] == [True, True]
        await pilot.click(KeyHints, offset=(0, 0))  # "s Save"
        await pilot.pause()
        assert [h.enabled for h in hints.hints] == [False, True]
        await pilot.click(KeyHints, offset=(0, 0))
        assert app.bells == 1


def test_fit_hints_drops_whole_hints_and_the_apps_last():
    pane, app = object(), Toggle()  # where each binding lives: a pane's, the app's
    a = Hint("a", "a", "Add", "add", pane, True, "")
    b = Hint("b", "b", "Budgets", "budgets", pane, True, "")
    q = Hint("q", "q", "Quit", "quit", app, True, "")
    assert fit_hints((a, b, q), 80) == [a, b, q]
    assert fit_hints((a, b, q), 16) == [a, None, q]  # "a Add … q Quit "
    assert fit_hints((a, b, q), 9) == [None, q]
    assert fit_hints((a, b, q), 1) == [None]
