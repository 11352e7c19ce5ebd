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

import codecs
import contextlib
import os
import time
import zlib
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import platformdirs

from tui.store import schema
from tui.store.atomic import write_cache_file
from tui.store.disk_state import Digest, digest_of
from tui.store.indexes import as_is, day_of, role_set
from tui.store.packed import BIG, LENGTHS, PackedTable
from tui.store.paths import APP, file_key

FORMAT = 4  # of the cache; a cache in another format is ignored
# The index keys kept, by name.
KEYS = {"as_is": as_is, "day_of": day_of, "role_set": role_set, "bool": bool}
LAYOUT = {"ids": "q", "lens": LENGTHS, "tree": LENGTHS}  # a packed table's arrays, by type
HEADER_READ = 1 << 16  # the header is a few KB (the file's digest, where each part lies)
ENTRY_ARRAYS = ("keys", "due", "order", "stage")  # ContactIndex.dump, with these two:
ENTRY_JSON, ENTRY_TEXT = "stage_names", "hay"
TEXT_SEPARATOR = "\x00"  # between the search texts (never in one: build_entries)
TEXT_READ = 1 << 18  # bytes of texts read and decoded at a time


def cache_path(data_path: Path) -> Path:
    """One cache per data file, named by a hash of its full path."""
    return Path(platformdirs.user_cache_dir(APP, appauthor=False)) / "open" / \
        f"{file_key(data_path)}.cache"


def zone() -> str:
    # Derived dates (a contact's last interaction day) are local dates.
    return repr((os.environ.get("TZ"), time.tzname, time.timezone, time.altzone))


class Kept:
    """An open cache that fits the file: its parts, each checked by its own
    CRC-32 when first read (a damaged part is as good as absent)."""

    def __init__(self, path: Path, header: dict, base: int):
        self._path, self._base = path, base  # where the parts start in the file
        self._parts: dict[str, list[int]] = header["parts"]
        self._ascending: dict[str, bool] = header["ascending"]
        self.digest: Digest = [(int(length), int(crc)) for length, crc in header["digest"]]

    def part(self, name: str) -> bytes | None:
        """One part, read from the file when asked for: at 30k contacts the whole
        cache is 9 MB, of which the first frame needs a third."""
        where = self._parts.get(name)
        if not (isinstance(where, list) and len(where) == 3):
            return None
        at, length, crc = where
        try:
            with open(self._path, "rb") as file:
                part = os.pread(file.fileno(), length, self._base + at)
        except (OSError, ValueError, TypeError, OverflowError):
            return None
        # (a cache written again since by another Prize: its parts fail their check)
        return part if len(part) == length and zlib.crc32(part) == crc else None

    def layout(self, table: str) -> dict | None:
        """A packed table's arrays, as `packed_rows.kept` takes them, or None."""
        found: dict[str, Any] = {"ascending": self._ascending.get(table) is True}
        for name, code in LAYOUT.items():
            part, found[name] = self.part(f"layout {table} {name}"), array(code)
            if part is None or len(part) % found[name].itemsize:
                return None
            found[name].frombytes(part)
        return found

    def json(self, name: str) -> Any:
        """The JSON part `name`, parsed; None when it is missing or damaged."""
        part = self.part(name)
        try:
            return None if part is None else orjson.loads(part)
        except orjson.JSONDecodeError:
            return None

    def entries(self, texts: bool = True) -> dict | None:
        """The contact list's columns (ContactIndex.dump, its search texts split
        into a list, unless `texts` is False), read when the list is first asked
        for (`prize report` never asks); None when a part is bad."""
        found: dict[str, Any] = {ENTRY_JSON: self.json(f"entries {ENTRY_JSON}")}
        if texts:
            found[ENTRY_TEXT] = self.texts(f"entries {ENTRY_TEXT}", TEXT_SEPARATOR)
        for name in ENTRY_ARRAYS:
            part = self.part(f"entries {name}")
            if part is None or len(part) % 8:
                return None
            found[name] = array("q")
            found[name].frombytes(part)
        return None if None in found.values() else found

    def texts(self, name: str, separator: str) -> list[str] | None:
        """A part of UTF-8 texts kept apart by `separator`, read, checked and
        decoded a piece at a time: read whole, the part as bytes and as one
        string took ~4 MiB more at the peak than its texts (30k contacts)."""
        where = self._parts.get(name)
        if not (isinstance(where, list) and len(where) == 3):
            return None
        at, length, crc = where
        found: list[str] = []
        rest, check, done = "", 0, 0
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            with open(self._path, "rb") as file:
                while done < length:
                    piece = os.pread(file.fileno(), min(TEXT_READ, length - done),
                                     self._base + at + done)
                    if not piece:
                        return None
                    done += len(piece)
                    check = zlib.crc32(piece, check)
                    *whole, rest = (rest + decoder.decode(piece, final=done >= length)
                                    ).split(separator)
                    found.extend(whole)
        except (OSError, ValueError, TypeError, OverflowError):  # (a decode error is one)
            return None
        if check != crc:
            return None
        return [*found, rest] if length else []

    def has_entries(self) -> bool:
        """Whether the contact list's columns are kept (not when the run that
        wrote it never listed the contacts: a command, a demo written)."""
        return all(f"entries {name}" in self._parts
                   for name in (*ENTRY_ARRAYS, ENTRY_JSON, ENTRY_TEXT))

    def index_names(self) -> list[str]:
        return [name for name in self._parts if name.startswith("index ")]


