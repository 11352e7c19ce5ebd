"""Two copies of the data file made one, record by record and field by field.

Used when the file changed on disk under a running Prize (another Prize, a
sync tool bringing the other machine's copy), for conflict copies left beside
it, and by `prize merge`. The rules (SPEC §3.8), from the stamps every
document carries (stamps.py):

- a field changed on one side only: that side's value;
- a field changed on both: the later change wins, and the other value is kept
  in the `conflicts` table, where the person can see it and take it back;
- edited on one side, deleted on the other: the edit wins when it was made
  after what the delete saw; a record a live one refers to (a contact with a
  new interaction) is kept too;
- added on both sides: all kept (ids are never given out twice, stamps.py);
  two records of one thing that has one (a mark per occurrence, goals per
  week, a review per day, the settings) are folded into one.

The result depends only on the two copies, not on which is "ours":
merge(a, b) == merge(b, a), and merging again changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from tui.store.schema import META
from tui.store.stamps import (
    CONFLICTS,
    STAMPS,
    TOMBSTONES,
    field_stamp,
    last_change,
    stamps,
    stone_key,
)

# (table, field) → the table the field refers to.
REFERENCES = {
    ("interactions", "contact_id"): "contacts",
    ("meetings", "contact_id"): "contacts",
    ("blocks", "series_id"): "blocks",
    ("marks", "block_id"): "blocks",
    ("sessions", "block_id"): "blocks",
    ("sessions", "contact_id"): "contacts",
}
# Tables with one record per key: two machines may each have made "the" one.
# (calendar_links: one per event UID. Two machines that both synced with the
# calendar each hold a link; folded, the later one's ETag wins. A stale ETag only
# costs a 412 at the next push, after which the event is read again. A link's
# record_id is deliberately not in REFERENCES: a link must never bring back a
# block or meeting that was deleted.)
ONE_PER = {"marks": ("block_id", "day"), "goals": ("week",), "reviews": ("day",),
           "settings": (), "calendar_links": ("uid",)}
NOT_RECORDS = {META, TOMBSTONES, CONFLICTS}
CONFLICTS_KEPT = 100
_MISSING = object()


def _enc(value: Any) -> bytes:
    return b"" if value is _MISSING else orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _hash_id(*parts: Any) -> int:
    digest = hashlib.blake2b(orjson.dumps(parts), digest_size=6).digest()
    return int.from_bytes(digest, "big") | 1 << 48  # (never an old small id)


@dataclass
class Merged:
    data: dict[str, dict[str, dict]]
    conflicts: list[dict] = field(default_factory=list)  # found by this merge


def merge(a: Mapping[str, Mapping[str, dict]], b: Mapping[str, Mapping[str, dict]]) -> Merged:
    """The two databases (table → id → document) as one. Neither is modified."""
    a, b = plain(a), plain(b)  # (a packed table decodes on each lookup: once is enough)
    a, b = _aligned(a, b), _aligned(b, a)
    found: list[dict] = []
    tables = sorted({*a, *b} - NOT_RECORDS)
    out: dict[str, dict[str, dict]] = {name: {} for name in tables}
    stones = _stones(a.get(TOMBSTONES, {}), b.get(TOMBSTONES, {}))
    versions: dict[str, dict[str, dict]] = {}  # every record's merged version, dead or alive
    dead: dict[str, dict[str, dict]] = {}  # table → id → its tombstone
    for stone in stones.values():
        dead.setdefault(str(stone.get("table")), {})[str(stone.get("id"))] = stone
    for name in tables:
        ta, tb = a.get(name, {}), b.get(name, {})
        merged = versions[name] = {}
        for doc_id in dict.fromkeys([*ta, *tb]):
            da, db = ta.get(doc_id), tb.get(doc_id)
            if da is None or db is None or da == db:
                merged[doc_id] = da if db is None else db
            else:
                merged[doc_id] = _merge_doc(name, doc_id, da, db, found)
        buried = dead.get(name, {})
        for doc_id, doc in merged.items():
            stone = buried.get(doc_id)
            if stone is None or last_change(doc) > stone.get("seen", 0):
                out[name][doc_id] = doc
    _keep_referenced(out, versions)
    _fold_one_per(out, stones, found)
    for name, table in out.items():  # a live record's tombstone is spent
        for doc_id in table:
            stones.pop(stone_key(name, int(doc_id)), None)
    out[TOMBSTONES] = stones
    out[META] = _meta(a.get(META, {}), b.get(META, {}))
    known = {**a.get(CONFLICTS, {}), **b.get(CONFLICTS, {})}
    out[CONFLICTS] = _conflicts(known, found)
    return Merged(out, [c for c in found if _conflict_key(c) not in known])


def plain(data: Mapping[str, Mapping[str, dict]]) -> dict[str, dict[str, dict]]:
    """Each table as a dict, its documents decoded once, in order."""
    return {name: table if type(table) is dict else dict(table.items())
            for name, table in data.items()}


def _merge_doc(table: str, doc_id: str, a: dict, b: dict, found: list[dict]) -> dict:
    doc: dict[str, Any] = {}
    fields: dict[str, list] = {}
    sa, sb = stamps(a), stamps(b)
    created = min(x for x in (sa.get("c", 0), sb.get("c", 0)) if isinstance(x, int))
    for name in dict.fromkeys([*a, *b]):
        if name == STAMPS:
            continue
        va, vb = a.get(name, _MISSING), b.get(name, _MISSING)
        pa, pb = field_stamp(a, name), field_stamp(b, name)
        if va == vb:
            value, pair = va, max(pa, pb)
        else:
            a_wins = (pa[0], _enc(va)) > (pb[0], _enc(vb))
            (value, pair), (lost, lost_pair) = ((va, pa), (vb, pb)) if a_wins else \
                ((vb, pb), (va, pa))
            if pair[1] != lost_pair[0] and lost is not _MISSING:  # not made on top of it
                found.append({"table": table, "id": int(doc_id), "field": name,
                              "kept": None if value is _MISSING else value, "lost": lost,
                              "at": pair[0], "lost_at": lost_pair[0]})
        if value is not _MISSING:
            doc[name] = value
        if pair[0] > created:
            fields[name] = list(pair)
    s: dict[str, Any] = {"c": created}
    if fields:
        s["f"] = fields
    revived = max(sa.get("r", 0), sb.get("r", 0))
    if revived:
        s["r"] = revived
    born = sa.get("b", sb.get("b"))
    if born is not None:
        s["b"] = born
    doc[STAMPS] = s
    return doc


def _aligned(side: Mapping[str, Mapping[str, dict]], other: Mapping[str, Mapping[str, dict]]):
    """`side` with each old record that only shares its id with a different record of
    `other` (another birth: two unrelated old files) moved to an id of its own, and
    the references to it moved with it. Of the two, the one with the greater birth
    moves, on whichever side it is: the same either way round."""
    moves: dict[str, dict[str, str]] = {}
    for name, table in side.items():
        if name in NOT_RECORDS:
            continue
        theirs = other.get(name, {})
        for doc_id, doc in table.items():
            twin = theirs.get(doc_id)
            if twin is None or twin == doc:
                continue
            mine = stamps(doc).get("b")
            theirs_b = stamps(twin).get("b")
            if mine is not None and theirs_b is not None and mine > theirs_b:
                moves.setdefault(name, {})[doc_id] = str(_hash_id(name, doc_id, mine))
    if not moves:
        return side
    out = {name: dict(table) for name, table in side.items()}
    for name, moved in moves.items():
        for old, new in moved.items():
            out[name][new] = out[name].pop(old)
    for (name, ref), target in REFERENCES.items():
        moved = moves.get(target)
        for doc_id, doc in list(out.get(name, {}).items()) if moved else ():
            if str(doc.get(ref)) in moved:
                out[name][doc_id] = {**doc, ref: int(moved[str(doc[ref])])}
    return out


def _stones(a: Mapping[str, dict], b: Mapping[str, dict]) -> dict[str, dict]:
    out = dict(a)
    for key, stone in b.items():
        mine = out.get(key)
        if mine is None or (stone.get("seen", 0), stone.get("at", 0), _enc(stone)) > \
                (mine.get("seen", 0), mine.get("at", 0), _enc(mine)):
            out[key] = stone
    return out


def _keep_referenced(out: dict[str, dict[str, dict]], versions: dict[str, dict[str, dict]]):
    """A deleted record that a live one refers to comes back (the edit wins)."""
    again = True
    while again:
        again = False
        for (name, ref), target in REFERENCES.items():
            live, known = out.setdefault(target, {}), versions.get(target, {})
            for doc in list(out.get(name, {}).values()):
                key = doc.get(ref)
                if key is not None and str(key) not in live and str(key) in known:
                    live[str(key)] = known[str(key)]
                    again = True


def _fold_one_per(out: dict[str, dict[str, dict]], stones: dict[str, dict],
                  found: list[dict]) -> None:
    """Records of one thing that has one (two machines each marked the occurrence):
    folded field by field into the latest; the others get a tombstone."""
    for name, key_fields in ONE_PER.items():
        groups: dict[bytes, list[str]] = {}
        for doc_id, doc in out.get(name, {}).items():
            groups.setdefault(_enc([doc.get(f) for f in key_fields]), []).append(doc_id)
        for ids in groups.values():
            if len(ids) < 2:
                continue
            table = out[name]
            keep = max(ids, key=lambda i: (last_change(table[i]), int(i)))
            doc = table[keep]
            for other in sorted(i for i in ids if i != keep):
                gone = table.pop(other)
                doc = _merge_doc(name, keep, doc, {**gone}, found)
                seen = last_change(gone)
                stones[stone_key(name, int(other))] = {"table": name, "id": int(other),
                                                       "at": seen, "seen": seen}
            table[keep] = doc


def _meta(a: Mapping[str, dict], b: Mapping[str, dict]) -> dict[str, dict]:
    da, db = next(iter(a.values()), {}), next(iter(b.values()), {})
    doc = {k: max((v for v in (da.get(k, _MISSING), db.get(k, _MISSING)) if v is not _MISSING),
                  key=_enc) for k in dict.fromkeys([*da, *db])}
    versions = [v for v in (da.get("schema_version"), db.get("schema_version"))
                if isinstance(v, int)]
    if versions:
        doc["schema_version"] = max(versions)
    retired = {**da.get("retired_ids", {}), **db.get("retired_ids", {})}
    if retired:
        doc["retired_ids"] = {t: max(da.get("retired_ids", {}).get(t, 0),
                                     db.get("retired_ids", {}).get(t, 0)) for t in retired}
    return {"1": doc}


def _conflict_key(conflict: dict) -> str:
    return str(_hash_id(conflict["table"], conflict["id"], conflict["field"],
                        conflict["at"], conflict["lost_at"]))


def _conflicts(known: Mapping[str, dict], found: Iterable[dict]) -> dict[str, dict]:
    every = dict(known)
    for conflict in found:
        every[_conflict_key(conflict)] = conflict
    newest = sorted(every.items(), key=lambda item: (item[1].get("at", 0), item[0]))
    return dict(newest[-CONFLICTS_KEPT:])
