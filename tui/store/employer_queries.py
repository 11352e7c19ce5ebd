"""The LAMP list and each working employer's 3B7 step, read from the repository.

Built when asked (the Employers view, the review, `prize employers`), never at
open: one pass over the contacts' company fields, then the history of the
people at the five working employers only, through the contact indexes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from tui.model.employers import EmployerRow, Person, employer_rows
from tui.model.three_b_seven import Step, Touch, routine, touch_of_interaction
from tui.store.indexes import as_is
from tui.store.queries import interactions_of, meetings_of

_PERSON = ("name", "company", "roles", "priority")


@dataclass
class EmployerLine:
    row: EmployerRow
    steps: list[Step]  # the 3B7 steps of a working employer, most urgent first; else []

    @property
    def status(self) -> str:
        if self.steps and self.steps[0].kind == "advocate":
            return "advocate found"
        return "working" if self.row.working else ""

    @property
    def next_step(self) -> str:
        return self.steps[0].text if self.steps else ""


def people_of(repo, ids) -> list[Person]:
    """The contacts of these ids as the employer list needs them (read field by field:
    no contact record is built)."""
    found = []
    for i in ids:
        fields = repo.contacts.fields_of(i, _PERSON)
        if fields is not None:
            name, company, roles, priority = fields
            found.append(Person(i, name, company or "", tuple(roles or ()), priority or 0))
    return found


def fill_people(repo, row: EmployerRow) -> EmployerRow:
    if len(row.people) != len(row.ids):
        row.people = people_of(repo, row.ids)
    return row


_rows: list = [None, []]  # (what they were built from) and the rows


def rows_of(repo) -> list[EmployerRow]:
    """The LAMP list, kept until the contacts or the employers change: the contacts
    are grouped by the company index each edit keeps current (no contact read)."""
    key = (id(repo), repo.contacts.version, repo.employers.version)
    if _rows[0] != key:
        companies = repo.contacts.index("company", as_is)
        _rows[:] = key, employer_rows(repo.employers.all(), companies)
    return _rows[1]


def _day(at: str, tz: tzinfo | None) -> date:
    when = datetime.fromisoformat(at)
    if when.tzinfo is None:
        when = when.astimezone()
    return when.astimezone(tz).date()


def touches_of(repo, person_ids, tz: tzinfo | None = None) -> list[Touch]:
    found: list[Touch] = []
    for contact_id in person_ids:
        for item in interactions_of(repo, contact_id):
            touch = touch_of_interaction(contact_id, _day(item.at, tz), item.kind)
            if touch is not None:
                found.append(touch)
        found += [Touch(contact_id, _day(m.at, tz), True) for m in meetings_of(repo, contact_id)]
    return found


def employer_lines(repo, today: date, tz: tzinfo | None = None) -> list[EmployerLine]:
    """Every employer in LAMP order, with its 3B7 steps when it is worked."""
    lines = []
    for row in rows_of(repo):
        steps: list[Step] = []
        if row.working:
            fill_people(repo, row)
            steps = routine(row.people, touches_of(repo, row.ids, tz), today)
        lines.append(EmployerLine(row, steps))
    return lines


def due_steps(repo, today: date, tz: tzinfo | None = None) -> list[tuple[EmployerRow, Step]]:
    """Today's 3B7 steps across the working employers (the review lists them first)."""
    return [(line.row, step) for line in employer_lines(repo, today, tz)
            for step in line.steps if step.is_due(today)]


def employer_table(repo, today: date, tz: tzinfo | None = None) -> list[dict]:
    """The LAMP list as plain values, for `prize employers`."""
    from tui.model.validation import printable

    return [{"employer": printable(line.row.name), "motivation": line.row.motivation,
             "posting": line.row.posting, "advocacy": line.row.advocacy,
             "status": line.status, "next_step": line.next_step,
             "working": line.row.working}
            for line in employer_lines(repo, today, tz)]
