"""The Prize application: owns the repository, the clock, themes and saving."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import partial
from typing import cast

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from tui.model.daily_edits import change_settings
from tui.model.edit import Edit, UndoStack
from tui.store import Repository, StoreError
from tui.ui.calendar_sync import CalendarSync
from tui.ui.disk_watch import DiskWatch
from tui.ui.key_routing import KeyRouting
from tui.ui.messages import DataChanged, Saved
from tui.ui.palette_guard import GuardedPalettes
from tui.ui.themes import DEFAULT_THEME, prize_themes, shipped_theme

Clock = Callable[[], datetime]

def system_clock() -> datetime:
    return datetime.now(UTC)


def prize(node: DOMNode) -> PrizeApp:
    """The running app as a PrizeApp (Textual types `node.app` as any App)."""
    return cast(PrizeApp, node.app)


class PrizeApp(GuardedPalettes, KeyRouting, App[None]):
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
        welcome: bool = True,
    ):
        super().__init__()
        self.repo = repo
        self.clock = clock
        self.start_mode = start
        self.welcome = welcome  # the welcome on an empty file (tests turn it off)
        self.then_demo = False  # the welcome's "look around the demo" was chosen
        self._theme_override = theme_name
        self.saved_generation = repo.generation
        self.save_problem: str | None = None  # why the last save failed, until one succeeds
        self.undo_stack = UndoStack()  # the edits `u` takes back
        self._themes_ready = self._themes_read = False
        self.init_key_routing()
        self.disk_watch = DiskWatch(self)  # the other copies: the file on disk, conflict copies
        self.calendar_sync = CalendarSync(self)  # the CalDAV calendar, in the background
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
        self._report_open()
        # The watchers wait for the first frame (~7 ms with their imports).
        self.call_after_refresh(self._start_background)
        self.call_after_refresh(self._show_theme_problems)  # (the other themes read then)
        # Once the first frame, with the contacts listed, is out.
        self.call_after_refresh(self._settle_memory)

    def _settle_memory(self) -> None:
        # What start-up built lives as long as the app: set it aside, so that the
        # collector (off since cli.main) no longer rescans it, and turn it on.
        # Left alone when something else runs the app with it on (tests).
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        from tui.store.memory import release_free_memory

        release_free_memory()  # what building the contact rows used and freed

    def _start_background(self) -> None:
        if not self.is_running:
            return  # (a quit typed at once)
        self.disk_watch.start()  # (conflict copies left since the last run: merged now)
        self.calendar_sync.start()

    def _report_open(self) -> None:
        # (at mount: keys typed at once on an empty file go to the welcome's form)
        if self._should_welcome():
            from tui.ui.screens.welcome import welcome_flow

            self.run_worker(partial(welcome_flow, self), group="welcome")
        for warning in self.repo.report.warnings:
            self.notify(warning, severity="warning")
        if self.repo.dirty:  # (edits a dead run left in its journal: into the file now)
            self.save()
        if self.repo.report.migrated_from is not None:
            self.notify(
                f"Data file upgraded from schema {self.repo.report.migrated_from}; "
                f"the old copy is in {self.repo.report.migration_backup}.",
            )

    def action_open_review(self) -> None:
        from tui.ui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen())

    def action_open_trends(self) -> None:
        from tui.ui.screens.trends import TrendsScreen

        self.push_screen(TrendsScreen())

    def action_open_employers(self) -> None:
        from tui.ui.screens.employers import EmployersScreen

        if not isinstance(self.screen, EmployersScreen):
            self.push_screen(EmployersScreen())

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

    def _should_welcome(self) -> bool:
        """An empty data file never welcomed, opened on the planner."""
        repo = self.repo
        return (self.welcome and self.start_mode == "main" and not repo.read_only
                and not repo.settings().welcomed and repo.is_empty())

    def today(self) -> date:
        return self.clock().astimezone().date()

    # -- themes --------------------------------------------------------------

    def _apply_themes(self) -> list[str]:
        """Register the theme to start with (the others after the first frame,
        `_register_themes`, unless that needs them all), choose it; the problems."""
        wanted = self._theme_override or self.repo.settings().theme or DEFAULT_THEME
        messages = []
        if wanted not in self.available_themes:
            theme = shipped_theme(wanted)
            if theme is not None:
                self.register_theme(theme)
            else:
                messages += self._register_themes()
        if wanted not in self.available_themes:
            messages.append(f"no theme named {wanted!r}; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME
            if wanted not in self.available_themes:
                messages += self._register_themes()
        theme = self.get_theme(wanted)
        if theme is not None and theme.dark and not theme.ansi:
            self._start_with_theme(wanted)
        else:  # (the ANSI colours Textual set up for its dark default change too)
            self.theme = wanted
        self._themes_ready = True
        return messages

    def _start_with_theme(self, name: str) -> None:
        """Start in dark theme `name` with the style sheet made for it once. Setting
        `theme` queues a re-parse of every style sheet (Textual's theme watcher,
        for a running app); before the first frame there is nothing to redo: the
        theme is set quietly, with the variables and classes the watcher sets.
        (The watcher also maps ANSI colours for the theme: for a dark theme without
        ANSI colours that is the mapping Textual's dark default set up already.)"""
        self.set_reactive(App.theme, name)
        theme = self.current_theme
        self.stylesheet.set_variables(self.get_css_variables())
        for old in [c for c in self.classes if c.startswith("-theme-")]:
            self.remove_class(old, update=False)
        self.add_class(f"-theme-{theme.name}", update=False)
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)

    def _register_themes(self) -> list[str]:
        """Register every shipped and user theme (once); the problems found."""
        if self._themes_read:
            return []
        self._themes_read = True
        themes, problems = prize_themes()
        for theme, _origin in themes:
            self.register_theme(theme)
        return [str(problem) for problem in problems]

    def _show_theme_problems(self) -> None:
        for problem in [*self._theme_problems, *self._register_themes()]:
            self.notify(problem, severity="warning", timeout=10)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Built-in themes do not define Prize's own variables.
        return {
            "overdue": "red",
            "due-today": "yellow",
            "over-budget": "red",
            "stage-met": "green",
        }

    def watch_theme(self, theme: str) -> None:
        if self._theme_override is None and self._themes_ready:
            # Remembered, not undone by `u`: the theme is a choice, not data.
            self.apply(change_settings(self.repo.settings(), "theme", theme=theme),
                       undoable=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tui.ui.palette import prize_commands

        yield from super().get_system_commands(screen)
        yield from prize_commands(self, screen)

    # -- edits ---------------------------------------------------------------

    def apply(self, edit: Edit, *, undoable: bool = True) -> Edit | None:
        """The one place the data changes: apply `edit`, keep it for `u` (when
        `undoable`), tell every screen, say its notice, start the save. Returns it
        as applied (new records with their ids), or None when it was refused."""
        if edit.empty:
            if edit.notice:
                self.notify(edit.notice, markup=False)
            return edit
        try:
            applied = self.repo.apply(edit)
        except StoreError as exc:
            self.notify(str(exc), severity="warning", markup=False, timeout=8)
            return None
        if undoable:
            self.undo_stack.push(applied)
        self.tell_screens(applied.tables, applied.contacts, applied)
        if applied.notice:
            self.notify(applied.notice, markup=False)
        self.save()
        self.calendar_sync.edited(applied)
        return applied

    def tell_screens(self, tables: frozenset[str], contacts: frozenset[int] | None = None,
                     edit: Edit | None = None) -> None:
        """Every screen on the stack, not only the top one: the planner under the
        review shows a mark made in the review when the review closes."""
        for screen in self.screen_stack:
            screen.post_message(DataChanged(tables, contacts, edit))

    def action_undo(self) -> None:
        edit = self.undo_stack.pop()
        if edit is None:
            self.notify("Nothing to undo.")
            return
        undo = Edit(f"undo {edit.label}", edit.undone().changes, f"Undone: {edit.label}")
        self.apply(undo, undoable=False)

    # -- saving --------------------------------------------------------------

    def save(self) -> None:
        self._save_in_background()

    @work(thread=True, group="save")
    def _save_in_background(self) -> None:  # (not `_flush`: App._flush is Textual's)
        try:
            # Safe in the journal first (~1 ms), then in the file itself, merged with
            # the file on disk first if it changed (~25 ms at 10k contacts).
            self.post_message(Saved(self.repo.commit()))
            generation = self.repo.flush()
        except StoreError as exc:
            self.call_from_thread(self._save_failed, exc)
            return
        self.save_problem = None
        if news := self.repo.take_news():
            self.call_from_thread(self.disk_watch.merged_in, news)
        self.post_message(Saved(generation))

    def _save_failed(self, exc: StoreError) -> None:
        self.save_problem = str(exc)
        self.notify(str(exc), severity="error", timeout=30, markup=False)
        for screen in self.screen_stack:
            screen.post_message(Saved(self.saved_generation))

    def on_saved(self, message: Saved) -> None:
        self.saved_generation = max(self.saved_generation, message.generation)
        for screen in self.screen_stack:
            screen.post_message(Saved(self.saved_generation))
