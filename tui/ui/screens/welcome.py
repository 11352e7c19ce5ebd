"""The welcome on an empty data file: what Prize is for, and three ways in.

Shown once: never again once dismissed, or once the file holds anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:
    from tui.ui.app import PrizeApp

WAYS = {
    "1": ("plan", "Plan this week: hours per channel and result goals (a starting plan "
                  "that puts most hours into conversations and targeted outreach)"),
    "2": ("import", "Import your contacts: LinkedIn Connections.csv, Google Contacts or CSV"),
    "3": ("demo", "Look around a sample job search first (a separate file: yours stays empty)"),
}


class WelcomeScreen(ModalScreen[str | None]):
    """Returns "plan", "import", "demo", or None (escape: start from an empty week)."""

    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; }
    WelcomeScreen > Vertical {
        width: 72; max-width: 100%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    WelcomeScreen #welcome-title { text-style: bold; }
    WelcomeScreen .way { margin-top: 1; }
    WelcomeScreen #welcome-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("1", "choose('plan')", "Plan", show=False),
        Binding("2", "choose('import')", "Import", show=False),
        Binding("3", "choose('demo')", "Demo", show=False),
        Binding("escape", "choose('')", "Start empty", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Welcome to Prize", id="welcome-title")
            yield Static("A job search is won by conversations and meetings, not by hours "
                         "online. Prize plans your week by channel, tracks the people worth "
                         "knowing, and measures the week by what it produced.")
            for key, (_, text) in WAYS.items():
                yield Static(f"{key}  {text}", classes="way", markup=False)
            yield Static("1, 2 or 3 · escape: start with an empty week (? lists every key)",
                         id="welcome-keys")

    def action_choose(self, way: str) -> None:
        self.dismiss(way or None)


async def welcome_flow(app: PrizeApp) -> None:
    """Ask, remember it was seen, then lead into the way chosen."""
    from tui.model.daily_edits import change_settings
    from tui.model.plan import STARTING_BUDGETS, STARTING_GOALS, WeekGoals
    from tui.ui.widgets.contacts_pane import ContactsPane
    from tui.ui.widgets.strategy_pane import StrategyPane

    way = await app.push_screen_wait(WelcomeScreen())
    app.apply(change_settings(app.repo.settings(), "welcome", welcomed=True), undoable=False)
    if way == "plan":
        pane = app.screen.query_one(StrategyPane)
        pane.activate()
        pane.open_budgets(WeekGoals(week="", budgets=dict(STARTING_BUDGETS),
                                    goals=dict(STARTING_GOALS)))
    elif way == "import":
        contacts = app.screen.query_one(ContactsPane)
        contacts.activate()
        contacts.action_import()
    elif way == "demo":
        app.then_demo = True  # (the command line opens the demo file once this app ends)
        app.exit()
