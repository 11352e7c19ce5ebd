"""Conflict copies left by sync tools: found by each tool's naming, merged, set aside."""

from __future__ import annotations

import shutil

import orjson
import pytest

from tui.model.contacts import Contact
from tui.store import Repository
from tui.store.backups import backup_dir
from tui.store.conflict_copies import SET_ASIDE, find, merge_copies

COPIES = {
    "prize.sync-conflict-20261206-101010-ABCDEFG.json": "Syncthing",
    "prize.sync-conflict-20190101-120000.json": "Syncthing",
    "prize (MacBook's conflicted copy 2026-12-06).json": "Dropbox",
    "prize (conflicted copy 2026-12-06 (1)).json": "Dropbox",
    "prize (conflicted copy 2026-12-06 101010).json": "Nextcloud",
    "prize_conflict-20261206-101010.json": "ownCloud",
    "prize-DESKTOP-4F2A9C1.json": "OneDrive",
    "prize (1).json": "Google Drive",
}
NOT_COPIES = ["prize.json.lock", "prize-old.json", "prize.json.bak", "other.json",
              "prize.sync-conflict-2026-ABC.json", "prizes (1).json", ".prize.json.tmp"]


def test_each_tools_naming_is_found_and_nothing_else(tmp_path):
    data = tmp_path / "prize.json"
    data.write_text("{}")
    for name in [*COPIES, *NOT_COPIES]:
        (tmp_path / name).write_text("{}")
    found = {c.path.name: c.tool for c in find(data)}
    assert found == COPIES


def _copy_with(tmp_path, data, name: str, contact: str):
    """A copy of the data file (as the other machine had it) with one more contact."""
    other = tmp_path / "elsewhere" / "prize.json"
    other.parent.mkdir(exist_ok=True)
    shutil.copy(data, other)
    repo = Repository.open(other, backup_days=0)
    repo.contacts.add(Contact(name=contact))
    repo.close()
    shutil.copy(other, tmp_path / name)
    other.unlink()


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "prize.json"
    repo = Repository.open(path, backup_days=0)
    repo.contacts.add(Contact(name="Ann"))
    repo.close()
    return path


def _names(path) -> list[str]:
    return sorted(d["name"] for d in orjson.loads(path.read_bytes())["contacts"].values())


def test_copies_are_merged_in_and_set_aside_in_any_order(tmp_path, data):
    _copy_with(tmp_path, data, "prize.sync-conflict-20261206-101010-ABCDEFG.json", "From B")
    _copy_with(tmp_path, data, "prize (MacBook's conflicted copy 2026-12-06).json", "From Mac")
    repo = Repository.open(data, backup_days=0)
    taken = merge_copies(repo)
    assert sorted(copy.tool for copy, _ in taken) == ["Dropbox", "Syncthing"]
    assert [n.summary for _, n in taken] == ["1 added", "1 added"]
    repo.close()
    assert _names(data) == ["Ann", "From B", "From Mac"]
    aside = backup_dir(data) / SET_ASIDE
    assert len(list(aside.iterdir())) == 2 and find(data) == []
    # The same copy again changes nothing.
    shutil.copy(next(aside.iterdir()), tmp_path / "prize.sync-conflict-20261206-111111.json")
    before = data.read_bytes()
    repo = Repository.open(data, backup_days=0)
    [(_, news)] = merge_copies(repo)
    repo.close()
    assert news.summary == "nothing new" and data.read_bytes() == before


def test_a_loose_name_that_is_another_file_is_left_alone(tmp_path, data):
    stranger = tmp_path / "elsewhere.json"
    repo = Repository.open(stranger, backup_days=0)
    repo.contacts.add(Contact(name="Someone else's"))
    repo.close()
    shutil.move(stranger, tmp_path / "prize (1).json")
    _copy_with(tmp_path, data, "prize-LAPTOP-1.json", "From OneDrive")
    repo = Repository.open(data, backup_days=0)
    taken = merge_copies(repo)
    repo.close()
    assert [copy.tool for copy, _ in taken] == ["OneDrive"]
    assert _names(data) == ["Ann", "From OneDrive"]
    assert (tmp_path / "prize (1).json").exists()  # not ours: not merged, not moved


def test_an_unreadable_copy_is_left_where_it_is(tmp_path, data):
    copy = tmp_path / "prize.sync-conflict-20261206-101010-ABCDEFG.json"
    copy.write_bytes(b'{"meta": {"1": {"schema_ver')
    before = data.read_bytes()
    repo = Repository.open(data, backup_days=0)
    assert merge_copies(repo) == []
    repo.close()
    assert copy.exists() and data.read_bytes() == before
