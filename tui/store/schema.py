"""Schema version, shape checks and migrations of the data file."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

import orjson

from tui.model.plan import MAX_BACKUP_DAYS
from tui.store import packed

SCHEMA_VERSION = 3
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
            if not packed.is_doc_id(doc_id):  # "²".isdigit() is True; "012" would clash with "12"
                return f"table {name!r} has a document id {doc_id!r:.30} that is not a number"
            if not isinstance(doc, dict):
                return f"document {doc_id} of table {name!r} is not a JSON object"
    return _foreign_problem(data)


def _foreign_problem(data: dict) -> str | None:
    """Another program's TinyDB file: no meta table, none of Prize's tables, and
    documents in the others. Opening it as schema 0 would migrate it, that is
    rewrite a file Prize never wrote."""
    if META in data or any(name in TABLES for name in data):
        return None
    full = [name for name, table in data.items() if table]
    if not full:
        return None  # `{}` or empty tables: nothing to damage
    names = ", ".join(repr(n[:40]) for n in full[:5]) + (", …" if len(full) > 5 else "")
    return f"it holds the tables of another program ({names}) and none of Prize's"


def repeated_key_problem(raw: bytes, data: Any, canonical: bytes | None = None) -> str | None:
    """A key written twice in one JSON object of `raw` (say a document id twice in a
    table), or None. JSON readers keep the last one, so the first would vanish
    silently at the next save.

    `data` is what orjson read from `raw`. A file Prize wrote is `data` encoded
    again, which proves it has no repeated key for the cost of one encode (~4 ms
    at 10k contacts); `canonical` is that encoding when it is not the data file's
    layout. Any other file is parsed again, ~100 ms at 10k contacts.
    """
    if raw == canonical if canonical is not None else _as_prize_writes(raw, data):
        return None
    repeats: dict[int, tuple[dict, str]] = {}  # id -> (object kept alive, key)

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    repeats[id(obj)] = (obj, key)
                    break
                seen.add(key)
        return obj

    try:
        top = json.loads(raw, object_pairs_hook=pairs_hook)
    except (ValueError, RecursionError):
        return None  # orjson read it; nothing more can be said here
    if not repeats:
        return None
    return _where_repeated(top, {i: key for i, (_, key) in repeats.items()})


def _as_prize_writes(raw: bytes, data: Any) -> bool:
    """`raw` is `data` as Prize writes a data file: an object whose tables, in order,
    are each compact orjson (the big ones one document per line), with only
    whitespace between them. Tables are compared
    in place (no copy of the file); any table order and line layout will do."""
    if not isinstance(data, dict):
        return False
    pos = _blank(raw, 0)
    if not raw.startswith(b"{", pos):
        return False
    pos += 1
    for i, (name, table) in enumerate(data.items()):
        pos = _blank(raw, pos)
        if i:
            if not raw.startswith(b",", pos):
                return False
            pos = _blank(raw, pos + 1)
        key = orjson.dumps(name) + b":"
        if not raw.startswith(key, pos):
            return False
        pos += len(key)
        # A big table one document per line as Prize writes it, or compact.
        body = b"".join(packed.encode(table)) if raw.startswith(b"{\n", pos) \
            else orjson.dumps(table)
        if not raw.startswith(body, pos):
            return False
        pos += len(body)
    pos = _blank(raw, pos)
    return raw.startswith(b"}", pos) and _blank(raw, pos + 1) == len(raw)


def _blank(raw: bytes, pos: int) -> int:
    while pos < len(raw) and raw[pos] in b" \t\r\n":
        pos += 1
    return pos


def _where_repeated(top: Any, repeated: dict[int, str]) -> str:
    if id(top) in repeated:
        return f"the table {repeated[id(top)]!r:.60} appears twice"
    for name, table in top.items() if isinstance(top, dict) else ():
        if id(table) in repeated:
            return f"table {name!r:.60} has document id {repeated[id(table)]:.20} twice"
        for doc_id, doc in table.items() if isinstance(table, dict) else ():
            if id(doc) in repeated:
                return (f"document {doc_id:.20} of table {name!r:.60} has the field "
                        f"{repeated[id(doc)]!r:.60} twice")
    return f"the key {next(iter(repeated.values()))!r:.60} appears twice in one JSON object"


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


def _days(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_BACKUP_DAYS


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
    "meetings": {"at": _instant, "booked": _maybe(_instant)},
    "blocks": {"day": _day, "start": _clock},
    "marks": {"day": _day},
    "sessions": {"started": _instant, "ended": _maybe(_instant), "pauses": _pauses},
    "reviews": {"day": _day},
    "settings": {"backup_days": _days},
}


def record_problem(data: dict) -> str | None:
    """A document missing a field its record needs, or holding a value the app cannot
    use (checked after migrations)."""
    for name in dict.fromkeys([*REQUIRED, *VALUES]):
        for doc_id, doc in data.get(name, {}).items():
            if problem := document_problem(name, doc_id, doc):
                return problem
    return None


def document_problem(table: str, doc_id: str, doc: dict) -> str | None:
    """What makes one document of `table` unusable, or None."""
    for field, kind in REQUIRED.get(table, {}).items():
        value = doc.get(field)
        if not isinstance(value, kind) or isinstance(value, bool):
            return (f"document {doc_id} of table {table!r} has no valid {field!r} "
                    f"(found {value!r:.40})")
    for field, check in VALUES.get(table, {}).items():
        if field in doc and not check(doc[field]):
            return (f"document {doc_id} of table {table!r} has an unusable {field!r} "
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


def _v1_to_v2(data: dict) -> dict:
    # Version 2 stamps every record for merging copies (stamps.py). What was there
    # before has no known time ("c": 0) and a birth taken from what identifies it,
    # so the copies of one file upgraded on two machines match record by record.
    from tui.store.stamps import STAMPS, birth

    for name, table in data.items():
        if name in (META, "tombstones", "conflicts") or not isinstance(table, dict):
            continue
        required = tuple(REQUIRED.get(name, {}))
        for doc_id, doc in table.items():
            if isinstance(doc, dict) and STAMPS not in doc:
                doc[STAMPS] = {"c": 0, "b": birth(name, doc_id, doc, required)}
    return data


def _v2_to_v3(data: dict) -> dict:
    # Version 3 records when each meeting was booked ("booked"), so a meeting counts
    # as booked in the week it was booked, not the week it takes place. An older
    # record was booked when it was created (its stamp's "c", in UTC), or at its own
    # start if that is earlier (logged after it took place); a record older than
    # stamps ("c": 0) falls back to its start: booked in the week it takes place.
    from datetime import UTC

    for doc in (data.get("meetings") or {}).values():
        if not isinstance(doc, dict) or doc.get("booked"):
            continue
        created = (doc.get("_s") or {}).get("c") if isinstance(doc.get("_s"), dict) else None
        booked = doc.get("at") if isinstance(doc.get("at"), str) else ""
        if isinstance(created, int) and not isinstance(created, bool) and created > 0:
            try:
                made = datetime.fromtimestamp(created / 1000, UTC).replace(microsecond=0)
                if made < datetime.fromisoformat(booked):  # logged after it took place
                    booked = made.isoformat()
            except (OverflowError, OSError, ValueError, TypeError):
                pass
        doc["booked"] = booked
    return data


MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: dict, version: int) -> dict:
    """Bring `data` from `version` up to SCHEMA_VERSION, one step at a time."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        next(iter(data[META].values()))["schema_version"] = version
    return data


def new_database() -> dict:
    return {META: {"1": {"schema_version": SCHEMA_VERSION}}}
