"""The Strategy pane: the week's blocks and meetings and planned totals against
budgets; its planning actions (add, edit, duplicate, delete, mark, copy) are in
`block_actions`."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding

from tui.model.blocks import Occurrence
from tui.model.dates import format_duration
from tui.model.plan import WeekGoals, goals_in_force
from tui.model.planning import budget_warnings
from tui.model.week import planned_minutes
from tui.model.week_dates import iso_week_label
from tui.ui.widgets.block_actions import BlockActions
from tui.ui.widgets.pane import PaneKeys
from tui.ui.widgets.week_entries import WeekSource
from tui.ui.widgets.week_view import WeekView


class StrategyPane(BlockActions):
    """Border title "1 Strategy"; shows the week the screen chose (the week view
    scrolls itself, summary included: the pane never does)."""

    LABEL = "Strategy"
    BINDINGS = [
        # The week view's cursor; the view has no focus of its own (pane.py).
        Binding("up,k", "move(0, -1)", "Up", show=False),
        Binding("down,j", "move(0, 1)", "Down", show=False),
        Binding("left,h", "move(-1, 0)", "Prev day", show=False),
        Binding("right,l", "move(1, 0)", "Next day", show=False),
        Binding("home", "scroll_view('home')", "Top", show=False),
        Binding("end", "scroll_view('end')", "Bottom (the summary)", show=False),
        Binding("pageup", "scroll_view('page_up')", "Page up", show=False),
        Binding("pagedown", "scroll_view('page_down')", "Page down", show=False),
        *BlockActions.ACTION_BINDINGS,
    ]

    _source: WeekSource | None = None

    def compose(self) -> ComposeResult:
        yield PaneKeys(id="strategy-keys")
        yield WeekView(id="week")

    def on_mount(self) -> None:
        self.border_title = "1 Strategy"

    # -- showing -------------------------------------------------------------

    def show_week(self, start: date) -> None:
        self.week_start = start
        repo = self.prize.repo
        if self._source is None or self._source.repo is not repo:
            self._source = WeekSource(repo)
        week = self._source.week(start)
        self.view.show(week.days, self.app.today(), week.day_totals,
                       self._summary(week.occurrences))

    def week_goals(self) -> WeekGoals | None:
        label = iso_week_label(self.week_start)
        return goals_in_force(self.prize.repo.goals.all(), label)

    def _summary(self, by_day) -> str:
        planned = planned_minutes(by_day)
        goals = self.week_goals()
        week_total = sum(planned.values())
        budgets = goals.budgets if goals else {}
        planned_text = format_duration(week_total) if week_total else "0h"
        if budgets:  # the week's hours are what the budgets add up to
            budgeted = sum(budgets.values())
            lines = [f"Planned {planned_text} of {format_duration(budgeted)} budgeted "
                     f"({week_total / budgeted:.0%})"]
        else:
            goal_hours = self.prize.repo.settings().weekly_hours_goal
            lines = [f"Planned {planned_text} of a {goal_hours:g}h week "
                     f"({week_total / 60 / goal_hours:.0%}) · b sets budgets"]
        # Most planned first, then by name: a set alone would order ties differently each run.
        for channel in sorted(set(planned) | set(budgets),
                              key=lambda c: (-planned.get(c, 0), c.casefold(), c)):
            minutes, budget = planned.get(channel, 0), budgets.get(channel)
            spent = format_duration(minutes) if minutes else "0m"
            if budget:
                over = " ⚠ over" if minutes > budget else ""
                lines.append(f"  {channel}: {spent} of {format_duration(budget)}{over}")
            else:
                lines.append(f"  {channel}: {spent} (no budget)")
        lines += budget_warnings(planned, goals)
        lines.append("✓ done  ◐ partly  ✗ missed  ↻ repeats  ☎ meeting  ◆ today  ·  "
                     "[ ] change week, t this week")
        return "\n".join(lines)

    # -- selection -----------------------------------------------------------

    @property
    def view(self) -> WeekView:
        return self.query_one(WeekView)

    def action_move(self, dx: int, dy: int) -> None:
        self.view.move(dx, dy)

    def action_scroll_view(self, where: str) -> None:
        view = self.view
        scroll = {"home": view.scroll_home, "end": view.scroll_end,
                  "page_up": view.scroll_page_up, "page_down": view.scroll_page_down}[where]
        scroll(animate=False)

    def selected_day(self) -> date | None:
        return self.view.selected_day

    def selected_occurrence(self) -> Occurrence | None:
        entry = self.view.selected
        if entry is None or entry.kind != "block":
            if entry is not None:
                self.notify("That is a meeting: edit it from the Contacts pane.")
            return None
        return entry.ref
