"""Schema version, shape checks and migrations of the data file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

SCHEMA_VERSION = 1
META = "meta"

TABLES = (
    "meta", "settings", "blocks", "marks", "goals", "templates", "contacts",
    "interactions", "meetings", "sessions", "reviews",
)


# The fields each record needs to be built at all, with their JSON types; the
# rest have defaults. Checked at open so a damaged document is refused with a
# clear line instead of failing later on screen.
REQUIRED: dict[str, dict[str, type | tuple[type, ...]]] = {
    "contacts": {"name": str},
    "interactions": {"contact_id": int, "at": str},
    "meetings": {"at": str},
    "blocks": {"channel": str, "day": str},
    "marks": {"block_id": int, "day": str, "state": str},
    "sessions": {"channel": str, "started": str},
    "goals": {"week": str},
    "reviews": {"day": str},
    "templates": {"name": str},
}


def shape_problem(data: Any) -> str | None:
    """Why `data` is not a TinyDB database we can use, or None when it is."""
    if not isinstance(data, dict):
        return f"expected a JSON object of tables, found a JSON {type(data).__name__}"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table {name!r} is not a JSON object"
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()):  # "²".isdigit() is True
                return f"table {name!r} has a document id {doc_id!r} that is not a number"
            if not isinstance(doc, dict):
                return f"document {doc_id} of table {name!r} is not a JSON object"
    return None


def _instant(value: Any) -> bool:
    """An ISO 8601 date and time with its offset, as every stored instant is."""
    try:
        return datetime.fromisoformat(value).utcoffset() is not None
    except (TypeError, ValueError):
        return False


def _day(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _clock(value: Any) -> bool:
    try:
        time.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _maybe(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or value == "" or check(value)


def _pauses(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and _instant(p[0]) and _maybe(_instant)(p[1])
        for p in value
    )


# Values the app computes with, beyond their JSON type: a bad one would crash a
# screen or `prize status` later, so it is refused at open like a bad type.
VALUES: dict[str, dict[str, Callable[[Any], bool]]] = {
    "contacts": {"follow_up": _maybe(_day), "created": _maybe(_day)},
    "interactions": {"at": _instant},
    "meetings": {"at": _instant},
    "blocks": {"day": _day, "start": _clock},
    "marks": {"day": _day},
    "sessions": {"started": _instant, "ended": _maybe(_instant), "pauses": _pauses},
    "reviews": {"day": _day},
}


def record_problem(data: dict) -> str | None:
    """A document missing a field its record needs, or holding a value the app cannot
    use (checked after migrations)."""
    for name, fields in REQUIRED.items():
        table = data.get(name, {})
        for field, kind in fields.items():
            for doc_id, doc in table.items():
                value = doc.get(field)
                if not isinstance(value, kind) or isinstance(value, bool):
                    return (f"document {doc_id} of table {name!r} has no valid {field!r} "
                            f"(found {value!r:.40})")
    for name, checks in VALUES.items():
        table = data.get(name, {})
        for field, check in checks.items():
            for doc_id, doc in table.items():
                if field in doc and not check(doc[field]):
                    return (f"document {doc_id} of table {name!r} has an unusable {field!r} "
                            f"({doc[field]!r:.40})")
    return None


def schema_version(data: dict) -> int:
    """The file's schema version; a file with no meta table is version 0."""
    meta = data.get(META) or {}
    for doc in meta.values():
        version = doc.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool) and version >= 0:
            return version
        raise ValueError(f"schema_version {version!r} is not a whole number")
    return 0


def _v0_to_v1(data: dict) -> dict:
    # Version 0 (the first prototype) had no meta table and called a
    # contact's name "full_name"; stages were upper-case words.
    for doc in data.get("contacts", {}).values():
        if "full_name" in doc and "name" not in doc:
            doc["name"] = doc.pop("full_name")
        if isinstance(doc.get("stage"), str):
            doc["stage"] = doc["stage"].lower().replace("_", " ")
    data[META] = {"1": {"schema_version": 1}}
    return data


MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1}


def migrate(data: dict, version: int) -> dict:
    """Bring `data` from `version` up to SCHEMA_VERSION, one step at a time."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        next(iter(data[META].values()))["schema_version"] = version
    return data


def new_database() -> dict:
    return {META: {"1": {"schema_version": SCHEMA_VERSION}}}
