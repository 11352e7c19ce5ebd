"""A first look at a data file: the tables before the contacts, parsed on their own.

Prize writes the big tables (contacts, interactions) last, each table on its
own line (encoder.py). Their start can then be found with a byte search, and
everything before it — settings, blocks, goals, meetings, sessions — parsed in
a few milliseconds, so the first frame shows the real week while the rest of
the file is parsed. Only a look: `Repository.finish_open` still parses and
checks the whole file, and nothing is ever written from this.
"""

from __future__ import annotations

import orjson

from tui.store import schema
from tui.store.encoder import LAST


def _big_tables_last(raw: bytes, cut: int) -> bool:
    """Prize's layout: after the first big table, every line is a big table.

    A file with a newline before every key (TinyDB's indent=0, say) would
    otherwise pass, and tables after the contacts would be missed.
    """
    lines = {b'\n"' + name.encode() + b'":' for name in LAST}
    at = cut
    while (at := raw.find(b"\n", at + 1)) >= 0:
        if not any(raw.startswith(line, at) for line in lines):
            return False
    return True


def head_tables(raw: bytes) -> dict | None:
    """The tables before the first big one, or None when the file does not have
    Prize's layout (another program wrote it) or its head does not check out."""
    if not raw.rstrip().endswith(b"}"):
        return None  # cut short: let the full read refuse it before any screen shows
    # A newline only appears between tables: orjson escapes it inside strings.
    starts = [at for name in LAST if (at := raw.find(b'\n"' + name.encode() + b'":')) > 0]
    if not starts or not _big_tables_last(raw, cut := min(starts)):
        return None
    head = raw[:cut].rstrip().removesuffix(b",") + b"}"
    try:
        data = orjson.loads(head)
        if schema.shape_problem(data) or schema.schema_version(data) != schema.SCHEMA_VERSION:
            return None
    except (orjson.JSONDecodeError, ValueError, TypeError, AttributeError):
        return None
    if schema.record_problem(data):
        return None
    return data
