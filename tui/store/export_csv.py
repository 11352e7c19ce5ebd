"""CSV exports for a spreadsheet: the work-search log and the contacts list.

Both files are written with ``atomic_write`` (temp file, fsync, rename) and mode 0600,
as they hold personal data. They are UTF-8 with a BOM (so Excel reads accents), CRLF
line ends, a header row, and spreadsheet-safe cells: a cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return (after any leading spaces) is prefixed
with a single quote, so a spreadsheet shows it as text instead of running it as a
formula (``tui.model.spreadsheet.safe_cell``).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tui.model.blocks import Block
from tui.model.contacts import Contact, Interaction, Meeting, due_date, last_interaction_dates
from tui.model.spreadsheet import safe_cell
from tui.store.atomic import atomic_write

WORKLOG_COLUMNS = ("Date", "Employer", "Person contacted", "Method", "Position or purpose",
                   "Result")
METHODS = {
    "message": "online", "email": "online", "comment": "online",
    "call": "phone", "phone": "phone",
    "video": "video call",
    "in person": "in person",
}
APPLICATIONS = "Applications"


# -- CSV helpers ------------------------------------------------------------------


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """UTF-8 with BOM, CRLF, every cell made spreadsheet-safe."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


# -- work-search log ----------------------------------------------------------------


def _local(at: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return None
    return when.astimezone() if when.utcoffset() is not None else when


def _joined(*parts: str) -> str:
    return ": ".join(p for p in parts if p)


def worklog_rows(blocks: list[Block], marks: list, contacts: dict[int, Contact],
                 interactions: list[Interaction], meetings: list[Meeting], *,
                 start: date, end: date, now: datetime) -> list[list[str]]:
    """The rows of the log, sorted by date (then time of day), dates inclusive."""
    now = now if now.utcoffset() is not None else now.astimezone()
    keyed: list[tuple[tuple, list[str]]] = []

    def person(contact_id: int | None) -> tuple[str, str]:
        c = contacts.get(contact_id) if contact_id is not None else None
        return (c.company, c.name) if c else ("", "")

    for item in interactions:
        when = _local(item.at)
        if when is None or not start <= when.date() <= end:
            continue
        employer, name = person(item.contact_id)
        method = METHODS.get(item.kind, item.kind)
        purpose = _joined("Networking", item.channel)
        keyed.append(((when.date(), when.strftime("%H:%M"), 1),
                      [when.date().isoformat(), employer, name, method, purpose, item.note]))
    for meeting in meetings:
        when = _local(meeting.at)
        if when is None or not start <= when.date() <= end:
            continue
        employer, name = person(meeting.contact_id)
        aware = when if when.utcoffset() is not None else when.astimezone()
        result = "meeting held" if aware < now else "meeting scheduled"
        keyed.append(((when.date(), when.strftime("%H:%M"), 2),
                      [when.date().isoformat(), employer, name,
                       METHODS.get(meeting.kind, meeting.kind),
                       _joined("Networking meeting", meeting.place if meeting.kind == "in person"
                               else ""),
                       _joined(result, meeting.note)]))
    by_id = {b.id: b for b in blocks}
    for mark in marks:
        block = by_id.get(mark.block_id)
        if block is None or block.channel != APPLICATIONS or mark.state != "done":
            continue
        try:
            day = date.fromisoformat(mark.day)
        except (TypeError, ValueError):
            continue
        if not start <= day <= end:
            continue
        keyed.append(((day, block.start, 0),
                      [day.isoformat(), block.target, "", "online",
                       _joined("Application", block.activity), "application sent"]))
    keyed.sort(key=lambda k: k[0])
    return [row for _, row in keyed]


def export_worklog(repo, path: Path, *, start: date, end: date,
                   now: datetime | None = None) -> int:
    """Write the work-search log for `start`..`end` (inclusive); return the number of rows.

    Rows: interactions (method from their kind), meetings ("meeting held" before `now`,
    else "meeting scheduled") and occurrences of "Applications" blocks marked done
    (Employer = the block's target). Dates are local dates of the stored timestamps.
    """
    if end < start:
        raise ValueError("the log's end date is before its start date")
    contacts = {c.id: c for c in repo.contacts.all()}
    rows = worklog_rows(repo.blocks.all(), repo.marks.all(), contacts,
                        repo.interactions.all(), repo.meetings.all(),
                        start=start, end=end, now=now or datetime.now(UTC))
    atomic_write(Path(path), csv_bytes(WORKLOG_COLUMNS, rows))
    return len(rows)


# -- contacts CSV ------------------------------------------------------------------------

CONTACT_FIELDS = tuple(f.name for f in dataclasses.fields(Contact))
CONTACT_COLUMNS = (*CONTACT_FIELDS, "next_follow_up", "follow_up_status", "last_interaction")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _status(due: date | None, today: date) -> str:
    if due is None or due > today:
        return ""
    if due == today:
        return "due today"
    late = (today - due).days
    return f"overdue by {late} day{'s' if late > 1 else ''}"


def contact_rows(contacts: list[Contact], interactions: list[Interaction],
                 today: date) -> list[list[Any]]:
    last = last_interaction_dates(interactions)
    rows = []
    for c in contacts:
        seen = last.get(c.id)
        try:
            due = due_date(c, seen)
        except ValueError:  # a malformed stored date: leave the derived cell empty
            due = None
        rows.append([_cell(getattr(c, name)) for name in CONTACT_FIELDS]
                    + [due.isoformat() if due else "", _status(due, today),
                       seen.isoformat() if seen else ""])
    return rows


def export_contacts_csv(repo, path: Path, *, today: date) -> int:
    """Every contact (all fields, tags joined with "; "), then the derived next follow-up
    (``due_date``: hand-set date or cadence from the last interaction), its status on
    `today` ("overdue by N days", "due today" or empty) and the last interaction date.
    Returns the number of contacts written.
    """
    rows = contact_rows(repo.contacts.all(), repo.interactions.all(), today)
    atomic_write(Path(path), csv_bytes(CONTACT_COLUMNS, rows))
    return len(rows)
