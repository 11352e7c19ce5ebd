"""The 3B7 routine for one employer (Steve Dalton, "The 2-Hour Job Search").

Reach one person there. After 3 business days without a reply, try the next
person (chosen by role, then priority). After 7 business days, follow up once
with the first. A reply or a meeting from anyone there ends it: an advocate
found. Everything is derived from the contacts' history, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tui.model.business_days import add_business_days, business_days_between
from tui.model.employers import Person
from tui.model.roles import try_rank
from tui.model.validation import printable

TRY_NEXT = 3  # business days without a reply before the next person
FOLLOW_UP = 7  # business days before the one follow-up
OUTREACH_KINDS = frozenset({"message", "email"})  # we wrote to them
REPLY_KINDS = frozenset({"reply", "call", "video", "in person"})  # they answered


@dataclass(frozen=True)
class Touch:
    """One event with a person: `reply` True when they answered (or met)."""

    contact_id: int
    day: date
    reply: bool


@dataclass(frozen=True)
class Step:
    """Where the routine stands at one employer, and what to do.

    `kind`: "advocate", "reach" (no one reached yet), "next" (3 days), "follow"
    (7 days), "wait", "find" (no one (else) to try). `due` is the day the step
    is to be done; None when there is nothing to do there.
    """

    kind: str
    text: str
    due: date | None = None
    contact_id: int | None = None
    reached: str = ""  # the first person reached
    days: int = 0  # business days since they were reached

    def is_due(self, today: date) -> bool:
        return self.due is not None and self.due <= today


def touch_of_interaction(contact_id: int, day: date, kind: str) -> Touch | None:
    if kind in REPLY_KINDS:
        return Touch(contact_id, day, True)
    if kind in OUTREACH_KINDS:
        return Touch(contact_id, day, False)
    return None


def next_to_try(people: Iterable[Person], tried: set[int]) -> Person | None:
    """The person to try next: by role (alumni, insider, peer, decision maker,
    recruiter, none), then priority (highest first), then name."""
    left = [p for p in people if p.id not in tried]
    return min(left, key=lambda p: (try_rank(p.roles), -p.priority, p.name.casefold(), p.id),
               default=None)


def routine(people: list[Person], touches: Iterable[Touch], today: date) -> list[Step]:
    """The steps at one employer, the most urgent first; never empty."""
    names = {p.id: printable(p.name) for p in people}
    touches = sorted((t for t in touches if t.contact_id in names),
                     key=lambda t: (t.day, t.contact_id))
    advocate = next((t for t in touches if t.reply), None)
    if advocate is not None:
        name = names[advocate.contact_id]
        return [Step("advocate", f"advocate found: {name}", None, advocate.contact_id)]
    first: dict[int, date] = {}
    outreach_days: dict[int, set[date]] = {}
    for t in touches:
        first.setdefault(t.contact_id, t.day)
        outreach_days.setdefault(t.contact_id, set()).add(t.day)
    if not first:
        best = next_to_try(people, set())
        if best is None:
            return [Step("find", "find someone to reach there")]
        return [Step("reach", f"reach out to {names[best.id]}", today, best.id)]
    order = sorted(first, key=lambda i: (first[i], i))
    lead = order[0]
    lead_days = business_days_between(first[lead], today)
    steps: list[Step] = []
    for contact_id in order:
        if len(outreach_days[contact_id]) == 1:
            due = add_business_days(first[contact_id], FOLLOW_UP)
            if due <= today:
                steps.append(Step("follow", f"follow up with {names[contact_id]} "
                                  f"({FOLLOW_UP} business days)", due, contact_id,
                                  names[lead], lead_days))
    latest = order[-1]
    latest_days = business_days_between(first[latest], today)
    try_due = add_business_days(first[latest], TRY_NEXT)
    following = next_to_try(people, set(first))
    if try_due <= today:
        if following is not None:
            steps.append(Step("next", f"try {names[following.id]} next ({TRY_NEXT} business "
                              f"days, no reply from {names[latest]})", try_due, following.id,
                              names[lead], lead_days))
        elif not steps:
            steps.append(Step("find", f"no reply from {names[latest]}: find someone else "
                              "to reach there", None, None, names[lead], lead_days))
    if not steps:
        steps.append(Step("wait", f"wait for {names[latest]}: {latest_days} of {TRY_NEXT} "
                          "business days", try_due, latest, names[lead], lead_days))
    steps.sort(key=lambda s: (s.due or date.max, s.kind != "next"))
    return steps
