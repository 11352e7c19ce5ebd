"""Faults during a write: the disk fills up, or the write fails. Nothing on disk is damaged,
the edit stays in memory, and the next save after the fault writes it."""

from __future__ import annotations

import errno
import os

import orjson
import pytest

from tui.model.contacts import Contact
from tui.store import Repository, WriteFailed
from tui.store import atomic as atomic_mod


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO, errno.EDQUOT])
@pytest.mark.parametrize("failing", ["writev", "fsync", "replace"])
def test_a_failed_write_keeps_the_old_file_and_the_edit(tmp_path, monkeypatch, error, failing):
    path = tmp_path / "prize.json"
    repo = Repository.open(path)
    repo.contacts.add(Contact(name="Ann"))
    repo.flush()
    before = path.read_bytes()

    real = getattr(os, failing)
    calls = {"n": 0}

    def broken(*args, **kwargs):
        calls["n"] += 1
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(atomic_mod.os, failing, broken)
    repo.contacts.add(Contact(name="Bo"))
    with pytest.raises(WriteFailed, match="kept in memory"):
        repo.flush()
    assert calls["n"] >= 1
    assert path.read_bytes() == before  # the old file, whole
    assert not list(tmp_path.glob("*.prize-tmp"))  # no stray temp file
    assert repo.dirty and [c.name for c in repo.contacts.all()] == ["Ann", "Bo"]

    monkeypatch.setattr(atomic_mod.os, failing, real)  # space freed
    repo.flush()
    assert not repo.dirty
    names = [d["name"] for d in orjson.loads(path.read_bytes())["contacts"].values()]
    assert names == ["Ann", "Bo"]
    repo.close()


def test_backup_folder_that_cannot_be_written_is_a_warning_not_a_failure(tmp_path):
    path = tmp_path / "prize.json"
    Repository.open(path).close()
    (tmp_path / "prize-backups").rmdir() if (tmp_path / "prize-backups").exists() else None
    (tmp_path / "prize-backups").write_text("a file where the folder should be")
    repo = Repository.open(path, backup_days=14)
    assert any("daily backup not written" in w for w in repo.report.warnings)
    repo.contacts.add(Contact(name="Ann"))
    repo.close()
    assert "Ann" in path.read_text()
