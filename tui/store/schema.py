"""Schema version, shape checks and migrations of the data file."""

from __future__ import annotations

from collections.abc import Callable
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


def record_problem(data: dict) -> str | None:
    """A document missing a field its record needs (checked after migrations)."""
    for name, fields in REQUIRED.items():
        table = data.get(name, {})
        for field, kind in fields.items():
            for doc_id, doc in table.items():
                value = doc.get(field)
                if not isinstance(value, kind) or isinstance(value, bool):
                    return (f"document {doc_id} of table {name!r} has no valid {field!r} "
                            f"(found {value!r:.40})")
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
