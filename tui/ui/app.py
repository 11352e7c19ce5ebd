"""The Prize application: owns the repository, the clock, themes and saving."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.store import ChangedOnDisk, Repository, StoreError
from tui.ui.key_routing import KeyRouting
from tui.ui.messages import ALL_TABLES, DataChanged, Saved
from tui.ui.themes import DEFAULT_THEME, prize_themes

Clock = Callable[[], datetime]

# How long the first frame gets to reach the terminal before the data file is
# parsed: the parse holds the interpreter, and the frame is written by a thread.
FRAME_OUT_S = 0.015


def system_clock() -> datetime:
    return datetime.now(UTC)


class PrizeApp(KeyRouting, App[None]):
    """Three ways in (planner, timer, review) over one repository."""

    TITLE = "Prize"
    CSS_PATH = "styles/app.tcss"
    ENABLE_COMMAND_PALETTE = True
    ALLOW_IN_MAXIMIZED_VIEW = "KeyHints"  # a zoomed pane still shows its keys
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
        # (what was done, how to take it back → the tables it touched, the contacts
        # it touched if known: their list rows alone are rebuilt)
        self.undo_stack: list[tuple[str, Callable[[], tuple[str, ...]], frozenset[int] | None]] = []
        self._themes_ready = False
        self.load_error: StoreError | None = None  # the file could not be read after all
        self.init_key_routing()
        # Before the first frame: a theme set after mount re-parses every style sheet.
        self._theme_problems = self._apply_themes()

    # -- modes ---------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        if self.start_mode == "timer":
            from tui.ui.screens.timer import TimerScreen

            return TimerScreen()
        if self.start_mode == "review":
            from tui.ui.screens.review import ReviewScreen

            return ReviewScreen()
        from tui.ui.screens.main import MainScreen

        return MainScreen()

    def on_mount(self) -> None:
        for problem in self._theme_problems:
            self.notify(problem, severity="warning", timeout=10)
        if self.repo.loading:
            self.call_after_refresh(self.set_timer, FRAME_OUT_S, self.finish_loading)
        else:
            self._report_open()
            self.call_after_refresh(self._settle_memory)

    # -- loading -------------------------------------------------------------

    def finish_loading(self) -> None:
        """Parse and check the whole file, then fill every view and replay held keys."""
        try:
            self.repo.finish_open()
        except StoreError as exc:
            self.load_error = exc
            self.exit(return_code=2)
            return
        self._report_open()
        if self._theme_override is None:
            wanted = self.repo.settings().theme or DEFAULT_THEME
            if wanted in self.available_themes and wanted != self.theme:
                self._themes_ready = False  # the choice read from the file: nothing to save
                self.theme = wanted
                self._themes_ready = True
        self.saved_generation = self.repo.generation
        for screen in self.screen_stack:
            screen.post_message(DataChanged(ALL_TABLES))
        # Queued behind the DataChanged, so the contact rows are built before it runs.
        self.screen.call_after_refresh(self._settle_memory)
        self._replay_held_input()

    def _settle_memory(self) -> None:
        # What start-up built lives as long as the app: set it aside, so that the
        # collector (off since cli.main) no longer rescans it, and turn it on.
        # Left alone when something else runs the app with it on (tests).
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        from tui.store.memory import release_free_memory

        release_free_memory()  # what building the contact rows used and freed

    def _report_open(self) -> None:
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

    def _apply_themes(self) -> list[str]:
        """Register Prize's and the user's themes, choose one; the problems to show."""
        themes, problems = prize_themes()
        for theme, _origin in themes:
            self.register_theme(theme)
        messages = [str(problem) for problem in problems]
        wanted = self._theme_override or self.repo.settings().theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            messages.append(f"no theme named {wanted!r}; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME
        self.theme = wanted
        self._themes_ready = True
        return messages

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
        from tui.ui.palette import prize_commands

        yield from super().get_system_commands(screen)
        yield from prize_commands(self, screen)

    # -- undo ----------------------------------------------------------------

    def push_undo(self, label: str, undo: Callable[[], tuple[str, ...]],
                  contacts: Iterable[int] | None = None) -> None:
        self.undo_stack.append((label, undo, None if contacts is None else frozenset(contacts)))
        del self.undo_stack[:-50]

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        label, undo, contacts = self.undo_stack.pop()
        self.changed(*undo(), contacts=contacts)
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
        self.changed(*ALL_TABLES)
        self.notify("Reloaded the data file from disk.")

    def changed(self, *tables: str, contacts: Iterable[int] | None = None) -> None:
        """Call after every edit: views refresh now, the disk write follows off the key path.

        `contacts`: the ones the edit changed, if known (the list then rebuilds only their rows).
        """
        ids = frozenset(contacts) if contacts is not None else None
        self.screen.post_message(DataChanged(frozenset(tables), ids))
        self.save()

    def save(self) -> None:
        self._save_in_background()

    @work(thread=True, group="save")
    def _save_in_background(self) -> None:  # (not `_flush`: App._flush is Textual's)
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
