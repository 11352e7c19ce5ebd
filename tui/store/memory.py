"""Give memory freed after a big read back to the system (glibc only).

Reading a 10k-contact file allocates and frees megabytes: the file's bytes,
each document parsed to be checked. glibc keeps most of that freed memory in
the process (its mmap threshold rises after the first big free, so later
blocks come from the heap, where holes are not returned), and the resident
size stays ~3–5 MiB above what is live. `malloc_trim(0)` hands those free
pages back. Elsewhere (macOS, musl, Windows) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache


@cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library already loaded; absent from musl
    except (OSError, AttributeError):
        return None


def release_free_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