def layouts(kept: Kept | None) -> dict | None:
    """The packed tables' layouts `kept` holds (None for a table whose part is
    damaged: its rows are then found by a search), or None without a cache."""
    return None if kept is None else {table: kept.layout(table) for table in BIG}


def read(data_path: Path, raw: bytes) -> Kept | None:
    """The cache written for exactly these bytes, or None."""
    path = cache_path(data_path)
    if not path.exists():
        _take_legacy(data_path, path)
    try:
        with open(path, "rb") as file:
            head = file.read(HEADER_READ)
        crc, _, rest = head.partition(b"\n")
        line, newline, _ = rest.partition(b"\n")
        if not newline or crc != b"%08x" % zlib.crc32(line):
            return None  # damaged (or written by hand): nothing in it can be trusted
        header = orjson.loads(line)
        if (header["format"], header["schema"], header["zone"]) != (
                FORMAT, schema.SCHEMA_VERSION, zone()) or \
                not isinstance(header["parts"], dict) or \
                not isinstance(header["ascending"], dict):
            return None
        kept = Kept(path, header, len(crc) + len(line) + 2)
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
    if not kept.digest or digest_of(raw, kept.digest) != kept.digest:
        return None
    return kept


def _take_legacy(data_path: Path, path: Path) -> None:
    """A cache kept under the name Prize gave it until December 2026 (a sha256 of
    the path, now zlib's: paths.file_key) takes the new name: the first start
    after the upgrade stays quick, and no file of names is left behind."""
    import hashlib

    name = hashlib.sha256(str(Path(data_path).resolve()).encode()).hexdigest()[:24]
    with contextlib.suppress(OSError):
        os.replace(path.with_name(f"{name}.cache"), path)


def snapshot(data: dict, indexes: dict[str, Any], entries: Any) -> tuple[dict, dict]:
    """What `write` keeps, as bytes taken now (under the repository's lock: edits
    change the arrays and groups in place): where the rows of `data`'s packed
    tables lie, `indexes` (part name → groups) and the contact list's `entries`."""
    parts: dict[str, bytes] = {}
    ascending = {}
    for table, packed in data.items():
        if table in BIG and isinstance(packed, PackedTable):  # (laid out in rows in the file)
            arrays = packed.layout()
            for name in LAYOUT:
                parts[f"layout {table} {name}"] = arrays[name].tobytes()
            ascending[table] = arrays["ascending"]
    if entries is not None:
        for name in ENTRY_ARRAYS:
            parts[f"entries {name}"] = entries[name].tobytes()
        parts[f"entries {ENTRY_JSON}"] = orjson.dumps(entries[ENTRY_JSON])
        parts[f"entries {ENTRY_TEXT}"] = TEXT_SEPARATOR.join(entries[ENTRY_TEXT]).encode()
    for name, groups in indexes.items():
        part = groups.raw() if isinstance(groups, LaterIndex) else \
            orjson.dumps(list(groups.items()))
        if part is not None:
            parts[name] = part
    return parts, ascending


