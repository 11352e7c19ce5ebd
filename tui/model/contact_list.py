"""The contact list's rows, prepared once per data change for search and sort.

One `Entry` per contact, holding only what filtering and sorting need (at 10k
contacts every field kept here costs ~0.5 MiB): a key in the search box then
only filters these, which keeps it fast. The text a row shows is read from the
repository when the row is drawn (contacts_pane.py).
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from tui.model.contacts import PIPELINE, Contact, Stage, due_date

# What the list needs of each contact, read without building 10k Contact records.
LIST_FIELDS = ("id", "name", "company", "role", "stage", "next_action", "tags", "notes",
               "follow_up", "cadence_days", "created")
ListedContact = namedtuple("ListedContact", LIST_FIELDS)  # noqa: PYI024
TAG = "\x1f"  # before each tag in an entry's haystack (never typed: a control character)
SORTS = ("due", "name", "company", "stage")
STAGE_ORDER = {s.value: i for i, s in enumerate((*PIPELINE, Stage.DORMANT))}


class Entry(NamedTuple):
    """One contact, prepared for filtering and sorting: only what they need
    (at 10k contacts every field kept here costs ~0.5 MiB). A tuple: made in
    C, 30k of them from the open cache take ~3 ms, not ~18 as a dataclass."""

    key: int
    stage: str
    due: date | None
    # Casefolded: name, company, role and notes one per line, then each tag after
    # a TAG mark. One string: a tuple of tags per contact would cost ~1.5 MiB.
    hay: str

    @property
    def tags(self) -> list[str]:
        return self.hay.split(TAG)[1:]

    @property
    def name(self) -> str:
        return self.hay.partition("\n")[0]

    @property
    def company(self) -> str:
        return self.hay.split("\n", 2)[1]

    @property
    def sort_due(self) -> tuple:
        due = self.due
        return (0, due.toordinal(), self.name) if due is not None else (1, 0, self.name)


def build_entries(contacts: Iterable[ListedContact | Contact], last_seen: dict[int, date],
                  ) -> list[Entry]:
    entries = []
    stages: dict[str, str] = {}  # one string per stage, not one per contact
    for c in contacts:
        # (a line break in a name would move the company: one line each, whatever was imported)
        one_line = (f.replace("\n", " ") for f in (c.name, c.company, c.role))
        text = "\n".join((*one_line, c.notes.replace(TAG, " ")))
        hay = TAG.join((text, *(t.replace(TAG, " ") for t in c.tags))).casefold()
        if "\x00" in hay:  # (the open cache keeps the texts apart with it)
            hay = hay.replace("\x00", " ")
        entries.append(Entry(c.id, stages.setdefault(c.stage, c.stage),
                             due_date(c, last_seen.get(c.id)), hay))
    return entries


def sort_entries(entries: list[Entry], mode: str) -> list[Entry]:
    keys = {
        "due": lambda e: e.sort_due,
        "name": lambda e: (e.name, e.sort_due),
        "company": lambda e: (e.company == "", e.company, e.name),
        "stage": lambda e: (STAGE_ORDER.get(e.stage, 99), e.sort_due),
    }
    return sorted(entries, key=keys[mode])


_TOKEN = re.compile(r'(\w+):"([^"]*)"?|(\w+):(\S*)|(\S+)')


def search_filter(query: str, today: date):
    """A predicate for one search text; free words must all appear, filters all hold."""
    checks = []
    for m in _TOKEN.finditer(query.casefold()):
        key = m[1] or m[3]
        value = " ".join(re.sub(r"[_-]", " ", m[2] if m[1] else m[4] or "").split())
        if key == "stage" and value:
            exact = {s.value for s in Stage if s.value == value}
            stages = exact or {s.value for s in Stage if s.value.startswith(value)}
            checks.append(lambda e, stages=stages: e.stage in stages)
        elif key == "tag" and value:
            checks.append(lambda e, v=value: any(v in t for t in e.tags))
        elif key == "company" and value:
            checks.append(lambda e, v=value: v in e.company)
        elif key in ("stage", "tag", "company"):
            continue  # still typing the value
        elif m[0] == "due":
            checks.append(lambda e: e.due is not None and e.due <= today)
        else:
            checks.append(lambda e, w=m[0]: w in e.hay)
    return checks


def _words(query: str) -> list[tuple[str, bool]]:
    """Each search token, and whether it is a free word (matched in the text)."""
    return [(m[0], m[5] is not None and m[0] != "due")
            for m in _TOKEN.finditer(query.casefold())]


def narrows(before: str, after: str) -> bool:
    """Whether every entry `after` keeps, `before` keeps too, surely: a free word
    typed on, or a word added. Then `after` filters `before`'s rows, not all
    30k. Anything else (a filter's value, `du` becoming `due`) is not assumed."""
    if not after.startswith(before):
        return False
    old, new = _words(before), _words(after)
    if not old:
        return True
    if len(new) < len(old) or old[:-1] != new[:len(old) - 1]:
        return False
    (word, free), (typed_on, still_free) = old[-1], new[len(old) - 1]
    return free and still_free and word in typed_on


class Filtered(NamedTuple):
    """The rows a search shows, and what they were filtered from (for the next key)."""

    query: str
    source: list[Entry]  # the entries, sorted: a new list at each change of the data
    today: date
    rows: list[Entry]
    due: int  # of all the entries, due by today


def filter_entries(source: list[Entry], query: str, today: date,
                   last: Filtered | None = None) -> Filtered:
    """`source` filtered by `query`; from `last`'s rows where the query only
    narrows it (a name typed letter by letter: each key filters fewer rows)."""
    same = last is not None and last.source is source and last.today == today
    rows = last.rows if same and narrows(last.query, query) else source
    for check in search_filter(query, today):
        rows = [e for e in rows if check(e)]
    due = last.due if same else sum(1 for e in source if e.due is not None and e.due <= today)
    return Filtered(query, source, today, rows, due)
