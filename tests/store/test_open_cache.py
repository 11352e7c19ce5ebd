"""The open cache: a file Prize wrote or checked opens without being checked
again, and anything else is read the long way (open_cache.py)."""

from __future__ import annotations

import zlib
from array import array

import orjson
import pytest

from tests.conftest import TODAY
from tui.model.contacts import Contact, Interaction, followups
from tui.store import Repository, UnreadableFile, open_cache, schema
from tui.store.demo import write_demo
from tui.store.indexes import day_of
from tui.store.queries import followups_for, last_seen


@pytest.fixture
def demo_file(db_path):
    repo = Repository.open(db_path, today=TODAY)
    write_demo(repo, contacts=60, weeks=3, seed=3, today=TODAY)
    repo.interactions.index("at", day_of)  # as the review builds it
    repo.contact_index.entries()
    repo.close()
    return db_path


@pytest.fixture
def checks(monkeypatch):
    """How many documents opening checks one by one."""
    seen = []
    real = schema.document_problem

    def counting(table, doc_id, doc):
        seen.append(table)
        return real(table, doc_id, doc)

    monkeypatch.setattr(schema, "document_problem", counting)
    return seen


def _entries(repo) -> list:
    return [(e.key, e.stage, e.due, e.hay) for e in repo.contact_index.entries()]


def _derived(repo) -> list:
    from tui.store.contact_index import ContactIndex

    return [(e.key, e.stage, e.due, e.hay) for e in ContactIndex(repo).entries()]


def test_a_file_prize_closed_opens_without_checking_its_rows(demo_file, checks):
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert "contacts" not in checks and "interactions" not in checks
        assert repo.contact_index.current  # the list, as the last run left it
        assert _entries(repo) == _derived(repo)
        assert [c.name for c in repo.contacts.all()] == [
            d["name"] for d in orjson.loads(demo_file.read_bytes())["contacts"].values()]
    finally:
        repo.close()


def test_the_kept_list_and_indexes_follow_edits_across_runs(demo_file):
    repo = Repository.open(demo_file, today=TODAY)
    ann = repo.contacts.add(Contact(name="Ann Example", cadence_days=3, created="2026-11-01"))
    repo.contact_index.entries({ann.id})
    first = repo.contacts.all()[0]
    repo.interactions.add(Interaction(contact_id=first.id, at="2026-11-25T10:00:00+01:00"))
    repo.contact_index.entries({first.id})
    repo.contacts.remove(repo.contacts.all()[1].id)
    repo.contact_index.entries()
    repo.close()
    again = Repository.open(demo_file, today=TODAY)
    try:
        assert again.contact_index.current
        assert _entries(again) == _derived(again)
        kept = again.interactions.index("at", day_of)
        assert kept == again.interactions.ids_by("at", day_of)
        # The review's follow-ups come from the kept list: the same as worked out anew.
        expected = followups(again.contacts.all(), last_seen(again), TODAY)
        found = followups_for(again, TODAY)
        assert [[(d, c.id) for d, c in part] for part in found] == \
            [[(d, c.id) for d, c in part] for part in expected]
        assert found[0]  # (the demo has overdue follow-ups: the check compares something)
    finally:
        again.close()


def test_an_edit_then_a_quick_quit_keeps_the_indexes_the_cache_held(demo_file):
    """A contact logged and Prize closed at once (before the disk watch keeps the
    cache again): the review's indexes, held but not parsed, are still kept."""
    repo = Repository.open(demo_file, today=TODAY)
    assert repo.interactions.has_index("at", day_of)  # from the cache, not parsed
    first = repo.contacts.all()[0]
    repo.interactions.add(Interaction(contact_id=first.id, at="2026-11-25T10:00:00+01:00"))
    repo.close()
    again = Repository.open(demo_file, today=TODAY)
    try:
        assert again.interactions.has_index("at", day_of)
        kept = again.interactions.index("at", day_of)
        assert kept == again.interactions.ids_by("at", day_of)
        assert len(kept[day_of("2026-11-25T10:00:00+01:00")]) >= 1
    finally:
        again.close()


