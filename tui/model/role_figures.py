"""Conversations in a period counted by the role of the person (SPEC §3.11):
career coaches measure the way to an offer in conversations with decision
makers (about 25, Orville Pierson), not in hours.

A conversation is counted as the metrics count it: a call, video or in-person
interaction on a day of the period, and a meeting held then (not twice for one
person on one day).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, tzinfo

from tui.model.contacts import Interaction, Meeting
from tui.model.period_figures import GoalFigure, PeriodMetrics
from tui.model.plan import GOAL_KINDS
from tui.model.roles import ROLES

TALKED = frozenset({"call", "video", "in person"})
DECISION_MAKERS = "decision_makers"  # the goal's key (GOAL_KINDS)


def _instant(at: str, tz: tzinfo | None) -> datetime | None:
    """Stored ISO text as an aware time (without an offset: read in `tz`, as
    metrics.py reads it); None if damaged."""
    try:
        when = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz) if tz else when.astimezone()
    return when


def _local_day(at: str, tz: tzinfo | None) -> date | None:
    when = _instant(at, tz)
    return None if when is None else when.astimezone(tz).date()


def conversations_by_role(interactions: Iterable[Interaction], meetings: Iterable[Meeting],
                          roles: Mapping[int, Sequence[str]], start: date, end: date,
                          now: datetime, tz: tzinfo | None = None) -> dict[str, int]:
    """Each role (ROLES order) → conversations that period with people of that role;
    a person with two roles counts for both. Roles with none are left out."""
    talked: set[tuple[int, date]] = set()
    for item in interactions:
        day = _local_day(item.at, tz)
        if item.kind in TALKED and day is not None and start <= day <= end:
            talked.add((item.contact_id, day))
    seen = set(talked)
    events = list(talked)
    for m in meetings:
        when = _instant(m.at, tz)
        day = None if when is None else when.astimezone(tz).date()
        if m.contact_id is None or day is None or not start <= day <= end:
            continue
        # Held once it began (a time without an offset is in `tz`, as for its day).
        if when.timestamp() <= now.timestamp() and (m.contact_id, day) not in seen:
            seen.add((m.contact_id, day))
            events.append((m.contact_id, day))
    counts = dict.fromkeys(ROLES, 0)
    for contact_id, _ in events:
        for role in roles.get(contact_id, ()):
            if role in counts:
                counts[role] += 1
    return {role: n for role, n in counts.items() if n}


def with_roles(m: PeriodMetrics, by_role: dict[str, int]) -> PeriodMetrics:
    """The metrics with the conversations by role and the decision-maker goal's figure."""
    goals = dict(m.goals)
    if DECISION_MAKERS in goals:
        figure = goals[DECISION_MAKERS]
        goals[DECISION_MAKERS] = GoalFigure(figure.kind, figure.label, figure.goal,
                                            by_role.get("decision maker", 0))
    return dataclasses.replace(m, goals=goals, conversations_by_role=by_role)


assert DECISION_MAKERS in GOAL_KINDS
