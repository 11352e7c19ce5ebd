"""Exports to files (work-search log, contacts CSV, JSON backup) and the JSON import.

Every file is written with ``atomic_write`` (temp file, fsync, rename) and mode 0600:
exports hold personal data.

CSV files (``export_worklog``, ``export_contacts_csv``) are UTF-8 with a BOM (so Excel
reads accents), CRLF line ends, a header row, and spreadsheet-safe cells: a cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any leading
spaces) is prefixed with a single quote, so a spreadsheet shows it as text instead of
running it as a formula (``tui.model.spreadsheet.safe_cell``).

JSON export (``export_json``), format version 1::

    {
      "format": "prize-export",          # always this string
      "version": 1,                       # this layout; a reader refuses newer versions
      "exported_at": "2026-11-26T12:00:00+00:00",   # ISO 8601 with offset (UTC)
      "schema_version": 1,                # tui.store.schema.SCHEMA_VERSION of the documents
      "settings": {...},                  # the settings document (without id)
      "tables": {                         # every collection, each a list in stored order
        "blocks": [{"id": 1, "channel": "LinkedIn", ...}, ...],
        "marks": [...], "goals": [...], "templates": [...], "contacts": [...],
        "interactions": [...], "meetings": [...], "sessions": [...], "reviews": [...]
      }
    }

Each record is its stored document (the fields of the matching dataclass in
``tui.model``, dates and datetimes as ISO 8601 text) plus ``"id"``, the document id the
other records refer to (``contact_id``, ``block_id``, ``series_id``). ``import_json``
reads this shape back into an empty data file with the same ids; documents of an
older ``schema_version`` are migrated as the data file would be.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact, Interaction, Meeting, due_date, last_interaction_dates
from tui.model.plan import DailyReview, Settings, Template, WeekGoals
from tui.model.sessions import FocusSession
from tui.model.spreadsheet import safe_cell
from tui.store import schema
from tui.store.atomic import atomic_write

FORMAT = "prize-export"
FORMAT_VERSION = 1
RECORD_CLASSES: dict[str, type] = {
    "blocks": Block, "marks": BlockMark, "goals": WeekGoals, "templates": Template,
    "contacts": Contact, "interactions": Interaction, "meetings": Meeting,
    "sessions": FocusSession, "reviews": DailyReview,
}
TABLES = tuple(RECORD_CLASSES)

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


# -- JSON export and import -----------------------------------------------------------


def export_data(repo, *, now: datetime | None = None) -> dict[str, Any]:
    """The whole data set in the documented, versioned shape (a JSON-ready dict)."""
    tables = {}
    for name in TABLES:
        tables[name] = [{"id": r.id, **r.to_doc()} for r in getattr(repo, name).all()]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(),
        "schema_version": schema.SCHEMA_VERSION,
        "settings": repo.settings().to_doc(),
        "tables": tables,
    }


def export_json(repo, path: Path, *, now: datetime | None = None) -> dict[str, int]:
    """Write the JSON backup; return the number of records per table (settings: 1)."""
    data = export_data(repo, now=now)
    atomic_write(Path(path), orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    counts = {name: len(rows) for name, rows in data["tables"].items()}
    return {"settings": 1, **counts}


def _refuse(path: Path, reason: str) -> ValueError:
    return ValueError(f"{path} is not a Prize JSON export: {reason}")


def _read_export(path: Path) -> tuple[dict[str, list[tuple[int, dict]]], dict | None]:
    """Validate the file; return the documents per table (id, doc) and the settings."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise _refuse(path, "not valid JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refuse(path, f'no "format": "{FORMAT}" key')
    # A key written twice (an "id" in a hand-edited record) would silently keep the last.
    repeated = schema.repeated_key_problem(
        raw, data, orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    if repeated:
        raise _refuse(path, repeated)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refuse(path, f"bad format version {version!r}")
    if version > FORMAT_VERSION:
        raise ValueError(f"{path} was written by a newer Prize (export format {version}; "
                         f"this one reads up to {FORMAT_VERSION}); upgrade Prize")
    schema_version = data.get("schema_version")
    if not isinstance(schema_version, int) or isinstance(schema_version, bool) \
            or schema_version < 0:
        raise _refuse(path, f"bad schema_version {schema_version!r}")
    if schema_version > schema.SCHEMA_VERSION:
        raise ValueError(f"{path} holds data of a newer Prize (schema {schema_version}; "
                         f"this one reads up to {schema.SCHEMA_VERSION}); upgrade Prize")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise _refuse(path, '"tables" is not a JSON object')
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise _refuse(path, f"unknown table {unknown[0]!r}")
    settings = data.get("settings")
    if settings is not None and not isinstance(settings, dict):
        raise _refuse(path, '"settings" is not a JSON object')
    # The TinyDB shape, so that older documents go through the data file's migrations.
    db: dict[str, dict[str, dict]] = {schema.META: {"1": {"schema_version": schema_version}}}
    for name, rows in tables.items():
        if not isinstance(rows, list):
            raise _refuse(path, f"table {name!r} is not a JSON list")
        docs: dict[str, dict] = {}
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise _refuse(path, f"record {i + 1} of table {name!r} is not a JSON object")
            doc = dict(row)
            doc_id = doc.pop("id", None)
            if not isinstance(doc_id, int) or isinstance(doc_id, bool) or doc_id < 1:
                raise _refuse(path, f"record {i + 1} of table {name!r} has a bad id {doc_id!r}")
            if str(doc_id) in docs:
                raise _refuse(path, f"table {name!r} has id {doc_id} twice")
            docs[str(doc_id)] = doc
        db[name] = docs
    if settings is not None:
        db["settings"] = {"1": dict(settings)}
    db = schema.migrate(db, schema_version)
    found = {name: [(int(k), v) for k, v in db.get(name, {}).items()] for name in TABLES}
    migrated_settings = next(iter(db.get("settings", {}).values()), None)
    return found, migrated_settings


def _holds_data(repo) -> bool:
    return any(len(getattr(repo, name)) for name in TABLES)


def _put_back(collection, records: list) -> None:
    """Add `records` into an empty collection under their own ids, in one table rewrite."""
    if records:
        collection.restore_many(records)


def import_json(repo, path: Path, *, dry_run: bool) -> dict[str, int]:
    """Read a JSON export into an EMPTY repository, with the same ids; return the counts.

    Refuses (ValueError, one line) a file that is not a Prize export, one from a newer
    Prize, and a repository that already holds records. Everything is checked before
    anything is written, so nothing is imported half-way; the repository is flushed
    at the end. `dry_run` checks and counts without writing.
    """
    found, settings_doc = _read_export(Path(path))
    # The same value checks as opening a data file: nothing the app cannot use gets in.
    problem = schema.record_problem(
        {name: {str(i): doc for i, doc in found[name]} for name in TABLES})
    if problem:
        raise _refuse(Path(path), problem)
    if _holds_data(repo):
        raise ValueError(f"{repo.path} already holds data; "
                         "import a backup into a new file with --db")
    records: dict[str, list] = {}
    for name in TABLES:
        cls = RECORD_CLASSES[name]
        items = []
        for doc_id, doc in sorted(found[name], key=lambda item: item[0]):
            try:
                items.append(cls.from_doc(doc, doc_id))
            except TypeError as exc:
                raise _refuse(Path(path), f"record {doc_id} of table {name!r}: {exc}") from None
        records[name] = items
    settings = None
    if settings_doc is not None:
        try:
            settings = Settings.from_doc(settings_doc, 1)
        except TypeError as exc:
            raise _refuse(Path(path), f"settings: {exc}") from None
    counts = {name: len(items) for name, items in records.items()}
    counts = {"settings": 1 if settings is not None else 0, **counts}
    if dry_run:
        return counts
    if settings is not None:
        repo.save_settings(settings)
    for name in TABLES:
        _put_back(getattr(repo, name), records[name])
    repo.flush()
    return counts
