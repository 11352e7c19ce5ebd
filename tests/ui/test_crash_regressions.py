"""Crashes the random-input test (test_random_input.py) met, each typed or clicked here
the shortest way: no key, paste or click may end the app with a traceback.

Where each is fixed: the pane's `query` attribute renamed `search_text`
(widgets/contacts_pane.py); the command palette's page keys, double enter and opening
as the app closes in tui/ui/palette_guard.py (PrizeApp mixes in GuardedPalettes);
ChoiceScreen.dismiss acts only while on top (screens/choice.py); ReviewScreen returns
from on_mount and refresh_figures when not attached (screens/review.py).
"""

from __future__ import annotations

import pytest
from textual.command import CommandInput, CommandPalette

from tests.screen import type_text
from tests.ui.input_helpers import burst, click, listed_commands
from tui.ui.screens.choice import ChoiceScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.review import ReviewScreen

PANES = ["#strategy-pane", "#contacts-pane", "#focus-pane"]


# -- a double click on a pane's border ----------------------------------------------


@pytest.mark.parametrize("pane", PANES)
async def test_double_clicks_on_a_pane_border_leave_the_app_running(demo_repo, make_app, pane):
    """A double click selects all the text of the widget under it (Textual's
    Widget._on_click → Screen's select-all runs `widget.query("*")`); on a pane's
    border that widget is the pane, and ContactsPane had an attribute `query = ""`
    hiding DOMNode.query: TypeError, app gone (now `search_text`). A triple click
    selects all in the pane's container, by the same query."""
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        region = app.screen.query_one(pane).region
        # The border title's row (at the title, and at the corner), a side, the bottom.
        spots = [(region.x + 3, region.y, 2), (region.x, region.y, 2),
                 (region.right - 1, region.y + 1, 2), (region.x + 3, region.bottom - 1, 2),
                 (region.x + 3, region.y, 3)]
        for x, y, times in spots:
            await click(pilot, app, x, y, times)
            assert app.return_code is None, f"the app ended after a click at {(x, y)}"
            await pilot.press("escape")  # (a zoomed pane back, a field left)


# -- page keys in the command palette ---------------------------------------------------
# Textual's OptionList._move_page reads the highlighted option's line from a table the
# list fills only while it has room on screen: KeyError 0 when it has options, a
# highlight and no height yet. Against action_page_down, cf. kagan-sh/kagan-legacy#31
# ("KeyError crash in action_page OptionsList"); the workaround: tui/ui/palette_guard.py.


@pytest.mark.parametrize("key", ["pagedown", "pageup", "end", "home"])
async def test_palette_keys_in_a_terminal_too_short_for_its_list(demo_repo, make_app, key):
    """4 rows: the palette lists its commands, the first highlighted, in no height."""
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 4)) as pilot:
        await pilot.press("ctrl+p")
        await listed_commands(pilot, app)
        await pilot.press(key, key)
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


@pytest.mark.parametrize("keys", [["pagedown"], ["pageup"], ["pagedown", "pageup", "pagedown"]],
                         ids=" ".join)
async def test_palette_page_keys_typed_with_ctrl_p(demo_repo, make_app, keys):
    """`ctrl+p pagedown` typed at once (the monkey's first find): the page key reaches
    the palette after its worker filled the list and highlighted the first command,
    before the layout that gives the list room. (A race: without the guard this
    failed in about half the runs.)"""
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "ctrl+p", *keys)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


