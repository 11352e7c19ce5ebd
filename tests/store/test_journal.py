"""The journal (journal.py): an edit is durable once its line is synced, before the
file is rewritten; a run that dies between the two loses nothing.

Deaths are real: a writer subprocess (writer_proc.py `hold`) commits an edit to
its journal only, and is killed with SIGKILL.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
from datetime import date
from pathlib import Path

import orjson
import pytest
from test_crash import _say, kill_and_drain, read_line, start

from tui.model.contacts import Contact
from tui.store import Repository
from tui.store.journal import folder

DAY = date(2026, 3, 10)


def journals() -> list[Path]:
    return sorted(folder().glob("*.journal")) if folder().exists() else []


def names(repo: Repository) -> list[str]:
    return sorted(c.name for c in repo.contacts.all())


def kept_then_killed(path: Path, sub_env: dict, tmp_path: Path, *keep: str) -> None:
    """A Prize that adds a contact (saved to the file), then `keep`s more in its
    journal only, and dies before its file is rewritten."""
    holder = start(["hold", str(path)], sub_env, tmp_path)
    try:
        assert read_line(holder).startswith(b"ready ")
        for name in keep:
            assert _say(holder, f"keep {name}").startswith(b"kept ")
    finally:
        kill_and_drain(holder)
    assert holder.returncode == -signal.SIGKILL


def test_an_edit_in_the_journal_survives_a_kill_before_the_file_is_rewritten(
        tmp_path, sub_env):
    path = tmp_path / "prize.json"
    holder = start(["hold", str(path)], sub_env, tmp_path)
    try:
        assert read_line(holder).startswith(b"ready ")
        assert _say(holder, "keep Ada") == b"kept 2\n"
        assert b"Ada" not in path.read_bytes()  # in the journal only
        [live] = journals()
        assert stat.S_IMODE(live.stat().st_mode) == 0o600  # contact data: private
        assert stat.S_IMODE(folder().stat().st_mode) == 0o700
        # A running Prize's journal is its own: neither a report nor a second
        # Prize takes it in, or removes it.
        assert names(Repository.open_read_only(path)) == ["from the holder"]
        other = Repository.open(path, today=DAY)
        assert names(other) == ["from the holder"] and other.report.warnings == []
        other.close()
        assert journals() == [live]
    finally:
        kill_and_drain(holder)
    assert names(Repository.open_read_only(path)) == ["Ada", "from the holder"]
    assert journals() == [live]  # a report reads a dead run's journal, and leaves it
    repo = Repository.open(path, today=DAY)
    assert names(repo) == ["Ada", "from the holder"]
    assert any("Recovered 1 record" in w for w in repo.report.warnings)
    repo.close()
    assert journals() == []
    assert b"Ada" in path.read_bytes()
    again = Repository.open(path, today=DAY)
    assert names(again) == ["Ada", "from the holder"] and again.report.warnings == []
    again.close()


def test_a_journal_is_merged_with_the_copy_a_sync_tool_brought_after_the_crash(
        tmp_path, sub_env):
    path = tmp_path / "prize.json"
    kept_then_killed(path, sub_env, tmp_path, "Ada")
    # Meanwhile the other machine's copy, with an edit of its own, replaces the file.
    elsewhere = tmp_path / "other" / "prize.json"
    elsewhere.parent.mkdir()
    shutil.copy(path, elsewhere)
    other = Repository.open(elsewhere, today=DAY)
    other.contacts.add(Contact(name="from the other machine"))
    other.close()
    os.replace(elsewhere, path)
    repo = Repository.open(path, today=DAY)
    assert names(repo) == ["Ada", "from the holder", "from the other machine"]
    repo.close()
    assert journals() == []
    reread = Repository.open_read_only(path)
    assert names(reread) == ["Ada", "from the holder", "from the other machine"]


def test_a_line_cut_short_by_the_crash_is_left_and_the_lines_before_it_kept(
        tmp_path, sub_env):
    path = tmp_path / "prize.json"
    kept_then_killed(path, sub_env, tmp_path, "Ada", "Grace")
    [journal] = journals()
    lines = journal.read_bytes().split(b"\n")
    journal.write_bytes(b"\n".join(lines[:2]) + b"\n" + lines[2][: len(lines[2]) // 2])
    repo = Repository.open(path, today=DAY)
    assert names(repo) == ["Ada", "from the holder"]  # Grace was never confirmed
    repo.close()


def test_a_journal_prize_cannot_read_is_named_and_left_alone(tmp_path, data_path):
    repo = Repository.open(data_path, today=DAY)
    repo.contacts.add(Contact(name="Ada"))
    repo.close()
    folder().mkdir(parents=True)
    from tui.store.paths import file_key

    stray = folder() / f"{file_key(data_path)}.1.beef.journal"
    stray.write_bytes(b"PK\x03\x04 something else\nand more\n")
    repo = Repository.open(data_path, today=DAY)
    assert names(repo) == ["Ada"]
    assert any(str(stray) in w and "could not be read" in w for w in repo.report.warnings)
    repo.close()
    assert stray.read_bytes().startswith(b"PK")


def test_lines_the_file_already_holds_change_nothing(tmp_path, data_path):
    """A journal left with lines the file holds (its run died after the rewrite,
    before emptying it), even older ones, brings back no old value and no removed
    record, and records no conflict."""
    repo = Repository.open(data_path, today=DAY)
    ada = repo.contacts.add(Contact(name="Ada", notes="first"))
    gone = repo.contacts.add(Contact(name="Gone"))
    repo.commit()
    [live] = journals()
    stale = live.read_bytes()
    assert b'"first"' in stale and b"Gone" in stale
    repo.contacts.update(ada.replace(notes="second"))
    repo.contacts.remove(gone.id)
    repo.commit()
    repo.flush()
    assert orjson.loads(live.read_bytes().split(b"\n")[0])["prize_journal"] == 1
    assert live.read_bytes().count(b"\n") == 1  # emptied: its header only
    repo.close()
    assert journals() == []
    (folder() / live.name).write_bytes(stale)  # a dead run's, older than the file
    repo = Repository.open(data_path, today=DAY)
    assert [(c.name, c.notes) for c in repo.contacts.all()] == [("Ada", "second")]
    assert "conflicts" not in repo.raw_data()
    repo.close()
    assert journals() == []


def test_a_run_that_never_commits_writes_no_journal(data_path):
    repo = Repository.open(data_path, today=DAY)
    repo.contacts.add(Contact(name="Ada"))
    repo.flush()
    repo.close()
    assert journals() == []


def test_every_table_edit_and_removal_is_put_back_as_the_run_had_it(data_path):
    """A run's journal, copied as it died (its own stays locked by this process),
    put back on the very file it was made on: settings, a block and its mark, a
    contact changed and one removed, exactly as that run had them."""
    from tui.model.blocks import Block, BlockMark

    repo = Repository.open(data_path, today=DAY)
    ada = repo.contacts.add(Contact(name="Ada"))
    gone = repo.contacts.add(Contact(name="Gone"))
    repo.commit()
    repo.flush()
    repo.save_settings(repo.settings().replace(reminders=["call Ada"]))
    block = repo.blocks.add(Block(channel="LinkedIn", activity="posts", day="2026-03-10"))
    repo.marks.add(BlockMark(block_id=block.id, day="2026-03-10", state="done"))
    repo.contacts.update(ada.replace(notes="met"))
    repo.contacts.remove(gone.id)
    repo.commit()
    [live] = journals()
    shutil.copy(live, folder() / "copy.journal")
    (folder() / "copy.journal").rename(folder() / live.name.replace(".journal", "0.journal"))
    dead = {name: dict(table.items()) for name, table in repo.raw_data().items()}
    assert b"\"met\"" not in data_path.read_bytes()  # not flushed: the file is as before
    again = Repository.open(data_path, today=DAY)
    assert {name: dict(table.items()) for name, table in again.raw_data().items()} == dead
    again.close()


def dead_journal(data_path: Path, lines: list[bytes], name: str = "dead") -> Path:
    """A journal as a dead run of `data_path` would have left it."""
    from tui.store.paths import file_key

    folder().mkdir(parents=True, exist_ok=True)
    path = folder() / f"{file_key(data_path)}.{name}.journal"
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def header(version: int | None = None, base=()) -> bytes:
    from tui.store import schema

    return orjson.dumps({"prize_journal": 1, "file": list(base),
                         "schema": schema.SCHEMA_VERSION if version is None else version})


def test_an_unwritable_journal_folder_still_saves_the_edit_in_the_file(
        tmp_path, data_path, monkeypatch):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked / "state"))
    repo = Repository.open(data_path, today=DAY)
    repo.contacts.add(Contact(name="Ada"))
    assert repo.commit() == repo.generation and not repo.dirty
    assert b"Ada" in data_path.read_bytes()
    repo.close()


def test_a_line_cut_short_by_a_full_disk_does_not_hide_the_lines_after_it(
        data_path, monkeypatch):
    """The disk fills in the middle of a line, and the file cannot be rewritten
    either: the save fails, the piece is cut away, and the next line, confirmed
    once some space came back for it, is read back whole after a crash."""
    import tui.store.journal as journal_module
    from tui.store import WriteFailed

    repo = Repository.open(data_path, today=DAY)
    repo.contacts.add(Contact(name="Ada"))
    repo.commit()
    real_write, cut = os.write, []

    def write_half_then_fail(fd, data):
        if not cut:
            cut.append(real_write(fd, bytes(data)[: len(data) // 2]))
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as disk:
        disk.setattr("tui.store.repository.atomic_write", full_disk)
        disk.setattr(journal_module.os, "write", write_half_then_fail)
        repo.contacts.add(Contact(name="Bob"))
        with pytest.raises(WriteFailed):
            repo.commit()
        disk.setattr(journal_module.os, "write", real_write)
        repo.contacts.add(Contact(name="Cy"))
        repo.commit()  # Bob's line again, and Cy's: in the journal, not in the file
    assert b"Bob" not in data_path.read_bytes()
    [live] = journals()
    dead = shutil.copy(live, live.with_name(live.name.replace(".journal", "0.journal")))
    again = Repository.open(data_path, today=DAY)
    assert names(again) == ["Ada", "Bob", "Cy"]
    again.close()
    assert not Path(dead).exists()
    repo.close()


def test_a_dead_journal_with_nothing_new_is_removed_at_the_open(data_path):
    repo = Repository.open(data_path, today=DAY)
    repo.contacts.add(Contact(name="Ada"))
    repo.commit()
    [live] = journals()
    repo.flush()
    dead = dead_journal(data_path, [header(), b'{"g":1,"d":{}}'])
    stale = shutil.copy(live, folder() / live.name.replace(".journal", "0.journal"))
    again = Repository.open(data_path, today=DAY)
    assert journals() == [live] and again.report.warnings == []
    assert not dead.exists() and not Path(stale).exists()
    again.close()
    repo.close()


def test_a_journal_of_tombstones_alone_is_prizes(data_path):
    from tui.store.stamps import stone_key

    repo = Repository.open(data_path, today=DAY)
    ada = repo.contacts.add(Contact(name="Ada"))
    repo.close()
    key = stone_key("contacts", ada.id)
    stone = {"table": "contacts", "id": ada.id, "at": 2 ** 45, "seen": 2 ** 45}
    dead_journal(data_path, [header(), orjson.dumps({"g": 1, "d": {"tombstones": {key: stone}}})])
    again = Repository.open(data_path, today=DAY)
    assert names(again) == [] and not any("could not" in w for w in again.report.warnings)
    again.close()
    assert journals() == []


def test_an_older_prizes_journal_is_brought_to_this_schema(data_path):
    """A meeting journaled by schema 2 (before "booked") comes back migrated."""
    from tui.store import schema

    repo = Repository.open(data_path, today=DAY)
    ada = repo.contacts.add(Contact(name="Ada"))
    repo.close()
    meeting = {"contact_id": ada.id, "at": "2026-03-12T10:00:00+00:00", "_s": {"c": 0}}
    dead_journal(data_path, [header(schema.SCHEMA_VERSION - 1),
                             orjson.dumps({"g": 1, "d": {"meetings": {"77": meeting}}})])
    again = Repository.open(data_path, today=DAY)
    [found] = again.meetings.all()
    assert (found.contact_id, found.booked) == (ada.id, "2026-03-12T10:00:00+00:00")
    again.close()


@pytest.mark.parametrize("first, then", [
    (b'{"prize_journal":1,"schema":3,"file":[[1]]}', b'{"g":1,"d":{}}'),
    (b'{"prize_journal":1,"schema":3,"file":[["a","b"]]}', b'{"g":1,"d":{}}'),
    (b'{"prize_journal":1,"schema":99,"file":[]}', b'{"g":1,"d":{}}'),
    (b'{"prize_journal":1,"schema":3,"file":[]}',
     b'{"g":1,"d":{"meta":{"1":{"retired_ids":5}}}}'),
    (b'[1, 2]', b'{"g":1,"d":{}}'),
])
def test_a_damaged_journal_is_named_and_never_stops_the_open(data_path, first, then):
    repo = Repository.open(data_path, today=DAY)
    repo.contacts.add(Contact(name="Ada"))
    repo.close()
    dead = dead_journal(data_path, [first, then])
    for _ in range(2):  # (its lock freed: named again by the next open)
        again = Repository.open(data_path, today=DAY)
        assert names(again) == ["Ada"]
        assert [w for w in again.report.warnings if str(dead) in w]
        again.close()
    assert dead.exists()


def test_a_journal_a_dead_run_was_still_making_is_removed(data_path):
    from tui.store.paths import file_key

    repo = Repository.open(data_path, today=DAY)
    repo.close()
    folder().mkdir(parents=True)
    making = folder() / f"{file_key(data_path)}.9.beef.journal.new"
    making.write_bytes(header() + b"\n")
    Repository.open(data_path, today=DAY).close()
    assert not making.exists()
