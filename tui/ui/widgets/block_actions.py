"""What the keys of the Strategy pane do: add, edit, duplicate, delete and mark
blocks (one occurrence or a whole series), budgets and goals, copy a week,
templates. Every edit is undoable and calls `app.changed(...)`, which refreshes
the views and saves off the key path.
"""

from __future__ import annotations

from datetime import timedelta

from textual import work
from textual.binding import Binding

from tui.model.contacts import CHANNELS
from tui.model.plan import WeekGoals
from tui.model.planning import (
    apply_template,
    copy_week_forward,
    detach_occurrence,
    skip_occurrence,
    template_from_week,
)
from tui.model.week_dates import iso_week_label
from tui.ui.focus_controller import focus_controller
from tui.ui.marking import cycle_mark

SERIES_CHOICES = {"o": "this one", "s": "the whole series"}


class BlockActions:
    """Mixed into StrategyPane, which provides `repo`, `view`, `week_start`,
    `week_goals` and `selected_occurrence`."""

    ACTION_BINDINGS = [
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

    def _done(self, label: str, undo, *tables: str) -> None:
        self.app.push_undo(label, undo)  # type: ignore[attr-defined]
        self.app.changed(*tables)  # type: ignore[attr-defined]

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
