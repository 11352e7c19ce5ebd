"""Contact roles for a period's figures: only for the people the period's
conversations were with (a few per week), never by a pass over 10,000 contacts
at open, so the review and `prize report` open as fast as before roles existed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo

import orjson

from tui.model.contacts import Interaction, Meeting
from tui.model.metrics import SLACK
from tui.model.period_figures import PeriodMetrics
from tui.model.role_figures import TALKED, conversations_by_role, with_roles
from tui.store.indexes import role_set


def roles_of(repo, contact_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """Contact id → its roles, for those of `contact_ids` that have any.

    Through the index of role sets when it is at hand (kept by the open cache,
    patched by edits): reading each person's roles takes ~25 µs a contact,
    1,100 of them for the trends' 8 weeks. Without it (a file opened the long
    way) only these people are read: building it would read all 10,000."""
    wanted = set(contact_ids)
    contacts = repo.contacts
    if contacts.has_index("roles", role_set):
        with repo.lock:  # (a merge in the save thread may move someone meanwhile)
            return {i: tuple(orjson.loads(roles)) for roles, ids in
                    contacts.index("roles", role_set).items() if roles is not None
                    for i in ids if i in wanted}
    found: dict[int, tuple[str, ...]] = {}
    for contact_id in wanted:
        fields = contacts.fields_of(contact_id, ("roles",))
        if fields and isinstance(fields[0], list) and fields[0]:
            found[contact_id] = tuple(fields[0])
    return found


def add_roles(repo, m: PeriodMetrics, interactions: Iterable[Interaction],
              meetings: Iterable[Meeting], *, tz: tzinfo, now: datetime) -> PeriodMetrics:
    # Only the people talked with count (a week's messages are hundreds of people),
    # and only in the period: the trends pass each week the records of all their
    # weeks, and read each week's own people (8 weeks: 7,000 roles read -> 900).
    lo, hi = (m.start - SLACK).isoformat(), (m.end + SLACK).isoformat()
    interactions = [i for i in interactions if i.kind in TALKED and lo <= i.at[:10] <= hi]
    meetings = [x for x in meetings if lo <= x.at[:10] <= hi]
    people = [i.contact_id for i in interactions] + \
        [m.contact_id for m in meetings if m.contact_id is not None]
    roles = roles_of(repo, people)
    if not roles:
        return m
    return with_roles(m, conversations_by_role(interactions, meetings, roles, m.start, m.end,
                                               now, tz))
