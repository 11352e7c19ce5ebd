"""The contact form: raw text in, a contact out (the interaction, meeting and
follow-up forms are in `history_forms`).

Every function validates every field at once and raises ValidationError
({field: reason}) so the form can show each reason beside its field; nothing
is built half-way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tui.model.contacts import Contact, Stage
from tui.model.dates import parse_date
from tui.model.roles import parse_roles, roles_text
from tui.model.validation import NAME_MAX, NOTES_MAX, clean_text, collect

CADENCE_HINT = "say how often: 14, every 14 days, every 2 weeks; empty = no cadence"
# Notes may hold line breaks (imports do); a one-line field shows them as this mark.
NEWLINE_MARK = " ⏎ "


def pick(text: str, choices: tuple[str, ...], what: str) -> str:
    """The choice typed, or the only one it starts; `in-person`, `In_Person` count too."""
    s = " ".join(re.sub(r"[_-]", " ", text.lower()).split())
    if s in choices:
        return s
    found = [c for c in choices if c.startswith(s)] if s else []
    if len(found) == 1:
        return found[0]
    raise ValueError(f"{what} is one of: {', '.join(choices)}")


def parse_stage(text: str) -> Stage:
    return Stage(pick(text, tuple(s.value for s in Stage), "the stage"))


def parse_cadence(text: str) -> int | None:
    """`14`, `14d`, `every 14 days`, `every 2 weeks`, `weekly` → days (1–365); empty → None."""
    s = " ".join(text.lower().split())
    if not s or s in ("none", "no", "never"):
        return None
    s = {"weekly": "every week", "daily": "every day", "monthly": "every 30 days"}.get(s, s)
    m = re.fullmatch(r"(?:every ?)?(\d+)? ?(d|days?|w|wks?|weeks?)?", s)
    if not m or not (m[1] or m[2]):
        raise ValueError(CADENCE_HINT)
    if m[1] and len(m[1]) > 4:
        raise ValueError("a cadence is 1 to 365 days")
    days = int(m[1] or 1) * (7 if m[2] and m[2].startswith("w") else 1)
    if not 1 <= days <= 365:
        raise ValueError("a cadence is 1 to 365 days")
    return days


def cadence_text(days: int | None) -> str:
    if not days:
        return ""
    if days % 7 == 0 and days > 7:
        return f"every {days // 7} weeks"
    return "every week" if days == 7 else "every day" if days == 1 else f"every {days} days"


def parse_email(text: str) -> str:
    s = clean_text(text, max_len=NAME_MAX, label="email")
    if not s:
        return s
    local, at, domain = s.partition("@")
    if not at or not local or "@" in domain or " " in s or "." not in domain.strip(".")[1:]:
        raise ValueError("not an email address: try ann@example.com")
    if domain.startswith(".") or domain.endswith("."):
        raise ValueError("not an email address: try ann@example.com")
    return s


def parse_url(text: str) -> str:
    s = clean_text(text, max_len=500, label="the link")
    if any(ch.isspace() for ch in s):
        raise ValueError("a link has no spaces")
    return s


def parse_phone(text: str) -> str:
    s = clean_text(text, max_len=60, label="phone")
    if s and not re.fullmatch(r"[0-9+()./ x-]*[0-9][0-9+()./ x-]*", s.replace("ext", "x")):
        raise ValueError("a phone number holds digits, spaces and + ( ) - . only")
    return s


def parse_tags(text: str) -> list[str]:
    """`fintech, Paris , fintech` → ["fintech", "Paris"] (comma separated, no repeats)."""
    tags: dict[str, str] = {}
    for part in text.split(","):
        tag = clean_text(part, max_len=60, label="a tag")
        if tag:
            tags.setdefault(tag.casefold(), tag)
    if len(tags) > 50:
        raise ValueError("keep it to 50 tags")
    return list(tags.values())


def parse_priority(text: str) -> int:
    s = text.strip()
    if not s:
        return 0
    if not re.fullmatch(r"\d", s) or int(s) > 3:
        raise ValueError("priority is 0 (none) to 3 (highest)")
    return int(s)


def notes_from_field(text: str) -> str:
    lines = text.replace(NEWLINE_MARK, "\n").replace(NEWLINE_MARK.strip(), "\n")
    return clean_text(lines, max_len=NOTES_MAX, multiline=True, label="notes")


# -- contact -------------------------------------------------------------------


@dataclass(frozen=True)
class ContactInput:
    """What the contact form typed, as raw text."""

    name: str = ""
    company: str = ""
    role: str = ""
    industry: str = ""
    location: str = ""
    channel: str = ""
    url: str = ""
    email: str = ""
    phone: str = ""
    tags: str = ""
    priority: str = "0"
    stage: str = Stage.TARGET.value
    next_action: str = ""
    follow_up: str = ""
    cadence: str = ""
    notes: str = ""
    roles: str = ""


def contact_input(contact: Contact) -> ContactInput:
    return ContactInput(
        name=contact.name, company=contact.company, role=contact.role,
        industry=contact.industry, location=contact.location, channel=contact.channel,
        url=contact.url, email=contact.email, phone=contact.phone, tags=", ".join(contact.tags),
        priority=str(contact.priority), stage=contact.stage, next_action=contact.next_action,
        follow_up=contact.follow_up or "", cadence=cadence_text(contact.cadence_days),
        notes=contact.notes.replace("\n", NEWLINE_MARK), roles=roles_text(contact.roles),
    )


def contact_from_input(form: ContactInput, today: date, base: Contact | None = None) -> Contact:
    def text(value: str, label: str, max_len: int = NAME_MAX):
        return lambda: clean_text(value, max_len=max_len, label=label)

    values = collect({
        "name": lambda: clean_text(form.name, required=True, max_len=NAME_MAX, label="the name"),
        "company": text(form.company, "company"),
        "role": text(form.role, "role"),
        "industry": text(form.industry, "industry"),
        "location": text(form.location, "location"),
        "channel": text(form.channel, "channel", 60),
        "url": lambda: parse_url(form.url),
        "email": lambda: parse_email(form.email),
        "phone": lambda: parse_phone(form.phone),
        "tags": lambda: parse_tags(form.tags),
        "priority": lambda: parse_priority(form.priority),
        "stage": lambda: parse_stage(form.stage or Stage.TARGET.value).value,
        "next_action": text(form.next_action, "next action", 500),
        "follow_up": lambda: parse_date(form.follow_up, today).isoformat()
        if form.follow_up.strip() else None,
        "cadence": lambda: parse_cadence(form.cadence),
        "notes": lambda: notes_from_field(form.notes),
        "roles": lambda: parse_roles(form.roles),
    })
    values["cadence_days"] = values.pop("cadence")
    if base is None:
        return Contact(**values, source="manual", created=today.isoformat())
    return base.replace(**values)
