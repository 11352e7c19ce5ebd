"""Contact roles read through an index each edit keeps current: the review and
the report count a period's conversations by role without reading 10,000 contacts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo

from tui.model.contacts import Interaction, Meeting
from tui.model.period_figures import PeriodMetrics
from tui.model.role_figures import conversations_by_role, with_roles


def roles_key(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else ()


def roles_of(repo) -> dict[int, tuple[str, ...]]:
    """Contact id → its roles, for the contacts that have any."""
    groups = repo.contacts.index("roles", roles_key)
    return {i: roles for roles, ids in groups.items() if roles for i in ids}


def add_roles(repo, m: PeriodMetrics, interactions: Iterable[Interaction],
              meetings: Iterable[Meeting], *, tz: tzinfo, now: datetime) -> PeriodMetrics:
    roles = roles_of(repo)
    if not roles:
        return m
    return with_roles(m, conversations_by_role(interactions, meetings, roles, m.start, m.end,
                                               now, tz))
