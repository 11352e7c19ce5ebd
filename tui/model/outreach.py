"""Outreach messages: short skeletons in the person's own voice, with
placeholders, and a count against LinkedIn's connection-note limits.

Placeholders: {first_name}, {name}, {company}, {role}, {shared} (what the two
have in common, typed each time). A placeholder with nothing to put in stays as
written, so a message is never sent with a hole in it unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FREE_LIMIT = 200  # characters in a connection note, free LinkedIn account
PREMIUM_LIMIT = 300  # with Premium (and the limit of many InMail subject-less notes)
TEXT_MAX = 8000
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class OutreachTemplate:
    name: str
    text: str
    own: bool = False  # the person's, from the config folder


SKELETONS: tuple[OutreachTemplate, ...] = (
    OutreachTemplate(
        "coffee chat",
        "Hi {first_name}, {shared}. I'm exploring roles at {company} and would value your "
        "view of the team. Would you have 15 minutes for a call in the next two weeks?"),
    OutreachTemplate(
        "follow-up",
        "Hi {first_name}, following up on my note from last week: I know things get busy. "
        "If 15 minutes about {company} suits you in the coming weeks, I'd be grateful."),
    OutreachTemplate(
        "thank-you",
        "Thank you, {first_name}, for your time today. Your advice on {company} helped a "
        "lot; I'll follow up on what you suggested and let you know how it goes."),
)


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else ""


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each placeholder that has a value replaced; the rest left as written."""
    def one(match: re.Match) -> str:
        value = values.get(match[1], "")
        return value if value else match[0]

    return PLACEHOLDER.sub(one, text)


def values_for(name: str, company: str, role: str, shared: str) -> dict[str, str]:
    return {"first_name": first_name(name), "name": name, "company": company, "role": role,
            "shared": shared.strip().rstrip(".")}


def unfilled(text: str) -> list[str]:
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def count_line(text: str) -> str:
    """`187 characters · fits a free note (200) · Premium 300` or what is over, in words."""
    n = len(text.strip())
    if n <= FREE_LIMIT:
        fits = f"fits a free connection note ({FREE_LIMIT})"
    elif n <= PREMIUM_LIMIT:
        fits = f"{n - FREE_LIMIT} over a free note ({FREE_LIMIT}); fits Premium ({PREMIUM_LIMIT})"
    else:
        fits = f"{n - PREMIUM_LIMIT} over any connection note ({PREMIUM_LIMIT}): a message"
    holes = unfilled(text)
    missing = f" · fill in {', '.join('{' + h + '}' for h in holes)}" if holes else ""
    return f"{n} characters · {fits}{missing}"


def template_from_file(stem: str, content: str) -> OutreachTemplate | None:
    """One of the person's templates: a text file in the config folder's `outreach`
    folder, named by its file name; None when empty."""
    text = content.replace("\r\n", "\n").strip()
    if not text:
        return None
    return OutreachTemplate(" ".join(stem.replace("_", " ").split())[:60] or "mine",
                            text[:TEXT_MAX], own=True)
