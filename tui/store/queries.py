"""Figures computed from the whole repository, shared by the review screen and `prize report`.

Each reads only what its period needs: a day's figures out of a year of data
build a few hundred records, not 30,000 (the review opens in a blink).
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime, timedelta, tzinfo

from tui.model.contacts import Contact, Interaction, Meeting, followups, latest_dates
from tui.model.metrics import CONVERSATION_KINDS, SLACK, period_metrics
from tui.model.period_figures import PeriodMetrics
from tui.model.plan import goals_in_force
from tui.model.week_dates import iso_week_label
from tui.store.indexes import as_is, day_of
from tui.store.spans import (
    between,
    blocks_between,
    marks_between,
    meetings_between,
    sessions_between,
)

_Due = namedtuple("_Due", "id name follow_up cadence_days created")


_Created = namedtuple("_Created", "created")  # what the figures read of a new contact


def records_for(repo, first: date, last: date, *, by_kind: bool = False) -> dict:
    """What the figures of the days `first` to `last` read, as `period_metrics`
    takes it: the plan whole, and the marks, conversations, meetings and new
    contacts of those days (with the slack a stored offset needs). One period's
    figures or many periods' within it (the trends' weeks) read the same lists:
    `period_metrics` keeps what falls in its own period. Only calls, video and in
    person interactions count (as conversations); `by_kind` builds only those,
    through an index of kinds: worth its first build (every interaction read)
    over weeks of interactions, not for a day's few."""
    lo, hi = (first - SLACK).isoformat(), (last + SLACK).isoformat()
    talks = None
    with repo.lock:  # (the indexes read here are patched by a merge in the save thread)
        if by_kind:
            kinds = repo.interactions.index("kind", as_is)
            talks = {i for kind in CONVERSATION_KINDS for i in kinds.get(kind, ())}
        created = [_Created(day) for day, ids in repo.contacts.index("created", day_of).items()
                   if day and first.isoformat() <= day <= last.isoformat() for _ in ids]
    return {
        "blocks": blocks_between(repo, lo, hi),
        "marks": marks_between(repo, lo, hi),
        "sessions": sessions_between(repo, lo, hi),
        "interactions": between(repo.interactions, "at", lo, hi, only=talks),
        "meetings": meetings_between(repo, lo, hi),
        # Of a new contact, the figures read the day it was created: read from the
        # index, no contact is built.
        "contacts": created,
    }


def metrics_for(repo, start: date, days: int, *, tz: tzinfo, now: datetime,
                records: dict | None = None) -> PeriodMetrics:
    """Metrics for `days` days from `start`, against the goals of the week containing
    `start`; from `records` when given (`records_for` of days that hold the period)."""
    goals = goals_in_force(repo.goals.all(), iso_week_label(start))
    if records is None:
        records = records_for(repo, start, start + timedelta(days=days - 1))
    m = period_metrics(start, days, **records, goals=goals, tz=tz, now=now)
    from tui.store.role_queries import add_roles

    return add_roles(repo, m, records["interactions"], records["meetings"], tz=tz, now=now)


def interactions_of(repo, contact_id: int) -> list[Interaction]:
    """A contact's interactions, in the order they were logged, through an index
    that each edit keeps current (no reading of 20k interactions per log)."""
    ids = repo.interactions.index("contact_id", as_is).get(contact_id, ())
    return repo.interactions.get_many(ids)


def meetings_of(repo, contact_id: int) -> list[Meeting]:
    ids = repo.meetings.index("contact_id", as_is).get(contact_id, ())
    return repo.meetings.get_many(ids)


def last_seen_of(repo, contact_ids, tz: tzinfo | None = None) -> dict[int, date]:
    """`last_seen` for these contacts only: after an edit of one contact's
    history, its row is rebuilt without reading every interaction."""
    if _last_seen[0] == (repo.interactions.version, tz):
        seen = _last_seen[1]
        return {i: seen[i] for i in contact_ids if i in seen}
    by_contact = repo.interactions.index("contact_id", as_is)
    at_of = repo.interactions.field_of
    return latest_dates(((i, at) for i in contact_ids for item in by_contact.get(i, ())
                         if (at := at_of(item, "at"))), tz)


_last_seen: list = [None, {}]  # (interactions version, zone) and what it gave


def last_seen(repo, tz: tzinfo | None = None) -> dict[int, date]:
    """Each contact's last interaction date, kept until the interactions change:
    the contact list and the review's follow-ups read it after every edit."""
    key = (repo.interactions.version, tz)
    if _last_seen[0] != key:
        _last_seen[:] = key, latest_dates(repo.interactions.values("contact_id", "at"), tz)
    return _last_seen[1]


def followups_due(repo, today: date) -> tuple[list[tuple[date, int]], list[tuple[date, int]]]:
    """(overdue, due today) as (follow-up date, contact id), oldest first, then by
    name: the contact list's own entries and order (contact_index.py), in the
    machine's zone, read without building a record or reading a name."""
    pairs = repo.contact_index.due_by(today)
    return [p for p in pairs if p[0] < today], [p for p in pairs if p[0] == today]


def followups_for(repo, today: date, *, tz: tzinfo | None = None,
                  ) -> tuple[list[tuple[date, Contact]], list[tuple[date, Contact]]]:
    """(overdue, due today) as `contacts.followups`, building only the due contacts."""
    from dateutil.tz import tzlocal

    def records(pairs):
        pairs = list(pairs)
        found = {c.id: c for c in repo.contacts.get_many(key for _, key in pairs)}
        return [(when, found[key]) for when, key in pairs if key in found]

    if tz is None or isinstance(tz, tzlocal):
        overdue, due_today = followups_due(repo, today)
        return records(overdue), records(due_today)
    rows = (_Due(*row) for row in repo.contacts.values(*_Due._fields))
    overdue, due_today = followups(rows, last_seen(repo, tz), today)
    return records((when, row.id) for when, row in overdue), \
        records((when, row.id) for when, row in due_today)
