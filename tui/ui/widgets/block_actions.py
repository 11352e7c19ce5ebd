"""What the keys of the Strategy pane do: add, edit, duplicate, delete and mark
blocks (one occurrence or a whole series), budgets and goals, copy a week,
templates. Each builds one edit with a plain function (tui.model.block_edits)
and hands it to `PrizeApp.apply`, which keeps it for undo, tells every screen
and saves off the key path.
"""

from __future__ import annotations

from datetime import date

from textual import work
from textual.binding import Binding

from tui.model import block_edits as edits
from tui.model.blocks import Occurrence
from tui.model.contacts import CHANNELS
from tui.model.plan import WeekGoals
from tui.model.planning import template_from_week
from tui.model.week_dates import iso_week_label
from tui.ui.focus_controller import focus_controller
from tui.ui.marking import mark_occurrence
from tui.ui.widgets.pane import Pane

SERIES_CHOICES = {"o": "this one", "s": "the whole series"}


class BlockActions(Pane):
    """The Strategy pane's actions; the pane itself (StrategyPane) provides the
    week shown and the selected occurrence."""

    ACTION_BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e,enter", "edit", "Edit", key_display="e"),
        Binding("y", "duplicate", "Dup", tooltip="Duplicate the block to the next day", show=False),
        Binding("d", "delete", "Del", tooltip="Delete the block (u undoes)"),
        Binding("x", "mark('done')", "Done", tooltip="Mark the block done (x again: not)"),
        Binding("p", "mark('partly')", "Partly", tooltip="Mark the block partly done",
                show=False),
        Binding("m", "mark('missed')", "Missed", tooltip="Mark the block missed", show=False),
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

    # -- what the week provides (StrategyPane) ---------------------------------

    week_start: date = date(2000, 1, 3)

    def selected_day(self) -> date | None:
        raise NotImplementedError

    def selected_occurrence(self) -> Occurrence | None:
        raise NotImplementedError

    def week_goals(self) -> WeekGoals | None:
        raise NotImplementedError

    # -- actions -------------------------------------------------------------------

    @work
    async def action_add(self) -> None:
        from tui.ui.screens.block_form import BlockForm

        app = self.prize
        day = self.selected_day() or app.today()
        block = await app.push_screen_wait(
            BlockForm(day=day, today=app.today(), channels=self._channels(),
                      week=self.week_start))
        if block is not None:
            app.apply(edits.add_block(block))

    async def _scope(self, occ: Occurrence, verb: str) -> str | None:
        """"o" for this occurrence, "s" for the whole series (asked only of a series)."""
        from tui.ui.screens.choice import ChoiceScreen

        if not occ.block.rrule:
            return "s"
        return await self.prize.push_screen_wait(
            ChoiceScreen(f"{verb} this occurrence or the whole series?", SERIES_CHOICES))

    @work
    async def action_edit(self) -> None:
        from tui.ui.screens.block_form import BlockForm

        app, occ = self.prize, self.selected_occurrence()
        if occ is None or (scope := await self._scope(occ, "Edit")) is None:
            return
        block = occ.block
        edited = await app.push_screen_wait(
            BlockForm(day=occ.day if scope == "o" else block.first_day, today=app.today(),
                      block=block, channels=self._channels(),
                      title="Edit this occurrence" if scope == "o" else None))
        if edited is None:
            return
        app.apply(edits.edit_occurrence(block, occ.day, edited) if scope == "o"
                  else edits.edit_block(block, edited))

    def action_duplicate(self) -> None:
        if (occ := self.selected_occurrence()) is not None:
            self.prize.apply(edits.duplicate_block(occ.block, occ.day))

    @work
    async def action_delete(self) -> None:
        occ = self.selected_occurrence()
        if occ is None or (scope := await self._scope(occ, "Delete")) is None:
            return
        self.prize.apply(edits.delete_occurrence(occ.block, occ.day) if scope == "o"
                         else edits.delete_block(occ.block))

    def action_mark(self, state: str) -> None:
        if (occ := self.selected_occurrence()) is not None:
            mark_occurrence(self.prize, occ.block.id, occ.day, state)

    def action_budgets(self) -> None:
        self.open_budgets()

    @work
    async def open_budgets(self, start: WeekGoals | None = None) -> None:
        """The week's budgets and goals form; `start`: the values to offer when the
        week has none (the welcome's starting plan)."""
        from tui.ui.screens.goals_form import GoalsForm

        week = iso_week_label(self.week_start)
        in_force = self.week_goals() or start
        # Carried forward from an earlier week: saving sets them from this week on.
        goals = in_force if in_force is not None and in_force.week == week \
            and in_force.id is not None else \
            WeekGoals(week=week, budgets=dict(in_force.budgets) if in_force else {},
                      goals=dict(in_force.goals) if in_force else {})
        if in_force is start:
            in_force = None  # (offered, not carried from anywhere)
        channels = list(dict.fromkeys((*CHANNELS, *goals.budgets, *self._channels())))
        since = in_force.week if in_force is not None and in_force.week != week else None
        result = await self.prize.push_screen_wait(GoalsForm(goals, channels, since=since))
        if result is not None:
            self.prize.apply(edits.set_goals(goals, result))

    def action_copy_week(self) -> None:
        self.prize.apply(edits.copy_last_week(self.prize.repo.blocks.all(), self.week_start))

    def action_start_session(self) -> None:
        if (occ := self.selected_occurrence()) is not None:
            focus_controller(self.prize).start_for_block(occ)

    @work
    async def action_save_template(self) -> None:
        from tui.ui.screens.template_form import TemplateNameForm

        app = self.prize
        names = [t.name for t in app.repo.templates.all()]
        name = await app.push_screen_wait(TemplateNameForm(names))
        if name is not None:
            app.apply(edits.save_template(
                template_from_week(app.repo.blocks.all(), self.week_start, name)))

    @work
    async def action_apply_template(self) -> None:
        from tui.ui.screens.choice import ChoiceScreen

        app = self.prize
        templates = app.repo.templates.all()[:9]
        if not templates:
            self.notify("No templates yet: save a week as one from the command palette.")
            return
        choices = {str(i): t.name for i, t in enumerate(templates, start=1)}
        key = await app.push_screen_wait(
            ChoiceScreen("Apply which template to this week?", choices))
        if key is not None:
            app.apply(edits.use_template(templates[int(key) - 1], self.week_start))

    def _channels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(b.channel for b in self.prize.repo.blocks.all()))
