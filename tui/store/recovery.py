"""The journals of runs that died before their edits reached the file (journal.py),
taken in at the next open.

On the very file a journal's lines were made on, its documents are put back as
they were; on a file that changed since (a sync tool brought the other
machine's copy, or an upgrade migrated it), they are merged with it (merge.py).
A journal whose documents the file holds already is removed at once; one that
brought something, once the file holds it. Read-only, journals are only read.
A journal that cannot be read is named in the open's warnings and left alone:
it never stops the open.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import orjson

from tui.store import schema
from tui.store.disk_state import Digest, digest_of
from tui.store.journal import NEW, SUFFIX, Journal, fcntl, folder
from tui.store.paths import file_key

if TYPE_CHECKING:
    from tui.store.repository import Repository

SOURCE = "the edits not saved when Prize last stopped"


class Found(NamedTuple):
    """What a dead run's journal holds: the digest of the file its lines were
    made on, each document as the run last had it (None: removed), and the
    schema they are in."""

    base: Digest
    docs: dict[str, dict[str, dict | None]]
    version: int


def recover(repo: Repository, journal: Journal) -> None:
    found = orphans(repo.path)
    if not found:
        return
    try:
        raw = repo.path.read_bytes()
    except OSError:
        raw = b""
    adopted, replayed = [], False
    for where, fd in found:
        try:
            count, exact = _take_in(repo, edits_in(fd), raw, exact=not replayed)
        except Exception as exc:  # (a damaged journal must not stop the open)
            repo.report.warnings.append(
                f"edits kept in {where} could not be read ({exc}); the file stays there")
            os.close(fd)
            continue
        replayed |= exact
        if count:
            records = "record" if count == 1 else "records"
            repo.report.warnings.append(f"Recovered {count} {records} changed just before "
                                        "Prize last stopped, not yet saved to the file.")
            adopted.append((where, fd))
            continue
        if not repo.read_only:  # nothing the file lacks: done with
            with contextlib.suppress(OSError):
                where.unlink()
        os.close(fd)
    if repo.read_only:
        for _, fd in adopted:
            os.close(fd)
    else:
        journal.adopt(adopted, repo.generation)


def _take_in(repo: Repository, found: Found, raw: bytes, exact: bool) -> tuple[int, bool]:
    """(records it changed in memory, whether it was put back exactly)."""
    if found.version == schema.SCHEMA_VERSION:
        differing = _differing(repo, found.docs)
        if not differing:
            return 0, False  # (its run died after writing the file, before emptying this)
        if exact and found.base and digest_of(raw, found.base) == found.base:
            with repo.lock:  # (as a dead run had them: stamps and all, None removed)
                repo.absorb(found.docs, {name: list(t) for name, t in found.docs.items()})
            return sum(name in repo.tables() for name in differing), True
        news = repo.take(present(found.docs), SOURCE)
    else:
        news = repo.take(_migrated(found), SOURCE)
    return len(news.edit.changes), False


def _differing(repo: Repository, docs: dict[str, dict[str, dict | None]]) -> list[str]:
    """The table of each of these documents memory does not have as it is
    (None: absent)."""
    with repo.lock:
        data = repo.raw_data()
        return [name for name, table in docs.items() for i, doc in table.items()
                if (data.get(name) or {}).get(i) != doc]


def _migrated(found: Found) -> dict:
    """An older Prize's documents in this schema (a migration expects a whole
    file: one that cannot take a partial one refuses it, and the journal stays)."""
    data = present(found.docs)
    meta = next(iter(data.get(schema.META, {}).values()), {})
    data[schema.META] = {"1": {**meta, "schema_version": found.version}}
    try:
        data = schema.migrate(data, found.version)
    except Exception as exc:
        raise ValueError(f"its records cannot be brought to this schema ({exc})") from None
    if problem := schema.record_problem(data):
        raise ValueError(problem)
    return data


def orphans(data_path: Path) -> list[tuple[Path, int]]:
    """The journals of `data_path` whose Prize is gone, each locked: (path, fd).
    A journal a dead Prize was still making (its header alone) is removed."""
    if fcntl is None:
        return []
    prefix = file_key(data_path) + "."
    try:
        names = sorted(e.name for e in os.scandir(folder()) if e.name.startswith(prefix))
    except OSError:  # no journal folder yet: nothing to recover
        return []
    found = []
    for name in names:
        if not name.endswith((SUFFIX, SUFFIX + NEW)):
            continue
        path = folder() / name
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:  # taken in and removed by another Prize meanwhile
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # its Prize is running
            os.close(fd)
            continue
        if name.endswith(NEW):
            with contextlib.suppress(OSError):
                path.unlink()
            os.close(fd)
            continue
        found.append((path, fd))
    return found


def edits_in(fd: int) -> Found:
    """Read a journal, last line winning; reading stops at a line cut short by
    the crash (never confirmed). Raises ValueError for a journal that is not
    Prize's, or written by a newer one."""
    lines = _read_all(fd).split(b"\n")
    docs: dict[str, dict[str, dict | None]] = {}
    try:
        base, version = _header(orjson.loads(lines[0]))
    except orjson.JSONDecodeError:
        if len(lines) < 2 or not lines[1]:
            return Found([], docs, schema.SCHEMA_VERSION)  # a header cut short: no lines
        raise ValueError("not a Prize journal") from None
    for raw in lines[1:]:
        try:
            changed = orjson.loads(raw)["d"]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            break
        if not isinstance(changed, dict) or not all(isinstance(d, dict) for d in changed.values()):
            raise ValueError("a line of the journal is not Prize's")
        for name, table in changed.items():
            docs.setdefault(name, {}).update(table)
    kept = present(docs)
    # (With a meta table: tombstones alone are Prize's, not another program's tables.)
    problem = schema.shape_problem({schema.META: {}, **kept})
    if not problem and version == schema.SCHEMA_VERSION:
        problem = schema.record_problem(kept)
    if problem:
        raise ValueError(problem)
    return Found(base, docs, version)


def _header(header: object) -> tuple[Digest, int]:
    """(the base digest, the schema) a journal's first line gives."""
    if not isinstance(header, dict) or header.get("prize_journal") != 1:
        raise ValueError("not a Prize journal")
    version, base = header.get("schema"), header.get("file")
    if type(version) is not int or version < 0:
        raise ValueError("not a Prize journal")
    if version > schema.SCHEMA_VERSION:
        raise ValueError(f"written by a newer Prize (schema {version}); upgrade Prize")
    if not isinstance(base, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(type(n) is int for n in p) for p in base):
        raise ValueError("not a Prize journal")
    return [tuple(p) for p in base], version


def present(docs: dict[str, dict[str, dict | None]]) -> dict[str, dict[str, dict]]:
    """The documents as a (partial) database to merge: a removed one is left out,
    its tombstone says it."""
    return {name: {i: d for i, d in table.items() if d is not None}
            for name, table in docs.items()}


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)
