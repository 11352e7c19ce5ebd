"""Opening in two steps: a first look at the head of the file, then the whole file.

The planner paints its first frame from the small tables at the head of the
file (head.py) and parses the contacts after it (Repository.finish_open).
"""

from __future__ import annotations

import json
import os

import orjson
import pytest

from tests.conftest import TODAY
from tui.model.contacts import Contact
from tui.store import Repository, UnreadableFile
from tui.store.demo import write_demo
from tui.store.encoder import encode_whole
from tui.store.head import head_tables


@pytest.fixture
def demo_file(db_path):
    repo = Repository.open(db_path, today=TODAY)
    write_demo(repo, contacts=40, weeks=2, seed=3, today=TODAY)
    repo.flush()
    repo.close()
    return db_path


def test_first_look_has_the_small_tables_and_not_the_contacts(demo_file):
    repo = Repository.begin_open(demo_file, today=TODAY)
    try:
        assert repo.loading
        assert repo.blocks.all() and repo.settings().reminders
        assert repo.contacts.all() == [] and repo.interactions.all() == []
        with pytest.raises(RuntimeError):  # nothing may be edited on a first look
            repo.blocks.update(repo.blocks.all()[0])
        before = demo_file.read_bytes()
        assert repo.flush() == 0 and demo_file.read_bytes() == before
        repo.finish_open()
        assert not repo.loading and len(repo.contacts.all()) == 40
        repo.contacts.add(Contact(name="After"))
        repo.flush()
    finally:
        repo.close()
    contacts = orjson.loads(demo_file.read_bytes())["contacts"]
    assert any(d["name"] == "After" for d in contacts.values())


def test_first_look_equals_the_same_tables_read_whole(demo_file):
    whole = orjson.loads(demo_file.read_bytes())
    head = head_tables(demo_file.read_bytes())
    assert head == {name: table for name, table in whole.items()
                    if name not in ("contacts", "interactions")}


@pytest.mark.parametrize("raw", [
    b'{"meta":{"1":{"schema_version":1}},"contacts":{}}',  # written by another program
    encode_whole({"meta": {"1": {"schema_version": 0}}, "contacts": {}}),  # to migrate
])
def test_without_a_trusted_head_the_whole_file_is_read_at_once(db_path, raw):
    db_path.write_bytes(raw)
    repo = Repository.begin_open(db_path, today=TODAY)
    try:
        assert not repo.loading
    finally:
        repo.close()


def test_a_head_that_does_not_check_out_is_refused_before_any_screen(db_path):
    raw = encode_whole({"meta": {"1": {"schema_version": 1}}, "blocks": {"1": {"title": 3}},
                        "contacts": {}})
    db_path.write_bytes(raw)
    with pytest.raises(UnreadableFile, match="blocks"):
        Repository.begin_open(db_path, today=TODAY)
    assert db_path.read_bytes() == raw


def test_a_file_cut_short_is_refused_before_any_screen(demo_file):
    raw = demo_file.read_bytes()
    demo_file.write_bytes(raw[: len(raw) - 200])
    with pytest.raises(UnreadableFile):
        Repository.begin_open(demo_file, today=TODAY)
    assert demo_file.read_bytes() == raw[: len(raw) - 200]


def test_damage_past_the_head_is_refused_by_finish_open_and_left_alone(demo_file):
    raw = demo_file.read_bytes()
    at = raw.index(b'\n"contacts":') + 40
    damaged = raw[:at] + b"\x00\x00" + raw[at + 2:]
    demo_file.write_bytes(damaged)
    repo = Repository.begin_open(demo_file, today=TODAY)
    try:
        assert repo.loading
        with pytest.raises(UnreadableFile, match="not valid JSON"):
            repo.finish_open()
        assert repo.loading
    finally:
        repo.close()
    assert demo_file.read_bytes() == damaged
    demo_file.write_bytes(raw)
    Repository.open(demo_file, today=TODAY).close()  # the lock was freed


