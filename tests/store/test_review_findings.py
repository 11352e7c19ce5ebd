"""Review findings on the two-step open (b7a4ad4..HEAD): each test shows one bug.

Each failed before its fix.
"""

from __future__ import annotations

import json
import os

import orjson

from tests.conftest import TODAY
from tui.model.contacts import Contact
from tui.store import Repository, atomic
from tui.store.peek import running_session


def test_a_metadata_only_change_does_not_block_saving(db_path):
    repo = Repository.open(db_path, today=TODAY)
    try:
        repo.contacts.add(Contact(name="Before"))
        repo.flush()
        os.chmod(db_path, 0o600)  # same mode: the bytes and the mtime stay; the ctime moves
        repo.contacts.add(Contact(name="After"))
        repo.flush()  # the file did not change: nothing to merge
        assert repo.take_news() == []
    finally:
        repo.close()
    names = {d["name"] for d in orjson.loads(db_path.read_bytes())["contacts"].values()}
    assert names == {"Before", "After"}


def test_an_in_place_write_just_after_our_rename_is_not_overwritten(db_path, monkeypatch):
    repo = Repository.open(db_path, today=TODAY)
    real_fsync_dir = atomic.fsync_dir
    calls = []

    def fsync_then_other_program_writes(folder):
        real_fsync_dir(folder)
        if not calls:
            calls.append(folder)
            with open(db_path, "ab") as file:  # another program, in place (same inode)
                file.write(b"\n ")
    try:
        repo.contacts.add(Contact(name="Mine"))
        monkeypatch.setattr(atomic, "fsync_dir", fsync_then_other_program_writes)
        repo.flush()
        monkeypatch.setattr(atomic, "fsync_dir", real_fsync_dir)
        assert db_path.read_bytes().endswith(b"\n ")  # the other program's bytes
        repo.contacts.add(Contact(name="Later"))
        repo.flush()  # the other program's change is read and merged, not written over
        assert repo.take_news() == []  # (it added only blanks: nothing new in it)
    finally:
        monkeypatch.setattr(atomic, "fsync_dir", real_fsync_dir)
        repo.close()
    names = {d["name"] for d in orjson.loads(db_path.read_bytes())["contacts"].values()}
    assert names == {"Mine", "Later"}


def test_a_head_that_is_not_prize_layout_is_not_trusted(db_path):
    data = {
        "meta": {"1": {"schema_version": 1}},
        "contacts": {"1": {"name": "Ada"}},
        "sessions": {"1": {"channel": "LinkedIn", "started": "2026-11-26T08:00:00+00:00"}},
    }
    db_path.write_bytes(json.dumps(data, indent=0).encode())  # another program's layout
    repo = Repository.open(db_path, today=TODAY)  # a good Prize data file...
    assert repo.sessions.all()[0].running
    repo.close()
    session = running_session(db_path)
    assert session is not None and session.channel == "LinkedIn"  # ...but status sees none


def _file_with_a_contact_without_tags(db_path):
    db_path.write_bytes(orjson.dumps({
        "meta": {"1": {"schema_version": 1}},
        "contacts": {"1": {"name": "Ada"}},  # an older Prize / another program: no "tags"
    }))


def test_where_field_sees_the_default_of_a_missing_list_field(db_path):
    _file_with_a_contact_without_tags(db_path)
    repo = Repository.open(db_path, today=TODAY)
    try:
        before = [c.id for c in repo.contacts.where_field("tags", lambda tags: tags == [])]
        repo.contacts.all()  # records built
        after = [c.id for c in repo.contacts.where_field("tags", lambda tags: tags == [])]
        assert after == [1]
        assert before == after
    finally:
        repo.close()


def test_values_gives_copies_once_the_records_are_built(db_path):
    repo = Repository.open(db_path, today=TODAY)
    try:
        repo.contacts.add(Contact(name="Ada", tags=["x"]))
        repo.contacts.all()  # records built (any edit or list does it)
        [(tags,)] = repo.contacts.values("tags")
        tags.append("changed by a caller")
        assert repo.contacts.all()[0].tags == ["x"]
    finally:
        repo.close()


def test_a_meeting_stored_without_a_contact_opens_and_shows(db_path):
    db_path.write_bytes(orjson.dumps({
        "meta": {"1": {"schema_version": 1}},
        "meetings": {"1": {"at": "2026-11-26T10:00:00+01:00", "kind": "video"}},
    }))
    repo = Repository.open(db_path, today=TODAY)
    try:
        (meeting,) = repo.meetings.all()
        assert meeting.contact_id is None and meeting.kind == "video"
    finally:
        repo.close()


def test_a_file_replaced_while_prize_writes_is_merged_again_not_overwritten(db_path,
                                                                            monkeypatch):
    """A sync tool renames the other machine's file into place while Prize is writing
    its own: the rename is checked for just before Prize's, which merges again."""
    repo = Repository.open(db_path, today=TODAY)
    repo.contacts.add(Contact(name="Mine"))
    repo.flush()
    theirs = orjson.loads(db_path.read_bytes())
    theirs["contacts"]["7"] = {"name": "From the sync tool"}
    real_write_all = atomic._write_all
    replaced = []

    def write_then_the_tool_replaces(fd, parts):
        real_write_all(fd, parts)
        if not replaced:
            replaced.append(True)
            other = db_path.with_name("incoming.tmp")
            other.write_bytes(orjson.dumps(theirs))
            os.replace(other, db_path)

    monkeypatch.setattr(atomic, "_write_all", write_then_the_tool_replaces)
    repo.contacts.add(Contact(name="Mine too"))
    repo.flush()
    monkeypatch.setattr(atomic, "_write_all", real_write_all)
    repo.close()
    names = {d["name"] for d in orjson.loads(db_path.read_bytes())["contacts"].values()}
    assert names == {"Mine", "Mine too", "From the sync tool"}
