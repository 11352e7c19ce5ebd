"""One contact in full: fields, next action, cadence, next follow-up, meetings and
the interaction timeline (newest first). Shown beside the list when the Contacts
pane is wide, or as a modal (`v`) when it is not.

Every piece of user text goes through `printable` into a Content object, so a
name like `[bold]Ann` or one holding an escape sequence shows as typed.
"""

from __future__ import annotations

from datetime import date, datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.model.contacts import Contact, Interaction, Meeting, due_date, follow_up_words
from tui.model.dates import format_duration
from tui.model.validation import printable

LABEL = "$text-muted"
LABEL_WIDTH = 10


def _when(at: str, today: date) -> str:
    """`Fri 14 Aug 09:05`, with the year when it is not this year's."""
    local = datetime.fromisoformat(at).astimezone()
    return f"{local:%a %d %b %Y %H:%M}" if local.year != today.year else f"{local:%a %d %b %H:%M}"


def detail_content(contact: Contact, interactions: list[Interaction], meetings: list[Meeting],
                   today: date, *, limit: int | None = None) -> Content:
    """The whole contact as lines; `limit` keeps the newest interactions only."""
    from tui.model.contact_forms import cadence_text  # (2 ms: not before the first frame)

    lines: list[Content] = []

    def field(label: str, value: str) -> None:
        if value:
            lines.append(Content.assemble((label.ljust(LABEL_WIDTH), LABEL), printable(value)))

    stars = "★" * contact.priority
    lines.append(Content.assemble((printable(contact.name), "bold"), f"  {stars}" if stars else ""))
    where = " · ".join(printable(x) for x in (contact.role, contact.company) if x)
    if where:
        lines.append(Content(where))
    last = max((datetime.fromisoformat(i.at).astimezone().date() for i in interactions),
               default=None)
    field("Stage", contact.stage)
    field("Follow-up", follow_up_words(due_date(contact, last), today))
    field("Cadence", cadence_text(contact.cadence_days) or "none")
    if contact.follow_up:
        field("Set for", date.fromisoformat(contact.follow_up).strftime("%a %d %b %Y"))
    field("Next", contact.next_action)
    field("Last", f"{last:%a %d %b %Y}" if last else "never contacted")
    field("Industry", contact.industry)
    field("Location", contact.location)
    field("Channel", contact.channel)
    field("Link", contact.url)
    field("Email", contact.email)
    field("Phone", contact.phone)
    field("Tags", ", ".join(contact.tags))
    field("Roles", ", ".join(contact.roles))
    field("Source", contact.source + (f", added {contact.created}" if contact.created else ""))
    if contact.notes:
        field("Notes", contact.notes.replace("\n", " ⏎ "))
    if meetings:
        lines.append(Content.styled("Meetings", "bold"))
        for m in sorted(meetings, key=lambda m: m.at, reverse=True):
            mark = "☎" if datetime.fromisoformat(m.at).astimezone().date() >= today else "✓"
            extra = " · ".join(printable(x) for x in (m.place, m.note) if x)
            head = f" {mark} {_when(m.at, today)} {m.kind} {format_duration(m.minutes)}"
            lines.append(Content(head + (f" · {extra}" if extra else "")))
    if interactions:
        lines.append(Content.styled(f"Interactions ({len(interactions)}, newest first)", "bold"))
    else:
        lines.append(Content.styled("No interaction logged yet (l logs one)", LABEL))
    ordered = sorted(interactions, key=lambda i: i.at, reverse=True)
    for item in ordered[:limit] if limit else ordered:
        parts = " · ".join(printable(x) for x in (item.channel, item.note) if x)
        head = f" {_when(item.at, today)} {item.kind}"
        lines.append(Content(head + (f" · {parts}" if parts else "")))
    if limit and len(ordered) > limit:
        lines.append(Content.styled(f" … {len(ordered) - limit} older (v shows all)", LABEL))
    return Content("\n").join(lines)


class ContactDetail(Static):
    """The detail panel beside the list (not focusable: the list keeps the keys)."""

    DEFAULT_CSS = """
    ContactDetail {
        width: 40%; height: 1fr; padding: 0 0 0 1; margin-left: 1;
        border-left: vkey $panel-lighten-2; overflow: hidden;
    }
    """

    def show(self, contact: Contact | None, interactions: list[Interaction],
             meetings: list[Meeting], today: date) -> None:
        if contact is None:
            self.update(Content.styled("No contact selected.", LABEL))
            return
        self.update(detail_content(contact, interactions, meetings, today, limit=12))


class ContactDetailScreen(ModalScreen[None]):
    """`v`: the selected contact in full, scrollable; escape, v or q closes."""

    DEFAULT_CSS = """
    ContactDetailScreen { align: center middle; }
    ContactDetailScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ContactDetailScreen #detail-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,v,q", "dismiss", "Close")]

    def __init__(self, content: Content):
        super().__init__()
        self.content = content

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "Contact"
            yield Static(self.content, id="detail-body")
            yield Static("↑↓ scroll · escape closes", id="detail-keys")
