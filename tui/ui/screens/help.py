"""The help screen, generated from the live bindings so it can never drift from them.

Prize's keys come first; the keys Textual (the toolkit) binds on its own, such as
copying selected text or a list's page keys, follow in one short section at the end,
so they do not read as Prize's. A few of Textual's are Prize's keys too (README:
`tab`, `shift+tab`, `ctrl+p`): those are listed with Prize's, in Prize's words.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
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
TOOLKIT_TITLE = "Also, keys of Textual, the toolkit Prize is built with:"

# Textual's bindings that are Prize's keys too, by action, in Prize's words.
ADOPTED = {
    "app.focus_next": "Next pane (or field)",
    "app.focus_previous": "Previous pane (or field)",
    "command_palette": "Command palette: every action by name",
}


def declared_by_prize(active: ActiveBinding) -> bool:
    """Whether the binding comes from one of Prize's classes: the most derived class
    of the node that declares it is in the `tui` package (not in `textual`)."""
    binding = active.binding
    for cls in type(active.node).__mro__:
        declared = Binding.make_bindings(cls.__dict__.get("BINDINGS", ()))
        if any(b.key == binding.key and b.action == binding.action for b in declared):
            return cls.__module__.startswith("tui.")
    return False  # added by Textual itself (the command palette's key)


def binding_rows(screen: Screen, *, prizes: bool = True) -> list[tuple[str, str]]:
    """(keys, description) for every binding active on `screen`, once each: Prize's
    (and the adopted ones), or with `prizes=False` the rest, Textual's own."""
    seen: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        adopted = ADOPTED.get(binding.action)
        if (declared_by_prize(active) or adopted is not None) != prizes:
            continue
        description = adopted or binding.tooltip or binding.description or binding.action
        label = binding.key_display or screen.app.get_key_display(binding)
        seen.setdefault(description, [])
        if label not in seen[description]:
            seen[description].append(label)
    return [(" ".join(keys), description) for description, keys in seen.items()]


def toolkit_line(rows: list[tuple[str, str]]) -> Content:
    """Textual's keys as one wrapped paragraph: `^c copy selected text · ⏎ select`."""
    parts = []
    for keys, description in rows:
        parts.append(Content.assemble((keys, "bold"), " ", description.rstrip(".").lower()))
    return Content(" · ").join(parts)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80%; max-width: 90; height: 80%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    HelpScreen .intro { margin-bottom: 1; }
    HelpScreen #help-toolkit-keys { margin-top: 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, under: Screen):
        super().__init__()
        self.rows = binding_rows(under)
        self.toolkit_rows = binding_rows(under, prizes=False)

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
            if self.toolkit_rows:
                yield Static(Content("\n").join([Content(TOOLKIT_TITLE),
                                                 toolkit_line(self.toolkit_rows)]),
                             id="help-toolkit-keys")