@pytest.mark.parametrize("key", ["pagedown", "pageup"])
@pytest.mark.parametrize("rows", [4, 24])
async def test_palette_pages_once_its_list_has_room(demo_repo, make_app, key, rows):
    """The moment the race above needs, made on purpose: the list just filled by the
    worker (options, a highlight, the height of no options) when the page key comes.
    The highlight moves after the layout (not at 4 rows: a page of no line). At 4 rows
    the list never gets room, so without the guard this fails every time; at 24 the
    key still races the layout (it lost in about half the runs)."""
    app = make_app(demo_repo)
    async with app.run_test(size=(80, rows)) as pilot:
        await pilot.press("ctrl+p")
        commands = await listed_commands(pilot, app)
        assert commands.option_count > 1
        # No cursor blink: its repaint could bring the layout forward, before the key.
        app.screen.query_one(CommandInput).cursor_blink = False
        start = 0 if key == "pagedown" else commands.option_count - 1
        options = [commands.get_option_at_index(i) for i in range(commands.option_count)]
        commands.clear_options()
        await pilot.pause()
        assert not commands.scrollable_content_region
        commands.add_options(options)
        commands.highlighted = start
        burst(app, key)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        if rows > 4:
            assert commands.highlighted != start, "the page key was dropped"
        else:
            assert commands.highlighted == start


# -- enter twice in the command palette --------------------------------------------------
# Each enter selects the highlighted command, each selection dismisses the palette, and
# Screen.dismiss pops whatever screen is on top (cf. Textualize/textual#2575): the
# second closed the screen under the palette, or raised ScreenStackError on the planner.


async def review_twice(pilot, app) -> None:
    await type_text(pilot, "review")
    commands = await listed_commands(pilot, app)
    assert "Review" in str(commands.get_option_at_index(commands.highlighted or 0).prompt)
    burst(app, "enter", "enter")
    await pilot.pause()
    await pilot.pause()


async def test_enter_twice_in_the_palette_runs_the_command_once(demo_repo, make_app):
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await review_twice(pilot, app)
        assert [type(s) for s in app.screen_stack] == [MainScreen, ReviewScreen]


# -- screens pushed as the app closes ----------------------------------------------------
# While the app exits Textual composes nothing (Widget.mount_compose), yet a screen
# pushed then is mounted: what queries its children fails, a traceback instead of a
# clean exit.


async def test_ctrl_q_then_ctrl_p_typed_at_once_quits_cleanly(demo_repo, make_app):
    """Both priority keys, handled in turn: the palette opened as the app closed and its
    worker failed (NoMatches: CommandList). GuardedPalettes opens none once closing."""
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "ctrl+q", "ctrl+p")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_then_r_typed_at_once_quits_cleanly(demo_repo, make_app):
    """`q` starts the exit and `r`, handled after it, pushes the review; its on_mount
    (and its `weekly` watcher) queried its children: NoMatches '#review'."""
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "q", "r")
        await pilot.pause()
    assert app.return_code == 0


# -- an answer typed just before ctrl+p ---------------------------------------------------


async def test_an_answer_typed_just_before_ctrl_p_leaves_the_palette_open(demo_repo, make_app):
    """`o ctrl+p` typed at once over a question (a series' block: this one or all?):
    ctrl+p is a priority key, so the palette opens before the question takes its `o`
    (ChoiceScreen.on_key, not a binding: it runs whatever screen is on top). The
    question's dismiss then popped the palette as it mounted, and the palette's worker
    failed (NoMatches: CommandList). The answer is the question's only while it is on
    top: here it is dropped, and escape then cancels the question."""
    app = make_app(demo_repo)
    answers: list[str | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        choices = {"o": "this one", "s": "the whole series"}
        app.push_screen(ChoiceScreen("This one or the whole series?", choices), answers.append)
        await pilot.pause()
        burst(app, "o", "ctrl+p")
        await pilot.pause()
        await listed_commands(pilot, app)
        await pilot.press("escape")  # the palette
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")  # the question
        await pilot.pause()
        assert answers == [None]


# -- a dialog flow started as the app closes --------------------------------------------
# A focus key (space: the quick-start form) runs its dialogs in a worker. The worker
# was handed a coroutine made at the key: when `q` closed the app before the worker
# ran, that coroutine was never awaited (a RuntimeWarning the random-input test met).


async def test_a_focus_flow_started_as_the_app_closes_leaves_no_coroutine_unawaited(
        repo, make_app):
    import gc
    import warnings

    app = make_app(repo)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("3")
            burst(app, "space", "q")
            await pilot.pause()
        del app, pilot
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]