def test_a_file_changed_by_another_program_is_checked_again(demo_file, checks):
    data = orjson.loads(demo_file.read_bytes())
    first = next(iter(data["contacts"]))
    data["contacts"][first]["name"] = "Changed Elsewhere"
    demo_file.write_bytes(orjson.dumps(data))  # another layout, other bytes
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert "contacts" in checks
        assert repo.contacts.get(int(first)).name == "Changed Elsewhere"
        assert any("changed elsewhere" in e.hay for e in repo.contact_index.entries())
    finally:
        repo.close()


def test_a_damaged_row_in_a_file_prize_knew_is_refused(demo_file):
    raw = demo_file.read_bytes()
    at = raw.index(b'"name":"', raw.index(b'\n"contacts":')) + len(b'"name":"')
    damaged = raw[:at] + b"\x00" + raw[at + 1:]  # same length, other bytes
    demo_file.write_bytes(damaged)
    with pytest.raises(UnreadableFile):
        Repository.open(demo_file, today=TODAY)
    assert demo_file.read_bytes() == damaged  # untouched


def _header(path) -> dict:
    crc, line, _ = open_cache.cache_path(path).read_bytes().split(b"\n", 2)
    return orjson.loads(line)


def _parts(path) -> dict[str, bytes]:
    kept = open_cache.cache_path(path).read_bytes()
    crc, line, blob = kept.split(b"\n", 2)
    return {name: blob[at:at + length]
            for name, (at, length, _) in orjson.loads(line)["parts"].items()}


def _rewrite(path, parts: dict[str, bytes], damage: str | None = None) -> None:
    """The cache again with these parts, each with its right checksum except
    `damage`'s (its bytes changed after the checksum was taken)."""
    header = _header(path)
    at, where = 0, {}
    for name, part in parts.items():
        where[name] = [at, len(part), zlib.crc32(part)]
        at += len(part)
    if damage is not None:
        first = parts[damage][0]
        parts[damage] = bytes([first ^ 1]) + parts[damage][1:]
    line = orjson.dumps({**header, "parts": where})
    open_cache.cache_path(path).write_bytes(
        b"%08x\n" % zlib.crc32(line) + line + b"\n" + b"".join(parts.values()))


@pytest.mark.parametrize("garbage", [
    b"", b"not a cache", b"00000000\n{}\n", b"%08x\n[]\n" % zlib.crc32(b"[]"),
    b"%08x\n{}\n" % zlib.crc32(b"{}")])
def test_a_cache_that_cannot_be_used_is_ignored(demo_file, garbage, checks):
    open_cache.cache_path(demo_file).write_bytes(garbage)
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert "contacts" in checks  # read the long way
        assert len(repo.contacts.all()) == 60
    finally:
        repo.close()
    assert _header(demo_file)["format"] == open_cache.FORMAT  # and kept again at close


def test_a_damaged_header_is_not_trusted(demo_file, checks):
    path = open_cache.cache_path(demo_file)
    kept = bytearray(path.read_bytes())
    kept[kept.index(b'"digest":[[') + 11] ^= 1  # a digit of the digest: the file is not known
    path.write_bytes(bytes(kept))
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert "contacts" in checks
    finally:
        repo.close()


def test_a_damaged_layout_is_not_used_and_the_rows_are_found_by_a_search(demo_file, checks):
    """A layout one byte off would cut every row wrong: its own checksum turns
    it away; the file is still the one Prize wrote, so its rows need no check."""
    parts = _parts(demo_file)
    lens = array(open_cache.LAYOUT["lens"])
    lens.frombytes(parts["layout contacts lens"])
    lens[0] += 1
    lens[1] -= 1
    parts["layout contacts lens"] = lens.tobytes()
    _rewrite(demo_file, parts, damage="layout contacts lens")
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert "contacts" not in checks
        assert [c.name for c in repo.contacts.all()] == [
            d["name"] for d in orjson.loads(demo_file.read_bytes())["contacts"].values()]
    finally:
        repo.close()


