"""The Prize application: owns the repository, the clock, themes and saving."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import partial

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.store import ChangedOnDisk, Repository, StoreError
from tui.ui.messages import DataChanged, Saved
from tui.ui.themes import DEFAULT_THEME, prize_themes

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class PrizeApp(App[None]):
    """Three ways in (planner, timer, review) over one repository."""

    TITLE = "Prize"
    CSS_PATH = "styles/app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(
        self,
        repo: Repository,
        *,
        start: str = "main",
        theme_name: str | None = None,
        clock: Clock = system_clock,
    ):
        super().__init__()
        self.repo = repo
        self.clock = clock
        self.start_mode = start
        self._theme_override = theme_name
        self.saved_generation = repo.generation
        self.save_problem: str | None = None  # why the last save failed, until one succeeds
        # (what was done, how to take it back → the tables it touched)
        self.undo_stack: list[tuple[str, Callable[[], tuple[str, ...]]]] = []
        self._themes_ready = False

    # -- modes ---------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from tui.ui.screens.main import MainScreen
        from tui.ui.screens.review import ReviewScreen
        from tui.ui.screens.timer import TimerScreen

        screens = {"main": MainScreen, "timer": TimerScreen, "review": ReviewScreen}
        return screens[self.start_mode]()

    def on_mount(self) -> None:
        self._apply_themes()
        for warning in self.repo.report.warnings:
            self.notify(warning, severity="warning")
        if self.repo.report.migrated_from is not None:
            self.notify(
                f"Data file upgraded from schema {self.repo.report.migrated_from}; "
                f"the old copy is in {self.repo.report.migration_backup}.",
            )

    def action_open_review(self) -> None:
        from tui.ui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen())

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def leave_screen(self) -> None:
        """`q` on a screen opened from the planner goes back; on the first screen it quits."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:
            self.exit()

    # -- time ----------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().astimezone().date()

    # -- themes --------------------------------------------------------------

    def _apply_themes(self) -> None:
        themes, problems = prize_themes()
        for theme, _origin in themes:
            self.register_theme(theme)
        for problem in problems:
            self.notify(str(problem), severity="warning", timeout=10)
        wanted = self._theme_override or self.repo.settings().theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.notify(f"no theme named {wanted!r}; using {DEFAULT_THEME}", severity="warning")
            wanted = DEFAULT_THEME
        self.theme = wanted
        self._themes_ready = True

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Built-in themes do not define Prize's own variables.
        return {
            "overdue": "red",
            "due-today": "yellow",
            "over-budget": "red",
            "stage-met": "green",
        }

    def watch_theme(self, theme: str) -> None:
        settings = self.repo.settings()
        if self._theme_override is None and settings.theme != theme and self._themes_ready:
            self.repo.save_settings(settings.replace(theme=theme))
            self.save()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key of this screen", self.action_help)
        yield SystemCommand("Review", "Open today's review", self.action_open_review)
        yield SystemCommand("Undo", "Undo the last change", self.action_undo)
        from tui.ui.focus_controller import focus_controller

        yield from focus_controller(self).system_commands()
        yield SystemCommand(
            "Reload data from disk",
            "Read the data file again (after another program changed it); unsaved edits are dropped",
            self.action_reload_data,
        )
        yield SystemCommand("Edit reminders", "The lines shown in the header, one a day",
                            self.action_edit_reminders)
        yield from self._binding_commands(screen)

    def _binding_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the focused pane and the screen, so each action is in the palette."""
        seen = {"quit", "help", "app.quit", "app.help", "command_palette"}
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.action in seen or binding.system or not active.enabled:
                continue
            seen.add(binding.action)
            title = binding.tooltip or binding.description
            if not title:
                continue
            key = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                title, f"key: {key}", partial(self.run_action, binding.action, active.node)
            )

    def action_edit_reminders(self) -> None:
        from tui.ui.screens.reminders_form import RemindersForm

        def saved(reminders: list[str] | None) -> None:
            if reminders is None:
                return
            old = self.repo.settings()
            self.repo.save_settings(old.replace(reminders=reminders))

            def undo():
                self.repo.save_settings(old)
                return ("settings",)

            self.push_undo("reminders", undo)
            self.changed("settings")

        self.push_screen(RemindersForm(self.repo.settings().reminders), saved)

    # -- undo ----------------------------------------------------------------

    def push_undo(self, label: str, undo: Callable[[], tuple[str, ...]]) -> None:
        self.undo_stack.append((label, undo))
        del self.undo_stack[:-50]

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        label, undo = self.undo_stack.pop()
        self.changed(*undo())
        self.notify(f"Undone: {label}", markup=False)

    # -- saving --------------------------------------------------------------

    def action_reload_data(self) -> None:
        try:
            self.repo.reload()
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=15)
            return
        self.undo_stack.clear()
        self.saved_generation = self.repo.generation
        self.save_problem = None
        self.changed("blocks", "marks", "goals", "contacts", "interactions", "meetings",
                     "sessions", "reviews", "settings")
        self.notify("Reloaded the data file from disk.")

    def changed(self, *tables: str) -> None:
        """Call after every edit: views refresh now, the disk write follows off the key path."""
        self.screen.post_message(DataChanged(frozenset(tables)))
        self.save()

    def save(self) -> None:
        self._flush()

    @work(thread=True, group="save")
    def _flush(self) -> None:
        try:
            generation = self.repo.flush()
        except StoreError as exc:
            self.call_from_thread(self._save_failed, exc)
            return
        self.save_problem = None
        self.post_message(Saved(generation))

    def _save_failed(self, exc: StoreError) -> None:
        self.save_problem = str(exc)
        hint = " Command palette (ctrl+p): Reload data from disk." if isinstance(
            exc, ChangedOnDisk) else ""
        self.notify(f"{exc}{hint}", severity="error", timeout=30)
        for screen in self.screen_stack:
            screen.post_message(Saved(self.saved_generation))

    def on_saved(self, message: Saved) -> None:
        self.saved_generation = max(self.saved_generation, message.generation)
        for screen in self.screen_stack:
            screen.post_message(Saved(self.saved_generation))
