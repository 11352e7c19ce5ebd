"""The JSON backup: the whole data set to one file, and back into a new data file.

``export_json`` writes it and ``import_json`` reads it back. The file is written
with ``atomic_write`` (temp file, fsync, rename) and mode 0600, as it holds personal
data. Format version 1 (``export_data``)::

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

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact, Interaction, Meeting
from tui.model.employer_record import Employer
from tui.model.plan import DailyReview, Settings, Template, WeekGoals
from tui.model.sessions import FocusSession
from tui.store import schema
from tui.store.atomic import atomic_write

FORMAT = "prize-export"
FORMAT_VERSION = 1
RECORD_CLASSES: dict[str, type] = {
    "blocks": Block, "marks": BlockMark, "goals": WeekGoals, "templates": Template,
    "contacts": Contact, "interactions": Interaction, "meetings": Meeting,
    "sessions": FocusSession, "reviews": DailyReview, "employers": Employer,
}
TABLES = tuple(RECORD_CLASSES)


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
