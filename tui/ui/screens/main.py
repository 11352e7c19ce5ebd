"""The planner: Strategy, Contacts and Focus side by side, every pane one key away."""

from __future__ import annotations

from datetime import date, timedelta

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget

from tui.model.week_dates import week_start
from tui.ui.messages import DataChanged, Saved
from tui.ui.widgets.contacts_pane import ContactsPane
from tui.ui.widgets.focus_pane import FocusPane
from tui.ui.widgets.key_hints import KeyHints
from tui.ui.widgets.pane import Pane
from tui.ui.widgets.strategy_pane import StrategyPane
from tui.ui.widgets.top_bar import TopBar
from tui.ui.widgets.week_view import WeekView

TALL = 36  # terminal lines from which the bottom row gets more room
PANES = {"1": "#strategy-pane", "2": "#contacts-pane", "3": "#focus-pane"}


class MainScreen(Screen):
    BINDINGS = [
        Binding("1", "pane('1')", "Strategy", tooltip="Go to the Strategy pane (the week)",
                show=False),
        Binding("2", "pane('2')", "Contacts", tooltip="Go to the Contacts pane", show=False),
        Binding("3", "pane('3')", "Focus", tooltip="Go to the Focus clock", show=False),
        Binding("4", "app.open_employers", "Employers", show=False,
                tooltip="Open the Employers list (LAMP, 3B7)"),
        Binding("left_square_bracket", "week(-1)", "◀wk", key_display="[",
                tooltip="Previous week", show=False),
        Binding("right_square_bracket", "week(1)", "wk▶", key_display="]",
                tooltip="Next week", show=False),
        Binding("t", "this_week", "Today", tooltip="Back to this week", show=False),
        Binding("r", "app.open_review", "Review", tooltip="Open the daily review"),
        Binding("g", "app.open_trends", "Trends", tooltip="What works: trends across the weeks",
                show=False),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last change", show=False),
        # The clock's key works from every pane (it said nothing in Strategy).
        Binding("space", "focus_clock", "Start/pause", show=False,
                tooltip="Start a focus session, or pause or resume the running one"),
    ]

    # A var: a reactive repainted the whole screen on every week key (~5 ms).
    week = var(date(2000, 1, 3), init=False)
    # Textual's Screen repaints the whole screen whenever the focus moves (~11K
    # characters to the terminal for `1`/`2`). What shows the focus repaints
    # itself: the key line, which names the active pane (pane.py).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        yield StrategyPane(id="strategy-pane")
        # The bottom row in a container of its own: Textual draws again every
        # widget whose container overlaps a change, so a key in the week view no
        # longer draws the Contacts and Focus panes.
        with Horizontal(id="bottom-panes"):
            yield ContactsPane(id="contacts-pane")
            yield FocusPane(id="focus-pane")
        yield KeyHints()

    _bottom = 12  # the bottom row's lines, as app.tcss sets them

    def on_resize(self, event: events.Resize) -> None:
        self._fit_rows(event.size.height)

    def _fit_rows(self, height: int) -> None:
        # An inline style, not a breakpoint class: a class on the screen restyles
        # every widget (~20 ms before the first frame). Set only when it changes:
        # each set lays out and paints the whole screen again.
        bottom = 16 if height >= TALL else 12
        if bottom != self._bottom:
            self._bottom = bottom
            self.query_one("#bottom-panes").styles.height = bottom

    def on_mount(self) -> None:
        # Before the first layout: set at the first resize, the rows moved in a
        # second frame, painted whole ~20 ms after the first.
        self._fit_rows(self.app.size.height)
        self.action_this_week()
        self.query_one(StrategyPane).activate()

    def action_pane(self, number: str) -> None:
        self.query_one(PANES[number], Pane).activate()

    def action_focus_clock(self) -> None:
        from tui.ui.focus_controller import focus_controller

        focus_controller(self.app).key_space()

    def action_week(self, delta: int) -> None:
        self.week = self.week + timedelta(weeks=delta)

    def action_this_week(self) -> None:
        self.week = week_start(self.app.today(), self.app.repo.settings().first_weekday)
        self.query_one(WeekView).select_day(self.app.today())

    def watch_week(self, start: date) -> None:
        self.query_one(StrategyPane).show_week(start)
        self._update_top_bar()

    def _update_top_bar(self) -> None:
        app = self.app
        self.query_one(TopBar).show(
            self.week, app.today(), app.repo.settings().reminders,
            saved=app.saved_generation >= app.repo.generation,
            problem=app.save_problem is not None, calendar=app.calendar_sync.label(),
        )

    def on_data_changed(self, message: DataChanged) -> None:
        if message.tables & {"blocks", "marks", "meetings", "contacts", "settings", "goals"}:
            self.query_one(StrategyPane).show_week(self.week)
        if message.tables & {"contacts", "interactions", "meetings"}:
            added = message.added("contacts")
            self.query_one(ContactsPane).reload(message.contacts,
                                                select=added[0] if len(added) == 1 else None)
        self._update_top_bar()

    def on_saved(self, message: Saved) -> None:
        self._update_top_bar()
