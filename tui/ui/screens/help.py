"""The help screen, generated from the live bindings so it can never drift from them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

INTRO = (
    "Prize keeps a job search about results. Plan the week in time blocks per "
    "channel (Strategy), keep the people worth knowing moving along the pipeline "
    "(Contacts), time each session against its budget (Focus), and check every "
    "day whether the hours turned into conversations and meetings (Review)."
)


def binding_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for every binding active on `screen`, once each."""
    seen: dict[str, list[str]] = {}
    for _key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        description = binding.tooltip or binding.description or binding.action
        label = binding.key_display or screen.app.get_key_display(binding)
        seen.setdefault(description, [])
        if label not in seen[description]:
            seen[description].append(label)
    return [(" ".join(keys), description) for description, keys in seen.items()]


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80%; max-width: 90; height: 80%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    HelpScreen .intro { margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, under: Screen):
        super().__init__()
        self.rows = binding_rows(under)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Help · escape closes"
            yield Static(INTRO, classes="intro", markup=False)
            width = max((len(k) for k, _ in self.rows), default=4) + 2
            lines = [
                Content.assemble((keys.ljust(width), "bold $accent"), description)
                for keys, description in self.rows
            ]
            yield Static(Content("\n").join(lines), id="help-keys")