def write(data_path: Path, digest: Digest, kept: tuple[dict, dict]) -> Kept | None:
    """Keep the `snapshot` taken of the file whose bytes have `digest`; the cache
    as written (None if it could not be)."""
    parts, ascending = kept
    if not digest:
        return None
    at, where = 0, {}
    for name, part in parts.items():
        where[name] = [at, len(part), zlib.crc32(part)]
        at += len(part)
    line = orjson.dumps({"format": FORMAT, "schema": schema.SCHEMA_VERSION, "zone": zone(),
                         "digest": digest, "parts": where, "ascending": ascending})
    path = cache_path(data_path)
    crc = b"%08x" % zlib.crc32(line)
    if not write_cache_file(path, [crc, b"\n", line, b"\n", *parts.values()]):
        return None
    return Kept(path, orjson.loads(line), len(crc) + len(line) + 2)


def forget(data_path: Path) -> None:
    with contextlib.suppress(OSError):
        cache_path(data_path).unlink(missing_ok=True)


# What the contact list and the review read at once, by table: (field, key).
DERIVED = {"interactions": (("at", day_of), ("contact_id", as_is), ("kind", as_is)),
           "meetings": (("at", day_of), ("booked", day_of)), "marks": (("day", day_of),),
           "contacts": (("created", day_of), ("roles", role_set)),
           "blocks": (("day", day_of), ("rrule", bool)),
           "sessions": (("ended", day_of), ("block_day", day_of))}


def derive(repo) -> list[tuple[Any, str, Callable, int]]:
    """Bring what the next open should find up to date: the contact list's
    entries and the indexes of DERIVED (each patched by edits once built).
    Gives the indexes it had to build, (collection, field, key, version), for
    the caller to let go of once they are kept."""
    repo.contact_index.entries()
    built = []
    for table, collection in repo.tables().items():
        for field, key in DERIVED.get(table, ()):
            if not collection.has_index(field, key):
                version = collection.version
                collection.index(field, key)
                built.append((collection, field, key, version))
    return built


def derived_in_hand(collections: dict) -> bool:
    """Whether every index of DERIVED is at hand (built, or kept and not parsed)."""
    return all(collections[table].has_index(field, key)
               for table, wanted in DERIVED.items() if table in collections
               for field, key in wanted)


def indexes_of(collections: dict) -> dict[str, Any]:
    """The current indexes of `collections` (table name → Collection) with a kept
    key, by part name ("index interactions at day_of"): groups, or a LaterIndex
    not parsed yet."""
    names = {key: name for name, key in KEYS.items()}
    return {f"index {table} {field} {names[key]}": groups
            for table, c in collections.items()
            for (field, key), groups in c.current_indexes().items() if key in names}


class LaterIndex:
    """An index part of a cache, read and parsed when first asked for."""

    def __init__(self, kept: Kept, name: str):
        self._kept, self._name = kept, name

    def raw(self) -> bytes | None:
        return self._kept.part(self._name)

    def __call__(self) -> dict | None:
        return _groups(self._kept.json(self._name))


def restore_indexes(collections: dict, kept: Kept,
                    versions: dict[str, int] | None = None) -> None:
    """Give `collections` the indexes `kept` holds, each parsed when first used
    (`versions`: of the tables the cache was taken of, when not as they are now)."""
    for name in kept.index_names():
        _, table, field, key = (name.split(" ") + ["", "", ""])[:4]
        collection = collections.get(table)
        if collection is not None and key in KEYS:
            collection.adopt_index_later(field, KEYS[key], LaterIndex(kept, name),
                                         (versions or {}).get(table))


def _groups(pairs: Any) -> dict | None:
    if not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and isinstance(p[1], list) for p in pairs):
        return None
    return {key: ids for key, ids in pairs}