def _twice_the_first(part: bytes) -> bytes:
    values = array("q")
    values.frombytes(part)
    values[1] = values[0]
    return values.tobytes()


@pytest.mark.parametrize("name, foreign", [
    ("entries order", lambda part: array("q", [7]).tobytes()),  # not these entries' order
    ("entries order", _twice_the_first),  # one entry twice, one never
    ("entries stage", lambda part: array("q", [99] * (len(part) // 8)).tobytes()),
    ("entries hay", lambda part: part + b"\x00one more"),
    ("entries stage_names", lambda part: b'{"not": "a list"}'),
])
def test_a_cache_with_the_right_checksum_but_foreign_values_is_not_used_for_the_list(
        demo_file, name, foreign):
    """Written by another version of Prize, say: the file opens, the list is derived."""
    parts = _parts(demo_file)
    parts[name] = foreign(parts[name])
    _rewrite(demo_file, parts)
    repo = Repository.open(demo_file, today=TODAY)
    try:
        first = repo.contact_index.first_rows(TODAY)  # (the search texts are not read)
        assert first is None or [e.key for e in first[0]] == _by_due(_derived(repo))
        assert _entries(repo) == _derived(repo)
    finally:
        repo.close()


def _by_due(entries: list) -> list[int]:
    from tui.model.contact_list import Entry, sort_entries

    return [e.key for e in sort_entries([Entry(*e) for e in entries], "due")]


def test_the_lists_first_rows_come_from_the_columns_without_building_it(
        demo_file, monkeypatch):
    """The first frame shows a dozen rows of 10,000: they, and the count of who
    is due, come from the kept columns; the entries are built after that frame."""
    from tui.store.contact_index import ContactIndex

    repo = Repository.open(demo_file, today=TODAY)
    try:
        monkeypatch.setattr(ContactIndex, "_built", lambda self: pytest.fail("built"))
        rows, due = repo.contact_index.first_rows(TODAY)
        first = [(e.key, e.stage, e.due) for e in rows]
        assert [e.key for e in rows[2:5]] == [key for key, _, _ in first[2:5]]
        monkeypatch.undo()
        built = repo.contact_index.sorted_by("due")
        assert first == [(e.key, e.stage, e.due) for e in built]
        assert due == sum(1 for e in built if e.due is not None and e.due <= TODAY) > 0
        assert repo.contact_index.first_rows(TODAY) is None  # (built: the list reads those)
    finally:
        repo.close()


def test_an_index_is_parsed_only_when_first_used(demo_file, monkeypatch):
    parsed = []
    real = open_cache._groups
    monkeypatch.setattr(open_cache, "_groups", lambda pairs: parsed.append(1) or real(pairs))
    repo = Repository.open_read_only(demo_file)
    assert parsed == []  # `prize report` opens without them
    kept = repo.interactions.index("at", day_of)
    assert parsed == [1]
    assert kept == repo.interactions.ids_by("at", day_of)


def test_indexes_built_only_to_be_kept_are_let_go_and_read_back_when_asked(db_path):
    """The disk watch keeps the cache with the review's indexes; the planner did not
    need them, so they do not stay in its memory (~7 MiB at 30k contacts)."""
    repo = Repository.open(db_path, today=TODAY)
    try:
        write_demo(repo, contacts=40, weeks=2, seed=4, today=TODAY)
        repo.flush()
        assert not repo.interactions.has_index("at", day_of)
        repo.keep_open_cache()
        held = repo.interactions.current_indexes()[("at", day_of)]
        assert isinstance(held, open_cache.LaterIndex)  # not parsed: not in memory
        assert repo.interactions.index("at", day_of) == repo.interactions.ids_by("at", day_of)
    finally:
        repo.close()


def test_a_cache_kept_without_the_list_is_kept_again_with_it(db_path):
    """A run that never listed the contacts (the demo written, a command) keeps a
    cache without the list and the review's indexes: the next run finds it
    behind, and its keeping (the disk watch's, every 2 s) derives them."""
    repo = Repository.open(db_path, today=TODAY)
    write_demo(repo, contacts=40, weeks=2, seed=4, today=TODAY)
    repo.close()
    kept = open_cache.read(db_path, db_path.read_bytes())
    assert kept is not None and not kept.has_entries() and kept.index_names() == []
    again = Repository.open(db_path, today=TODAY)
    try:
        assert not again.contact_index.current  # (not a loader of columns that are not there)
        assert again.open_cache_stale
        again.keep_open_cache()
        assert not again.open_cache_stale
        kept = open_cache.read(db_path, db_path.read_bytes())
        assert kept.has_entries() and "index interactions at day_of" in kept.index_names()
    finally:
        again.close()
    third = Repository.open(db_path, today=TODAY)
    try:
        assert third.contact_index.current and not third.open_cache_stale
        assert third.interactions.has_index("at", day_of)
    finally:
        third.close()


def test_the_reviews_follow_ups_come_from_the_kept_columns_without_the_list(
        demo_file, monkeypatch):
    """The review needs who is due, not 10k list entries: read from the columns,
    the same follow-ups as derived anew, and the entries are not built."""
    from tui.store.contact_index import ContactIndex
    from tui.store.queries import followups_due

    repo = Repository.open(demo_file, today=TODAY)
    try:
        monkeypatch.setattr(ContactIndex, "_built", lambda self: pytest.fail("built"))
        overdue, due = followups_due(repo, TODAY)
        monkeypatch.undo()
        derived = sorted((due, hay.partition("\n")[0], key)
                         for key, _, due, hay in _derived(repo) if due and due <= TODAY)
        assert overdue + due == [(when, key) for when, _, key in derived]
        assert overdue  # (the demo has overdue follow-ups: the check compares something)
    finally:
        repo.close()


def test_a_cache_that_cannot_be_written_does_not_make_each_look_derive_again(
        db_path, monkeypatch):
    """An unwritable cache folder: what was derived stays in memory, and the disk
    watch (every 2 s) does not build it all again each time."""
    repo = Repository.open(db_path, today=TODAY)
    try:
        write_demo(repo, contacts=40, weeks=2, seed=4, today=TODAY)
        repo.flush()
        monkeypatch.setattr(open_cache, "write", lambda *args: None)
        repo.keep_open_cache()
        assert repo.interactions.has_index("at", day_of)
        assert not repo.open_cache_stale
    finally:
        repo.close()


def test_the_reviews_follow_ups_are_in_the_lists_order_without_reading_a_name(
        demo_file, monkeypatch):
    """Due today, then overdue: by date, then name, as the contact list orders
    them, read from the list's kept order without the 10k search texts or a
    single name (the review opens on them)."""
    from tui.store.collection import Collection
    from tui.store.queries import followups_due

    repo = Repository.open(demo_file, today=TODAY)
    try:
        listed = [(e.due, e.key) for e in repo.contact_index.sorted_by("due")
                  if e.due is not None and e.due <= TODAY]
    finally:
        repo.close()
    again = Repository.open(demo_file, today=TODAY)
    try:
        def read(*args):
            pytest.fail("read")

        monkeypatch.setattr(open_cache.Kept, "texts", read)
        monkeypatch.setattr(Collection, "field_of", read)
        monkeypatch.setattr(Collection, "fields_of", read)
        overdue, due = followups_due(again, TODAY)
        assert overdue + due == listed
        assert due and all(when == TODAY for when, _ in due)
        assert sorted(listed) != listed  # (names decide: the check compares something)
    finally:
        again.close()


def test_a_cache_kept_under_its_old_name_is_taken_under_the_new_one(demo_file):
    """Caches were named by a sha256 of the path before the names moved to zlib's
    (paths.file_key): the first start after the upgrade still opens quickly, and
    no file of names is left behind under the old name."""
    import hashlib

    new = open_cache.cache_path(demo_file)
    old = new.with_name(hashlib.sha256(str(demo_file.resolve()).encode()).hexdigest()[:24]
                        + ".cache")
    new.rename(old)
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert repo.contact_index.current  # the list came from the cache, not derived yet
        assert new.exists() and not old.exists()
    finally:
        repo.close()
