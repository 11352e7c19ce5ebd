"""What the command palette offers besides Textual's own: Prize's screens and
data commands, the settings no key reaches, and every key of the screen (so
an action can be found by name)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from tui.ui.app import PrizeApp


def prize_commands(app: PrizeApp, screen: Screen) -> Iterable[SystemCommand]:
    from tui.ui.focus_controller import focus_controller

    yield SystemCommand("Help", "Every key of this screen", app.action_help)
    yield SystemCommand("Review", "Open today's review", app.action_open_review)
    yield SystemCommand("Trends", "What works: time against results per channel, "
                        "week by week", app.action_open_trends)
    yield SystemCommand("Employers", "The LAMP list and the 3B7 steps",
                        app.action_open_employers)
    yield SystemCommand("Undo", "Undo the last change", app.action_undo)
    yield from focus_controller(app).system_commands()
    yield SystemCommand(
        "Conflicts",
        "Values a merge set aside (both copies changed them): take one back",
        lambda: app.run_worker(app.disk_watch.show_conflicts, group="conflicts"),
    )
    yield from app.calendar_sync.system_commands()
    yield SystemCommand("Edit reminders", "The lines shown in the header, one a day",
                        partial(edit_reminders, app))
    yield SystemCommand("Keep daily backups for…",
                        "How many days of daily copies of the data file to keep",
                        partial(edit_backup_days, app))
    yield from binding_commands(app, screen)


def binding_commands(app: PrizeApp, screen: Screen) -> Iterable[SystemCommand]:
    """Every key of the active pane and the screen, so each action is in the palette."""
    seen = {"quit", "help", "app.quit", "app.help", "command_palette"}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.action in seen or binding.system or not active.enabled:
            continue
        seen.add(binding.action)
        title = binding.tooltip or binding.description
        if not title:
            continue
        key = binding.key_display or app.get_key_display(binding)
        yield SystemCommand(
            title, f"key: {key}", partial(app.run_action, binding.action, active.node)
        )


def edit_reminders(app: PrizeApp) -> None:
    from tui.ui.screens.reminders_form import RemindersForm

    def saved(reminders: list[str] | None) -> None:
        if reminders is not None:
            save_settings(app, "reminders", reminders=reminders)

    app.push_screen(RemindersForm(app.repo.settings().reminders), saved)


def edit_backup_days(app: PrizeApp) -> None:
    from tui.ui.screens.backup_days_form import BackupDaysForm

    def saved(days: int | None) -> None:
        if days is not None:
            save_settings(app, "backup days", backup_days=days)
            app.notify(f"Daily backups are kept {days} days (from the next start).")

    app.push_screen(BackupDaysForm(app.repo.settings().backup_days), saved)


def save_settings(app: PrizeApp, label: str, **changes) -> None:
    """Change settings as one edit that `u` undoes."""
    from tui.model.daily_edits import change_settings

    app.apply(change_settings(app.repo.settings(), label, **changes))