def test_a_file_replaced_between_the_first_look_and_the_full_read_is_read_as_it_is_now(demo_file):
    """The look reads only the head; the full read comes after the first frame.
    Nothing can be edited on a look, so a file replaced in between (a sync tool)
    is simply taken as it is then; a change after the full read is merged."""
    repo = Repository.begin_open(demo_file, today=TODAY)
    try:
        raw = demo_file.read_bytes()
        replacement = demo_file.with_name("other.json")
        replacement.write_bytes(raw.replace(b'"Ask for', b'"ASK for', 1))
        os.replace(replacement, demo_file)
        repo.finish_open()
        assert any(r.startswith("ASK for") for r in repo.settings().reminders)
        other = orjson.loads(raw)
        other["contacts"]["1"] = {"name": "Theirs"}  # and again, now that it is read
        replacement.write_bytes(orjson.dumps(other))
        os.replace(replacement, demo_file)
        repo.contacts.add(Contact(name="Mine"))
        repo.flush()  # merged, not refused
    finally:
        repo.close()
    names = [d["name"] for d in orjson.loads(demo_file.read_bytes())["contacts"].values()]
    assert "Mine" in names and "Theirs" in names and len(names) == 42


def test_a_file_removed_between_the_first_look_and_the_full_read_is_not_made_anew(demo_file):
    repo = Repository.begin_open(demo_file, today=TODAY)
    try:
        demo_file.unlink()
        with pytest.raises(UnreadableFile, match="removed"):
            repo.finish_open()
        assert not demo_file.exists()
    finally:
        repo.close()
    assert not demo_file.exists()


def _count_reads(monkeypatch) -> list[int]:
    """The sizes of the reads first_look makes (it reads LOOK_CHUNK = 1 KiB first)."""
    import tui.store.head as head

    monkeypatch.setattr(head, "LOOK_CHUNK", 1024)
    read: list[int] = []
    real_open = open

    class Counting:
        def __init__(self, file):
            self.file = file

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def fileno(self):
            return self.file.fileno()

        def read(self, n=-1):
            chunk = self.file.read(n)
            read.append(len(chunk))
            return chunk

    monkeypatch.setattr(head, "open", lambda p, mode: Counting(real_open(p, mode)), raising=False)
    return read


def test_the_first_look_reads_only_the_head(demo_file, monkeypatch):
    """It reads up to the contacts, not the megabytes after them."""
    import tui.store.head as head

    raw = demo_file.read_bytes()
    # The contacts grow to a megabyte, as in a file of a few thousand: the head (a
    # couple of weeks of plan, ~18 KB with its stamps and ids) is then a few percent.
    padded = raw.replace(b'"name":"', b'"name":"' + b"x" * 25_000, 40)
    demo_file.write_bytes(padded)
    read = _count_reads(monkeypatch)
    look, _ = head.first_look(demo_file)
    assert look == head.head_tables(padded)
    assert padded.index(b'\n"contacts":') < sum(read) < 2 * padded.index(b'\n"contacts":') + 1024
    assert sum(read) < len(padded) / 4


def test_no_look_at_a_file_another_program_wrote_and_no_read_of_it_all(demo_file, monkeypatch):
    """TinyDB's own one-line layout: one chunk tells it is not Prize's; the file is
    then read once, whole, before the first frame (it was read twice)."""
    import tui.store.head as head

    whole = orjson.loads(demo_file.read_bytes())
    demo_file.write_bytes(json.dumps(whole).encode())  # as TinyDB's JSONStorage writes
    read = _count_reads(monkeypatch)
    assert head.first_look(demo_file)[0] is None
    assert read == [1024]
    repo = Repository.begin_open(demo_file, today=TODAY)
    try:
        assert not repo.loading and len(repo.contacts.all()) == 40
    finally:
        repo.close()
