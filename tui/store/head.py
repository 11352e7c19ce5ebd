"""Reading a data file in Prize's own layout: the head first, the big tables row by row.

Prize writes the big tables (contacts, interactions) last, each table on its
own line and the big ones one document per line (encoder.py, packed.py):

    {
    "meta":{"1":{"schema_version":1}},
    "settings":{...},
    "contacts":{
    "1":{"name":"Ann",...},
    "2":{...}
    },
    "interactions":{}}

The head — settings, blocks, goals, meetings, sessions — is then found with a
byte search and parsed in a few milliseconds (`head_tables`: what `prize
status` needs, read-only). `read_laid_out` reads the whole file the same way,
one document at a time, so the big tables are never in memory as objects. A
file in any other layout (another program's, an older Prize's, hand-edited)
is read whole by the repository instead.
"""

from __future__ import annotations

import orjson

from tui.store import schema
from tui.store.packed import BIG, LayoutMismatch, PackedTable

_TABLE_LINES = tuple(b'\n"' + name.encode() + b'":' for name in BIG)
_BLANK = b" \t\r\n"  # JSON's whitespace (bytes.strip() would also take \v and \f)


def _cut(raw: bytes) -> int | None:
    """Where the first big table's line starts, if there is one."""
    # A newline only appears between tables and rows: orjson escapes it in strings.
    cut = None
    for line in _TABLE_LINES:  # each search stops where an earlier one found its table
        at = raw.find(line, 0, None if cut is None else cut + len(line))
        if at > 0:
            cut = at
    return cut


def _ends_closed(raw: bytes) -> bool:
    # Cut short: not Prize's layout, so that the whole read refuses it with its reason.
    return raw.rstrip(_BLANK).endswith(b"}")


def _tail_is_big_tables(raw: bytes, at: int) -> bool:
    """From `at` to the end: only big tables, each `{}` or rows up to a `\\n}`.

    Cheap (a few byte searches): a file with a newline before every key
    (TinyDB's indent=0, say) fails here, and tables after the contacts are
    not missed. `read_laid_out` checks every row.
    """
    seen = set()
    while True:
        line = next((t for t in _TABLE_LINES if raw.startswith(t, at)), None)
        if line is None or line in seen:
            return False
        seen.add(line)
        at += len(line)
        if raw.startswith(b"{}", at):
            at += 2
        elif raw.startswith(b'{\n"', at) and (close := raw.find(b"\n}", at)) > 0:
            at = close + 2
        else:
            return False
        if raw.startswith(b",", at):
            at += 1
            continue
        return raw[at:].strip(_BLANK) == b"}"


def _head_bytes(raw: bytes, cut: int) -> bytes | None:
    """The tables before the cut as a JSON object of their own, or None when
    they do not end with the comma that JSON needs before the next table."""
    head = raw[:cut].rstrip(_BLANK)
    return head[:-1] + b"}" if head.endswith(b",") else None


def _parsed(raw: bytes, cut: int) -> dict | None:
    """The head parsed a table (a line) at a time, or None when it is not one
    table a line. orjson sets aside ~12 times the text it reads while it reads
    it: the head of a 30k-contact file at once took 14 MiB more, at its peak,
    than the tables it gave (the peak memory of a start); a table at a time,
    the largest table's share."""
    if not raw.startswith(b"{\n"):
        return None
    data: dict = {}
    try:
        for line in raw[2:cut].rstrip(_BLANK).removesuffix(b",").split(b",\n"):
            table = orjson.loads(b"{%b}" % line)
            if len(table) != 1 or next(iter(table)) in data:
                return None  # (read whole: its problem, if any, is told as for any file)
            data.update(table)
    except orjson.JSONDecodeError:
        return None
    return data


def _head(raw: bytes, cut: int, known: bool = False) -> dict | None:
    """The head's tables, checked unless `known` (a file Prize wrote or checked)."""
    head = _head_bytes(raw, cut)
    if head is None:
        return None
    try:
        data = _parsed(raw, cut) or orjson.loads(head)
        # (a known file's shape was checked when its bytes were: ~3 ms at 10k contacts)
        if not isinstance(data, dict) or not known and schema.shape_problem(data) \
                or schema.schema_version(data) != schema.SCHEMA_VERSION:
            return None
    except (orjson.JSONDecodeError, ValueError, TypeError, AttributeError):
        return None
    if any(name in data for name in BIG) or not known and schema.record_problem(data):
        return None
    return data


def head_tables(raw: bytes) -> dict | None:
    """The tables before the first big one, or None when the file does not have
    Prize's layout (another program wrote it) or its head does not check out."""
    cut = _cut(raw) if _ends_closed(raw) else None
    if cut is None or not _tail_is_big_tables(raw, cut):
        return None
    return _head(raw, cut)


def read_laid_out(raw: bytes, known: bool = False, layouts: dict | None = None) -> dict | None:
    """The whole database, its big tables packed and every document checked, or
    None when the file is not in Prize's layout at this schema (read it whole).
    `known`: the bytes are a file Prize wrote or checked before (open_cache.py),
    so the big tables' rows are only found, not parsed and checked again; where
    `layouts` has a table's (PackedTable.layout, kept for these bytes), not
    even searched for.

    Raises ValueError naming a document the app could not use.
    """
    cut = _cut(raw) if _ends_closed(raw) else None
    data = None if cut is None else _head(raw, cut, known)
    if data is None or not known and schema.repeated_key_problem(_head_bytes(raw, cut), data):
        return None
    at = cut
    try:
        while True:
            name = next((n for n, t in zip(BIG, _TABLE_LINES, strict=True)
                         if raw.startswith(t, at)), None)
            if name is None or name in data:
                return None
            at += len(_TABLE_LINES[BIG.index(name)])
            data[name], at = PackedTable.read(
                raw, at, None if known else
                lambda doc_id, doc, name=name: schema.document_problem(name, doc_id, doc),
                (layouts or {}).get(name) if known else None)
            if raw.startswith(b",", at):
                at += 1
                continue
            return data if raw[at:].strip(_BLANK) == b"}" else None
    except LayoutMismatch:
        return None
