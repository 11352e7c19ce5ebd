"""What the last run knew of the data file, so that the next one opens it at once.

Opening 10k contacts the long way parses and checks every document (~200 ms),
then derives the contact list and the indexes the review reads (~150 ms more).
When Prize closes it writes, in the user cache folder, the file's digest (the
length and CRC-32 of each part it wrote, disk_state.py) with those derived
values. At the next open a file whose bytes have that digest is the very file
Prize wrote or checked: its rows are found without being parsed again, and the
list and indexes are taken as they were. Anything else (the other machine's
copy brought by a sync tool, a hand edit, a file restored from a backup) has
another digest and is read the long way. A cache that cannot be read or
written, or whose own checksum fails, is simply not used: it never decides
what the data is.

It holds contact names and notes, so it is private as the data file is
(mode 0600 in a folder of mode 0700).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
import zlib
from pathlib import Path
from typing import Any

import orjson
import platformdirs

from tui.store import schema
from tui.store.disk_state import Digest, digest_of
from tui.store.indexes import as_is, day_of
from tui.store.packed import PackedTable
from tui.store.paths import APP

FORMAT = 1  # of the cache; a cache in another format is ignored
KEYS = {"as_is": as_is, "day_of": day_of}  # the index keys kept, by name


def cache_path(data_path: Path) -> Path:
    """One cache per data file, named by a hash of its full path."""
    name = hashlib.sha256(str(Path(data_path).resolve()).encode()).hexdigest()[:24]
    return Path(platformdirs.user_cache_dir(APP, appauthor=False)) / "open" / f"{name}.json"


def zone() -> str:
    # Derived dates (a contact's last interaction day) are local dates.
    return repr((os.environ.get("TZ"), time.tzname, time.timezone, time.altzone))


def read(data_path: Path, raw: bytes) -> dict[str, Any] | None:
    """The cache written for exactly these bytes, or None."""
    try:
        kept = cache_path(data_path).read_bytes()
        crc, _, payload = kept.partition(b"\n")
        if crc != b"%08x" % zlib.crc32(payload):
            return None  # damaged (or written by hand): its layouts cannot be trusted
        cached = orjson.loads(payload)
        digest = [(int(length), int(crc)) for length, crc in cached["digest"]]
        if not isinstance(cached["layouts"], dict):
            return None
        if (cached["format"], cached["schema"], cached["zone"]) != (
                FORMAT, schema.SCHEMA_VERSION, zone()):
            return None
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
    if not digest or digest_of(raw, digest) != digest:
        return None
    return cached


def layouts_of(data: dict) -> dict[str, dict]:
    """Where the rows of `data`'s packed tables lie, as the file holds them."""
    return {name: table.layout() for name, table in data.items()
            if isinstance(table, PackedTable)}


def write(data_path: Path, digest: Digest, layouts: dict, indexes: dict,
          entries: list | None) -> None:
    """Keep what this run knows of the file whose bytes have `digest`."""
    if not digest:
        return
    path = cache_path(data_path)
    payload = orjson.dumps({"format": FORMAT, "schema": schema.SCHEMA_VERSION, "zone": zone(),
                            "digest": digest, "layouts": layouts, "indexes": indexes,
                            "entries": entries})
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            f.write(b"%08x\n" % zlib.crc32(payload))
            f.write(payload)
        os.replace(temp, path)  # no fsync: a cache lost in a crash is only a slower start
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


def forget(data_path: Path) -> None:
    with contextlib.suppress(OSError):
        cache_path(data_path).unlink(missing_ok=True)


# What the contact list and the review read at once, by table: (field, key).
DERIVED = {"interactions": (("at", day_of), ("contact_id", as_is)),
           "meetings": (("at", day_of),), "marks": (("day", day_of),),
           "contacts": (("created", day_of),)}


def derive(repo) -> None:
    """Bring what the next open should find up to date: the contact list's
    entries and the indexes of DERIVED (each patched by edits once built)."""
    repo.contact_index.entries()
    for table, collection in repo.tables().items():
        for field, key in DERIVED.get(table, ()):
            collection.index(field, key)


def indexes_of(collections: dict) -> dict[str, dict[str, list]]:
    """The current indexes of `collections` (table name → Collection) by a kept key."""
    names = {key: name for name, key in KEYS.items()}
    return {table: {f"{field} {names[key]}": list(groups.items())
                    for (field, key), groups in c.current_indexes().items() if key in names}
            for table, c in collections.items()}


def restore_indexes(collections: dict, dumped: dict) -> None:
    """Give `collections` back the indexes `indexes_of` kept."""
    for table, indexes in dumped.items():
        collection = collections.get(table)
        for name, pairs in indexes.items() if collection is not None else ():
            field, _, key = name.partition(" ")
            if key in KEYS:
                collection.adopt_index(field, KEYS[key], {k: ids for k, ids in pairs})
