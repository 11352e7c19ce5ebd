"""Write to a contact from a template: fill it, see the count against LinkedIn's
note limits, copy it, and log it as "reached out" in one key (ctrl+s)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui.model import contact_edits as edits
from tui.model.contacts import Contact, Interaction
from tui.model.instants import to_iso
from tui.model.outreach import SKELETONS, OutreachTemplate, count_line, fill, values_for
from tui.model.validation import printable
from tui.ui.app import PrizeApp, prize

NOTE_MAX = 120  # of the message, kept as the logged interaction's note


class OutreachScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    OutreachScreen { align: center middle; }
    OutreachScreen > Vertical { width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1; }
    OutreachScreen #templates { height: auto; max-height: 5; border: none; }
    OutreachScreen #shared { border: none; height: 1; padding: 0 1; background: $boost;
        margin-top: 1; }
    OutreachScreen #shared:focus { background: $accent 25%; }
    OutreachScreen #message { height: 7; margin-top: 1; }
    OutreachScreen #count { color: $text-muted; height: auto; }
    OutreachScreen #outreach-keys { color: $text-muted; height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "send", "Copy and log", priority=True,
                tooltip="Copy the message and log it as reached out"),
        Binding("ctrl+y", "copy", "Copy only", priority=True, tooltip="Copy the message"),
        Binding("escape", "close", "Close", priority=True),
    ]

    def __init__(self, contact: Contact):
        super().__init__()
        self.contact = contact
        self.templates: list[OutreachTemplate] = list(SKELETONS)
        self.filled = ""  # the text last filled in: typed changes are kept over it

    @property
    def prize(self) -> PrizeApp:
        return prize(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(f"Write to {printable(self.contact.name)[:40]}"
                                 + (f" · {printable(self.contact.company)[:30]}"
                                    if self.contact.company else "")), id="outreach-title")
            yield OptionList(*self._options(), id="templates")
            yield Input(placeholder="{shared}: what you have in common (both at Columbia…)",
                        id="shared", select_on_focus=False)
            yield TextArea(id="message", soft_wrap=True)
            yield Static(id="count", markup=False)
            yield Static("tab next · ctrl+s copy and log as reached out · ctrl+y copy only · "
                         "escape close", id="outreach-keys", markup=False)

    def _options(self) -> list[Option]:
        return [Option(Content(("★ " if t.own else "") + printable(t.name)), id=str(i))
                for i, t in enumerate(self.templates)]

    def on_mount(self) -> None:
        templates = self.query_one("#templates", OptionList)
        templates.highlighted = 0
        templates.focus()
        self._load_own()

    @work(thread=True, group="outreach-templates")
    def _load_own(self) -> None:
        from tui.store.outreach_files import load_templates

        own, problems = load_templates()
        self.app.call_from_thread(self._add_own, own, problems)

    def _add_own(self, own: list[OutreachTemplate], problems: list[str]) -> None:
        if not self.is_attached:
            return
        for problem in problems:
            self.notify(problem, severity="warning", markup=False)
        if own:
            listing = self.query_one("#templates", OptionList)
            start = len(self.templates)
            self.templates += own
            listing.add_options(self._options()[start:])

    @property
    def template(self) -> OutreachTemplate:
        index = self.query_one("#templates", OptionList).highlighted or 0
        return self.templates[min(index, len(self.templates) - 1)]

    def _refill(self, force: bool = False) -> None:
        message = self.query_one("#message", TextArea)
        if not force and message.text != self.filled:
            return  # the person edited it: theirs stays
        c = self.contact
        shared = self.query_one("#shared", Input).value
        self.filled = fill(self.template.text, values_for(c.name, c.company, c.role, shared))
        message.load_text(self.filled)
        self._count()

    def _count(self) -> None:
        self.query_one("#count", Static).update(count_line(self.text))

    @property
    def text(self) -> str:
        return self.query_one("#message", TextArea).text.strip()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._refill(force=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#shared", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#message", TextArea).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._count()

    def action_copy(self) -> None:
        if self.text:
            self.app.copy_to_clipboard(self.text)
            self.notify(f"Copied ({len(self.text)} characters).")

    def action_send(self) -> None:
        """Copy, and log a message to the contact (stage at least reached out)."""
        text = self.text
        if not text:
            self.notify("Nothing to copy: pick a template or type the message.")
            return
        self.app.copy_to_clipboard(text)
        app, c = self.prize, self.contact
        note = f"{self.template.name}: {text}"
        interaction = Interaction(contact_id=c.id, at=to_iso(app.now().astimezone()),
                                  channel=c.channel or "LinkedIn", kind="message",
                                  note=note if len(note) <= NOTE_MAX else note[:NOTE_MAX - 1]
                                  + "…")
        from tui.store.queries import interactions_of

        current = app.repo.contacts.get(c.id) if c.id is not None else None
        if current is not None:
            app.apply(edits.log_interaction(current, interaction, interactions_of(app.repo, c.id),
                                            app.today()))
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
