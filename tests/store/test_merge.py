"""Two machines' copies of one data file, merged record by record (SPEC §3.8).

Each copy is edited through the real repository, with a clock the test moves
(so that stamps interleave as on two machines), then saved; the merge works on
what is in the two files.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact, Interaction
from tui.store import Repository
from tui.store.merge import REFERENCES, merge
from tui.store.stamps import CONFLICTS, STAMPS, TOMBSTONES, last_change, stone_key

T0 = 1_780_000_000_000  # ms, in 2026


class Machine:
    """One copy of the file, with its own repository and a clock the test moves."""

    def __init__(self, path: Path, clock: itertools.count, seed: int):
        self.path = path
        self.repo = Repository.open(path)
        self.repo.use_time(lambda: next(clock), seed)

    def data(self) -> dict:
        self.repo.flush()
        return orjson.loads(self.path.read_bytes())

    def close(self) -> None:
        self.repo.close()


def _base(path: Path) -> None:
    repo = Repository.open(path)
    ticks = itertools.count(T0, 1000)
    repo.use_time(lambda: next(ticks), 1)
    people = repo.contacts.add_many([Contact(name=f"P{n}") for n in range(4)])
    repo.interactions.add_many([Interaction(contact_id=p.id, at="2026-11-20T10:00:00+01:00")
                                for p in people[:2]])
    repo.blocks.add(Block(channel="Email", day="2026-11-23"))
    repo.close()


def _two(tmp_path: Path, seed: int = 0) -> tuple[Machine, Machine, itertools.count]:
    base = tmp_path / "base.json"
    _base(base)
    clock = itertools.count(T0 + 10**6, 7)  # one clock: the stamps interleave
    pair = []
    for n in "ab":
        (tmp_path / n).mkdir()
        shutil.copy(base, tmp_path / n / "prize.json")
        pair.append(Machine(tmp_path / n / "prize.json", clock, seed * 2 + len(pair)))
    return pair[0], pair[1], clock


def _records(data: dict) -> dict[str, dict[str, dict]]:
    return {t: v for t, v in data.items() if t not in ("meta", TOMBSTONES, CONFLICTS)}


# -- the rules, one by one -------------------------------------------------------------


def test_a_field_changed_on_one_side_takes_that_side(tmp_path):
    a, b, _ = _two(tmp_path)
    ann = a.repo.contacts.all()[0]
    a.repo.contacts.update(ann.replace(stage="met"))
    bob = b.repo.contacts.all()[1]
    b.repo.contacts.update(bob.replace(company="Acme"))
    merged = merge(a.data(), b.data())
    assert merged.conflicts == []
    contacts = merged.data["contacts"]
    assert contacts[str(ann.id)]["stage"] == "met"
    assert contacts[str(bob.id)]["company"] == "Acme"
    a.close(), b.close()


def test_the_same_field_changed_on_both_keeps_the_later_and_lists_the_other(tmp_path):
    a, b, _ = _two(tmp_path)
    ann = a.repo.contacts.all()[0]
    a.repo.contacts.update(ann.replace(company="Early Inc"))
    b.repo.contacts.update(ann.replace(company="Later Ltd"))  # stamped after a's
    merged = merge(a.data(), b.data())
    assert merged.data["contacts"][str(ann.id)]["company"] == "Later Ltd"
    [conflict] = merged.conflicts
    assert (conflict["field"], conflict["kept"], conflict["lost"]) == \
        ("company", "Later Ltd", "Early Inc")
    assert conflict in merged.data[CONFLICTS].values()
    a.close(), b.close()


def test_a_change_made_on_top_of_the_other_value_is_no_conflict(tmp_path):
    a, b, _ = _two(tmp_path)
    ann = a.repo.contacts.all()[0]
    a.repo.contacts.update(ann.replace(company="First"))
    first = a.data()
    # b receives a's file (the sync tool), then changes the same field again.
    b.close()
    shutil.copy(a.path, b.path)
    b.repo = Repository.open(b.path)
    b.repo.contacts.update(b.repo.contacts.get(ann.id).replace(company="Second"))
    merged = merge(first, b.data())
    assert merged.conflicts == []
    assert merged.data["contacts"][str(ann.id)]["company"] == "Second"
    a.close(), b.close()


def test_an_edit_outlives_a_delete_made_elsewhere(tmp_path):
    a, b, _ = _two(tmp_path)
    ann, bob = a.repo.contacts.all()[2:4]  # (no interaction refers to them)
    a.repo.contacts.remove(ann.id)
    a.repo.contacts.remove(bob.id)
    b.repo.contacts.update(ann.replace(stage="met"))  # ann edited on b; bob left alone
    merged = merge(a.data(), b.data())
    assert merged.data["contacts"][str(ann.id)]["stage"] == "met"
    assert str(bob.id) not in merged.data["contacts"]
    assert stone_key("contacts", ann.id) not in merged.data[TOMBSTONES]
    assert stone_key("contacts", bob.id) in merged.data[TOMBSTONES]
    a.close(), b.close()


def test_a_contact_deleted_on_one_side_comes_back_for_a_call_logged_on_the_other(tmp_path):
    a, b, _ = _two(tmp_path)
    carl = a.repo.contacts.all()[2]  # stage target: logging a message changes no field
    a.repo.contacts.remove(carl.id)
    b.repo.interactions.add(Interaction(contact_id=carl.id, at="2026-11-25T10:00:00+01:00"))
    merged = merge(a.data(), b.data())
    assert str(carl.id) in merged.data["contacts"]
    a.close(), b.close()


def test_records_added_on_both_sides_are_all_kept_with_their_references(tmp_path):
    a, b, _ = _two(tmp_path)
    ann = a.repo.contacts.add(Contact(name="Ann (laptop)"))
    a.repo.interactions.add(Interaction(contact_id=ann.id, at="2026-11-25T10:00:00+01:00"))
    new = b.repo.contacts.add_many([Contact(name=f"Import {n}") for n in range(3)])
    merged = merge(a.data(), b.data())
    names = {d["name"] for d in merged.data["contacts"].values()}
    assert {"Ann (laptop)", "Import 0", "Import 1", "Import 2"} <= names
    assert len(merged.data["contacts"]) == 4 + 1 + 3
    [logged] = [i for i in merged.data["interactions"].values()
                if i["at"] == "2026-11-25T10:00:00+01:00"]
    assert merged.data["contacts"][str(logged["contact_id"])]["name"] == "Ann (laptop)"
    assert all(str(c.id) in merged.data["contacts"] for c in new)
    a.close(), b.close()


def test_one_occurrence_marked_on_both_machines_is_one_mark(tmp_path):
    a, b, _ = _two(tmp_path)
    block = a.repo.blocks.all()[0]
    a.repo.marks.add(BlockMark(block_id=block.id, day="2026-11-23", state="done"))
    b.repo.marks.add(BlockMark(block_id=block.id, day="2026-11-23", state="partly"))
    merged = merge(a.data(), b.data())
    [mark] = merged.data["marks"].values()
    assert mark["state"] == "partly"  # the later
    again = merge(merged.data, a.data())
    assert list(again.data["marks"].values()) == [mark]  # a's mark stays folded
    a.close(), b.close()


def test_copies_of_one_old_file_upgraded_apart_merge_and_unrelated_ones_do_not_mix(tmp_path):
    old = {"meta": {"1": {"schema_version": 1}},
           "contacts": {"1": {"name": "Ann"}, "2": {"name": "Bob"}},
           "interactions": {"1": {"contact_id": 2, "at": "2026-11-20T10:00:00+01:00"}}}
    other = {"meta": {"1": {"schema_version": 1}},
             "contacts": {"1": {"name": "Zoe"}},
             "interactions": {"1": {"contact_id": 1, "at": "2026-10-01T10:00:00+01:00"}}}
    files = {}
    for name, data in (("laptop", old), ("desktop", old), ("stranger", other)):
        path = tmp_path / name / "prize.json"
        path.parent.mkdir()
        path.write_bytes(orjson.dumps(data))
        repo = Repository.open(path)  # upgraded here, each on its own
        repo.close()
        files[name] = orjson.loads(path.read_bytes())
    same = merge(files["laptop"], files["desktop"])
    assert sorted(d["name"] for d in same.data["contacts"].values()) == ["Ann", "Bob"]
    mixed = merge(files["laptop"], files["stranger"]).data
    assert sorted(d["name"] for d in mixed["contacts"].values()) == ["Ann", "Bob", "Zoe"]
    for i in mixed["interactions"].values():
        who = mixed["contacts"][str(i["contact_id"])]["name"]
        assert who == ("Bob" if i["at"].startswith("2026-11") else "Zoe")
    assert mixed == merge(files["stranger"], files["laptop"]).data


# -- properties: two histories from one base ---------------------------------------------

OPS = st.lists(st.tuples(st.sampled_from("ab"),
                         st.sampled_from(["add", "edit", "stage", "delete", "log", "mark",
                                          "unmark", "block"]),
                         st.integers(0, 50)), max_size=25)


def _run(machine: Machine, op: str, n: int) -> None:
    repo = machine.repo
    contacts, blocks = repo.contacts.all(), repo.blocks.all()
    pick = contacts[n % len(contacts)] if contacts else None
    if op == "add" or pick is None:
        repo.contacts.add(Contact(name=f"New {n}"))
    elif op == "edit":
        repo.contacts.update(pick.replace(company=f"Co {n}"))
    elif op == "stage":
        repo.contacts.update(pick.replace(stage=["met", "dormant", "target"][n % 3]))
    elif op == "delete":
        repo.interactions.remove_many([i.id for i in repo.interactions.all()
                                       if i.contact_id == pick.id])
        repo.contacts.remove(pick.id)
    elif op == "log":
        repo.interactions.add(Interaction(contact_id=pick.id, at=f"2026-11-{10 + n % 15}"
                                                                 "T10:00:00+01:00"))
    elif op in ("mark", "unmark") and blocks:
        block = blocks[n % len(blocks)]
        found = [m for m in repo.marks.all() if m.block_id == block.id]
        if op == "unmark":
            repo.marks.remove_many([m.id for m in found])
        elif found:
            repo.marks.update(found[0].replace(state=["done", "partly", "missed"][n % 3]))
        else:
            repo.marks.add(BlockMark(block_id=block.id, day="2026-11-23", state="done"))
    elif op == "block":
        repo.blocks.add(Block(channel=f"C{n}", day="2026-11-24"))


def _histories(tmp_path: Path, ops, seed: int) -> tuple[dict, dict]:
    a, b, _ = _two(tmp_path, seed)
    for side, op, n in ops:
        _run(a if side == "a" else b, op, n)
    data = a.data(), b.data()
    a.close(), b.close()
    return data


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=OPS, seed=st.integers(0, 1000))
def test_merging_two_histories(tmp_path_factory, ops, seed):
    a, b = _histories(tmp_path_factory.mktemp("m"), ops, seed)
    ab, ba = merge(a, b).data, merge(b, a).data
    assert ab == ba  # the order of the copies does not matter
    assert merge(ab, a).data == ab and merge(ab, b).data == ab  # nor merging again
    assert merge(ab, ab).data == ab
    for side, other in ((a, b), (b, a)):
        stones = other.get(TOMBSTONES, {})
        for table, docs in _records(side).items():
            for doc_id, doc in docs.items():
                stone = stones.get(stone_key(table, int(doc_id)))
                if table in ("marks",) or (stone and stone["seen"] >= last_change(doc)):
                    continue  # deleted after this version was seen (marks fold)
                kept = ab[table].get(doc_id)
                assert kept is not None, (table, doc_id, doc)  # nothing confirmed is lost
                for field, value in doc.items():  # and each field is this or a later one
                    if field != STAMPS and kept.get(field) != value:
                        assert _stamp(kept, field) >= _stamp(doc, field)
    for (table, ref), target in REFERENCES.items():
        for doc in ab.get(table, {}).values():
            if doc.get(ref) is not None and _existed(doc[ref], target, a, b):
                assert str(doc[ref]) in ab[target], (table, ref, doc)


def _stamp(doc: dict, field: str) -> int:
    from tui.store.stamps import field_stamp

    return field_stamp(doc, field)[0]


def _existed(ref: int, target: str, *sides: dict) -> bool:
    return any(str(ref) in side.get(target, {}) for side in sides)


def test_tombstones_are_dropped_after_ninety_days(tmp_path):
    from tui.store.stamps import DAY_MS, TOMBSTONE_DAYS

    path = tmp_path / "prize.json"
    repo = Repository.open(path, backup_days=0)
    now = [T0]
    repo.use_time(lambda: now[0])
    old = repo.contacts.add(Contact(name="Gone long ago"))
    repo.contacts.remove(old.id)
    repo.flush()
    assert stone_key("contacts", old.id) in orjson.loads(path.read_bytes())[TOMBSTONES]
    now[0] = T0 + (TOMBSTONE_DAYS + 1) * DAY_MS
    repo.contacts.add(Contact(name="Today"))
    repo.close()
    assert TOMBSTONES not in orjson.loads(path.read_bytes()) or \
        stone_key("contacts", old.id) not in orjson.loads(path.read_bytes())[TOMBSTONES]
