"""Keep big buffers from pinning memory after they are freed (glibc only).

Reading a 10k-contact file allocates and frees megabytes: the file's bytes,
each document parsed to be checked, a table's buffer copied at an edit.
glibc raises its mmap threshold after the first big free, so later big
blocks come from the heap, where a freed one is not handed back: the
resident size creeps up edit after edit. A fixed threshold keeps every
block of 1 MiB or more in its own mapping, returned when freed, and
`malloc_trim(0)` hands back the free pages left after the load. Elsewhere
(macOS, musl, Windows) both do nothing.
"""

from __future__ import annotations

import sys
from functools import cache

M_MMAP_THRESHOLD = -3  # mallopt parameter (malloc.h)
BIG_BLOCK = 1 << 20


@cache
def _libc():
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # (here: a read-only look, `prize report`, never tunes memory: ~3 ms)

    try:
        libc = ctypes.CDLL(None)  # the C library already loaded
        libc.malloc_trim, libc.mallopt  # noqa: B018 (absent from musl)
    except (OSError, AttributeError):
        return None
    return libc


def keep_big_blocks_apart() -> None:
    libc = _libc()
    if libc is not None:
        libc.mallopt(M_MMAP_THRESHOLD, BIG_BLOCK)


def release_free_memory() -> None:
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
