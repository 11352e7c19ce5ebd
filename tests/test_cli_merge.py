"""`prize merge OTHER.json [--dry-run]`: fold another Prize file in, by the sync rules."""

from __future__ import annotations

import shutil

import orjson

from tests.test_cli import assert_one_line_error, prize
from tui.model.contacts import Contact
from tui.store import Repository


def _files(tmp_path):
    """This file and an old laptop's copy of it; each changed since they parted."""
    data = tmp_path / "prize.json"
    repo = Repository.open(data, backup_days=0)
    ann = repo.contacts.add(Contact(name="Ann"))
    repo.close()
    old = tmp_path / "laptop.json"
    shutil.copy(data, old)
    laptop = Repository.open(old, backup_days=0)
    laptop.use_time(lambda: 2_000_000_000_000)  # (stamps in a known order, whatever the speed)
    laptop.contacts.add(Contact(name="From the laptop"))
    laptop.contacts.update(ann.replace(company="Old Co"))
    laptop.close()
    repo = Repository.open(data, backup_days=0)
    repo.use_time(lambda: 2_000_000_001_000)
    repo.contacts.update(ann.replace(company="New Co"))  # later: this one is kept
    repo.close()
    return data, old


def _contacts(path) -> dict[str, str]:
    return {d["name"]: d["company"]
            for d in orjson.loads(path.read_bytes())["contacts"].values()}


def test_a_dry_run_says_what_would_change_and_writes_nothing(tmp_path):
    data, old = _files(tmp_path)
    before = data.read_bytes()
    out = prize("merge", str(old), "--dry-run", "--db", str(data), home=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[:2] == [
        f"Dry run, nothing written: would merge {old}: 1 added; 1 conflict.",
        "  contacts: 1 added"]
    assert "conflict: contacts 'Ann' company: kept 'New Co', the other 'Old Co'" in out.stdout
    assert data.read_bytes() == before


def test_merge_folds_the_old_file_in_once(tmp_path):
    data, old = _files(tmp_path)
    out = prize("merge", str(old), "--db", str(data), home=tmp_path)
    assert out.returncode == 0, out.stderr
    assert _contacts(data) == {"Ann": "New Co", "From the laptop": ""}
    conflicts = list(orjson.loads(data.read_bytes())["conflicts"].values())
    assert [(c["field"], c["lost"]) for c in conflicts] == [("company", "Old Co")]
    before = data.read_bytes()
    again = prize("merge", str(old), "--db", str(data), home=tmp_path)
    assert again.stdout.startswith(f"Merged {old}: nothing new; 0 conflicts.")
    assert data.read_bytes() == before  # a second merge changes nothing


def test_a_foreign_or_missing_file_is_refused_with_one_line(tmp_path):
    data, _ = _files(tmp_path)
    before = data.read_bytes()
    foreign = tmp_path / "notes.json"
    foreign.write_text('{"todo": {"1": {"text": "x"}}}')
    line = assert_one_line_error(prize("merge", str(foreign), "--db", str(data), home=tmp_path))
    assert "another program" in line
    line = assert_one_line_error(prize("merge", str(tmp_path / "nope.json"), "--db", str(data),
                                       home=tmp_path))
    assert line.startswith("prize: cannot read") and "nope.json" in line
    line = assert_one_line_error(prize("merge", str(data), "--db", str(data), home=tmp_path))
    assert "the data file itself" in line
    assert data.read_bytes() == before
