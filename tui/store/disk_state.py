"""The data file as Prize last read or wrote it, to notice another program's change.

A sync tool or another machine may replace the file while Prize runs; Prize
must then refuse to write rather than overwrite it (SPEC §4).
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

Digest = list[tuple[int, int]]  # (length, CRC-32) of each part of the file, in order


def fingerprint(st: os.stat_result) -> tuple[int, int, int, int]:
    # The change time too: a same-size rewrite in place that keeps the old mtime
    # (cp -p, rsync --inplace -t) still moves it.
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def digest_of(raw: bytes, like: Digest) -> Digest:
    """(length, CRC-32) of `raw` cut into parts of the lengths in `like`."""
    view, digest, at = memoryview(raw), [], 0
    for length, _ in like:
        digest.append((length, zlib.crc32(view[at:at + length])))
        at += length
    return digest if at == len(raw) else []


def read_with_stat(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the stat of that same open file (no window between)."""
    with open(path, "rb") as file:
        return file.read(), os.fstat(file.fileno())


class DiskState:
    """Fingerprint (inode, size, mtime, ctime) and digest of the file last seen."""

    def __init__(self, st: os.stat_result | None = None, digest: Digest | None = None,
                 absent: bool = False):
        self.fingerprint = fingerprint(st) if st is not None else None
        self.digest = digest or []
        self.absent = absent  # the file was seen missing (a sync tool moved it away)

    @classmethod
    def of_bytes(cls, st: os.stat_result, raw: bytes) -> DiskState:
        return cls(st, [(len(raw), zlib.crc32(raw))])

    def changed(self, path: Path) -> bool:
        """Whether the file is no longer what was last read or written."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return not self.absent
        found = fingerprint(st)
        if found == self.fingerprint:
            return False
        if self.fingerprint is not None and found[:3] == self.fingerprint[:3] \
                and self._same_bytes(path):
            # Only the change time moved (chmod, a hard link, a sync tool's
            # extended attributes): the bytes are ours, nothing to protect.
            self.fingerprint = found
            return False
        return True

    def _same_bytes(self, path: Path) -> bool:
        # A rare check (only the change time moved): read the file once.
        try:
            raw = path.read_bytes()
        except OSError:
            return False
        return bool(self.digest) and digest_of(raw, self.digest) == self.digest
