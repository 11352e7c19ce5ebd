"""The Strategy pane: the week's blocks and meetings, planned totals against
budgets, and every planning action (add, edit, duplicate, delete, mark, copy)."""

from __future__ import annotations

from datetime import date, timedelta

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding

from tui.model.blocks import Occurrence
from tui.model.contacts import CHANNELS
from tui.model.dates import format_duration
from tui.model.plan import WeekGoals
from tui.model.planning import (
    apply_template,
    budget_warnings,
    copy_week_forward,
    detach_occurrence,
    skip_occurrence,
    template_from_week,
)
from tui.model.week import planned_minutes
from tui.model.week_dates import iso_week_label
from tui.ui.focus_controller import focus_controller
from tui.ui.marking import cycle_mark
from tui.ui.widgets.pane import Pane, PaneKeys
from tui.ui.widgets.week_entries import WeekSource
from tui.ui.widgets.week_view import WeekView

SERIES_CHOICES = {"o": "this one", "s": "the whole series"}


class StrategyPane(Pane):
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
        Binding("a", "add", "Add"),
        Binding("e,enter", "edit", "Edit", key_display="e"),
        Binding("y", "duplicate", "Dup", tooltip="Duplicate the block to the next day", show=False),
        Binding("d", "delete", "Del", tooltip="Delete the block (u undoes)"),
        Binding("x", "mark", "Mark", tooltip="Mark done / partly / missed"),
        Binding("b", "budgets", "Budgets", tooltip="Budgets and result goals for this week"),
        Binding("c", "copy_week", "Copy wk", tooltip="Copy last week's one-off blocks forward",
                show=False),
        Binding("T", "save_template", "Save template", show=False,
                tooltip="Save this week's one-off blocks as a template"),
        Binding("A", "apply_template", "Apply template", show=False,
                tooltip="Add a saved template's blocks to this week"),
        Binding("s", "start_session", "Start", tooltip="Start a focus session for the block",
                show=False),
    ]

    week_start: date = date(2000, 1, 3)
    _source: WeekSource | None = None

    def compose(self) -> ComposeResult:
        yield PaneKeys(id="strategy-keys")
        yield WeekView(id="week")

    def on_mount(self) -> None:
        self.border_title = "1 Strategy"

    @property
    def repo(self):
        return self.app.repo

    # -- showing -------------------------------------------------------------

    def show_week(self, start: date) -> None:
        self.week_start = start
        if self._source is None or self._source.repo is not self.repo:
            self._source = WeekSource(self.repo)
        week = self._source.week(start)
        self.view.show(week.days, self.app.today(), week.day_totals,
                       self._summary(week.occurrences))

    def week_goals(self) -> WeekGoals | None:
        label = iso_week_label(self.week_start)
        found = self.repo.goals.where(lambda g: g.week == label)
        return found[0] if found else None

    def _summary(self, by_day) -> str:
        planned = planned_minutes(by_day)
        goals = self.week_goals()
        week_total = sum(planned.values())
        goal_hours = self.repo.settings().weekly_hours_goal
        lines = [f"Planned {format_duration(week_total) if week_total else '0h'} of a "
                 f"{goal_hours:g}h week ({week_total / 60 / goal_hours:.0%})"]
        budgets = goals.budgets if goals else {}
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

    def selected_occurrence(self) -> Occurrence | None:
        entry = self.view.selected
        if entry is None or entry.kind != "block":
            if entry is not None:
                self.notify("That is a meeting: edit it from the Contacts pane.")
            return None
        return entry.ref

    def _done(self, label: str, undo, *tables: str) -> None:
        self.app.push_undo(label, undo)
        self.app.changed(*tables)

    # -- actions ---------------------------------------------------------------

    @work
    async def action_add(self) -> None:
        from tui.ui.screens.block_form import BlockForm

        day = self.view.selected_day or self.app.today()
        block = await self.app.push_screen_wait(
            BlockForm(day=day, today=self.app.today(), channels=self._channels()))
        if block is None:
            return
        added = self.repo.blocks.add(block)
        self._done("add block", lambda: (self.repo.blocks.remove(added.id), ("blocks",))[1],
                   "blocks")
        self.notify(f"Added {added.channel} on {added.first_day:%a %d %b}.")

    @work
    async def action_edit(self) -> None:
        from tui.ui.screens.block_form import BlockForm
        from tui.ui.screens.choice import ChoiceScreen

        occ = self.selected_occurrence()
        if occ is None:
            return
        block, today = occ.block, self.app.today()
        scope = "s"
        if block.rrule:
            scope = await self.app.push_screen_wait(
                ChoiceScreen("Edit this occurrence or the whole series?", SERIES_CHOICES))
            if scope is None:
                return
        form_day = occ.day if scope == "o" else block.first_day
        edited = await self.app.push_screen_wait(
            BlockForm(day=form_day, today=today, block=block, channels=self._channels(),
                      title="Edit this occurrence" if scope == "o" else None))
        if edited is None:
            return
        if scope == "o":
            series, one_off = detach_occurrence(block, occ.day, edited.replace(rrule=""))
            self.repo.blocks.update(series)
            added = self.repo.blocks.add(one_off)

            def undo():
                self.repo.blocks.remove(added.id)
                self.repo.blocks.update(block)
                return ("blocks",)
        else:
            self.repo.blocks.update(edited)

            def undo():
                self.repo.blocks.update(block)
                return ("blocks",)
        self._done("edit block", undo, "blocks")

    def action_duplicate(self) -> None:
        occ = self.selected_occurrence()
        if occ is None:
            return
        copy = occ.block.replace(id=None, rrule="", exdates=[], series_id=None,
                                 day=(occ.day + timedelta(days=1)).isoformat())
        added = self.repo.blocks.add(copy)
        self._done("duplicate block", lambda: (self.repo.blocks.remove(added.id), ("blocks",))[1],
                   "blocks")
        self.notify(f"Duplicated to {added.first_day:%a %d %b} at {added.start}.")

    @work
    async def action_delete(self) -> None:
        from tui.ui.screens.choice import ChoiceScreen

        occ = self.selected_occurrence()
        if occ is None:
            return
        block = occ.block
        scope = "s"
        if block.rrule:
            scope = await self.app.push_screen_wait(
                ChoiceScreen("Delete this occurrence or the whole series?", SERIES_CHOICES))
            if scope is None:
                return
        if scope == "o":
            self.repo.blocks.update(skip_occurrence(block, occ.day))
        else:
            self.repo.blocks.remove(block.id)

        def undo():
            self.repo.blocks.restore(block)
            return ("blocks",)

        self._done("delete block", undo, "blocks")
        self.notify("Deleted. Press u to undo.")

    def action_mark(self) -> None:
        occ = self.selected_occurrence()
        if occ is not None:
            cycle_mark(self.app, occ.block.id, occ.day)

    @work
    async def action_budgets(self) -> None:
        from tui.ui.screens.goals_form import GoalsForm

        goals = self.week_goals() or WeekGoals(week=iso_week_label(self.week_start))
        channels = list(dict.fromkeys((*CHANNELS, *goals.budgets, *self._channels())))
        result = await self.app.push_screen_wait(GoalsForm(goals, channels))
        if result is None:
            return
        if result.id is None:
            saved = self.repo.goals.add(result)
        else:
            self.repo.goals.update(result)
            saved = result

        def undo():
            if goals.id is None:
                self.repo.goals.remove(saved.id)
            else:
                self.repo.goals.update(goals)
            return ("goals",)

        self._done("budgets and goals", undo, "goals")

    def action_copy_week(self) -> None:
        copies = copy_week_forward(self.repo.blocks.all(), self.week_start - timedelta(days=7))
        if not copies:
            self.notify("Last week has no one-off blocks to copy (recurring ones continue anyway).")
            return
        added = self.repo.blocks.add_many(copies)
        ids = [b.id for b in added]
        self._done("copy last week", lambda: (self.repo.blocks.remove_many(ids), ("blocks",))[1],
                   "blocks")
        self.notify(f"Copied {len(added)} blocks from last week.")

    def action_start_session(self) -> None:
        if (occ := self.selected_occurrence()) is not None:
            focus_controller(self.app).start_for_block(occ)

    @work
    async def action_save_template(self) -> None:
        from tui.ui.screens.template_form import TemplateNameForm

        names = [t.name for t in self.repo.templates.all()]
        name = await self.app.push_screen_wait(TemplateNameForm(names))
        if name is None:
            return
        template = template_from_week(self.repo.blocks.all(), self.week_start, name)
        if not template.blocks:
            self.notify("This week has no one-off blocks to save.")
            return
        added = self.repo.templates.add(template)
        self._done("save template", lambda: (self.repo.templates.remove(added.id),
                                            ("templates",))[1], "templates")
        self.notify(f"Saved {len(template.blocks)} blocks as template {name!r}.", markup=False)

    @work
    async def action_apply_template(self) -> None:
        from tui.ui.screens.choice import ChoiceScreen

        templates = self.repo.templates.all()[:9]
        if not templates:
            self.notify("No templates yet: save a week as one from the command palette.")
            return
        choices = {str(i): t.name for i, t in enumerate(templates, start=1)}
        key = await self.app.push_screen_wait(
            ChoiceScreen("Apply which template to this week?", choices))
        if key is None:
            return
        added = self.repo.blocks.add_many(apply_template(templates[int(key) - 1], self.week_start))
        ids = [b.id for b in added]
        self._done("apply template", lambda: (self.repo.blocks.remove_many(ids), ("blocks",))[1],
                   "blocks")
        self.notify(f"Added {len(added)} blocks from the template.")

    def _channels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(b.channel for b in self.repo.blocks.all()))
