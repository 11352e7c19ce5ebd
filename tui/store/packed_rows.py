"""Finding a big table's rows in a file's bytes, for `PackedTable.read`.

Three ways, from the slowest to the quickest: each row parsed and checked (a
file Prize does not know), the rows found by their separators (a file Prize
wrote or checked: a newline is never inside a row), or the rows where the open
cache says they lie (that same file, its layout kept from the last run).
Each gives the rows' ids and lengths (each with its ",\\n" separator).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable

import orjson

from tui.store.packed import LENGTHS, LayoutMismatch, is_doc_id


def checked(raw: bytes, base: int, close: int,
            check: Callable[[str, dict], str | None]) -> tuple[array, array]:
    """Each row parsed and checked with `check(doc_id, doc)` (a problem raises
    ValueError); anything but Prize's own layout raises LayoutMismatch."""
    view, loads, dumps = memoryview(raw), orjson.loads, orjson.dumps
    seen: set[int] = set()
    ids, lens = array("q"), array(LENGTHS)
    at = base
    while at <= close:
        end = raw.find(b"\n", at, close + 1)
        if end < close and raw[end - 1] != 0x2C:  # ","
            raise LayoutMismatch("rows not separated by commas")
        row_end = end - 1 if end < close else end
        colon = raw.find(b'":', at, row_end)
        doc_id = raw[at + 1:colon].decode("ascii", "replace") if colon > at else ""
        if raw[at] != 0x22 or not is_doc_id(doc_id) or (number := int(doc_id)) in seen:
            raise LayoutMismatch("not a row with a new numeric id")
        seen.add(number)
        body = view[colon + 2:row_end]
        try:
            doc = loads(body)
        except orjson.JSONDecodeError:
            raise LayoutMismatch("a row is not JSON") from None
        # Compact orjson, as Prize writes: also proves no key is written twice.
        if not isinstance(doc, dict) or dumps(doc) != body:
            raise LayoutMismatch("a row not written by Prize")
        problem = check(doc_id, doc)
        if problem:
            raise ValueError(problem)
        ids.append(number)
        lens.append(row_end - at + 2)
        at = end + 1
    return ids, lens


def found(raw: bytes, base: int, close: int) -> tuple[array, array]:
    """The rows of a known file, found by their separators, none of them parsed."""
    if base > close:  # "{\n}"
        return array("q"), array(LENGTHS)
    rows = raw[base:close].split(b",\n")
    try:
        ids = array("q", map(int, [row[1:row.index(b'"', 1)] for row in rows]))
    except ValueError:
        raise LayoutMismatch("not a row with a numeric id") from None
    return ids, array(LENGTHS, [len(row) + 2 for row in rows])


def kept(raw: bytes, base: int, layout: dict) -> tuple[array, array, array, int]:
    """The rows where `layout` (PackedTable.layout, kept for these very bytes) has
    them, their lengths' tree, and where the table's closing "\\n}" is. Only
    looked over: the open cache's own checksums and the file's digest vouch for
    the rest."""
    ids, lens, tree = layout["ids"], layout["lens"], layout["tree"]
    first = next((i for i, n in enumerate(lens) if n), None)
    close = base + sum(lens) - 2  # (each row's length counts its ",\\n"; the last has "\\n}")
    if len(ids) != len(lens) or len(tree) != len(lens) + 1 or first is None \
            or not raw.startswith(b"\n}", close) \
            or not raw.startswith(b'"%d":' % ids[first], base + _before(tree, first)):
        raise LayoutMismatch("the kept layout is not this table's")
    return ids, lens, tree, close


def fenwick(lens: array) -> array:
    """The tree of the lengths that finds where a row starts in O(log n), built in O(n)."""
    tree = array(LENGTHS, [0]) + lens
    for i in range(1, len(tree)):
        if (j := i + (i & -i)) < len(tree):
            tree[j] += tree[i]
    return tree


def _before(tree: array, at: int) -> int:
    total = 0
    while at > 0:
        total += tree[at]
        at &= at - 1
    return total
