"""A data file that cannot be read is refused with one clear line and never changed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest
from store_helpers import HERE, file_snapshot

from tui.model.contacts import Contact
from tui.store import Repository, UnreadableFile

DAY = date(2026, 3, 10)
OPEN_CLI = HERE / "open_cli.py"


def real_file_bytes(tmp_path: Path) -> bytes:
    """The bytes of a genuine data file, written by the store itself."""
    path = tmp_path / "source" / "prize.json"
    repo = Repository.open(path, today=DAY)
    for i in range(5):
        repo.contacts.add(Contact(name=f"Zoë {i} — 联系人", tags=["a", "b"], notes="x" * i))
    repo.save_settings(repo.settings().replace(theme="nord"))
    repo.close()
    return path.read_bytes()


V1 = {"meta": {"1": {"schema_version": 1}}}

VARIANTS: dict[str, bytes] = {
    "empty": b"",
    "whitespace only": b" \n\t\r\n  ",
    "not JSON": b"this is not JSON at all",
    "half a token": b'{"meta": tru',
    "trailing garbage": orjson.dumps(V1) + b" }",
    "JSON list": b"[1, 2, 3]",
    "JSON string": b'"prize"',
    "JSON number": b"42",
    "JSON null": b"null",
    "table is a list": orjson.dumps({**V1, "contacts": [{"name": "x"}]}),
    "table is a string": orjson.dumps({**V1, "contacts": "x"}),
    "document is a list": orjson.dumps({**V1, "contacts": {"1": ["x"]}}),
    "document id not a number": orjson.dumps({**V1, "contacts": {"abc": {"name": "x"}}}),
    "document id negative": orjson.dumps({**V1, "contacts": {"-1": {"name": "x"}}}),
    "document id a decimal": orjson.dumps({**V1, "contacts": {"1.5": {"name": "x"}}}),
    "document id a superscript digit": orjson.dumps({**V1, "contacts": {"²": {"name": "x"}}}),
    "newer schema": orjson.dumps({"meta": {"1": {"schema_version": 99}}}),
    "schema_version a string": orjson.dumps({"meta": {"1": {"schema_version": "1"}}}),
    "schema_version a float": orjson.dumps({"meta": {"1": {"schema_version": 1.5}}}),
    "schema_version negative": orjson.dumps({"meta": {"1": {"schema_version": -1}}}),
    "schema_version a boolean": orjson.dumps({"meta": {"1": {"schema_version": True}}}),
    "schema_version missing": orjson.dumps({"meta": {"1": {"app": "prize"}}}),
    "meta is a list": b'{"meta": [{"schema_version": 1}]}',
    "invalid UTF-8": (b'{"meta": {"1": {"schema_version": 1}}, '
                      b'"contacts": {"1": {"name": "\xff\xfe"}}}'),
    "UTF-8 cut inside a character": '{"contacts": {"1": {"name": "é'.encode()[:-1],
    "NUL bytes": b"\x00" * 64,
    "UTF-16 text": orjson.dumps(V1).decode().encode("utf-16"),
}


def assert_refused(path: Path, *, backup: Path | None = None) -> UnreadableFile:
    """Open `path`: UnreadableFile, one line naming it (and the backup), file untouched."""
    before = file_snapshot(path)
    folder_before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(UnreadableFile) as info:
        Repository.open(path, today=DAY)
    err = info.value
    message = str(err)
    assert err.path == path
    assert str(path) in message
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"cannot read {path}: ")
    if backup is None:
        assert "no backup found" in message
    else:
        assert err.backup == backup
        assert str(backup) in message
    assert file_snapshot(path) == before
    # Nothing was added beside it either (the lock file may already be there).
    after = sorted(p.name for p in path.parent.iterdir())
    assert set(after) - set(folder_before) <= {path.name + ".lock"}
    # The lock was released: fixing the file is enough to open it.
    return err


@pytest.mark.parametrize("name", list(VARIANTS))
def test_unreadable_variants_are_refused_untouched(data_path, name):
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(VARIANTS[name])
    err = assert_refused(data_path)
    assert err.reason  # a reason is given
    if name == "newer schema":
        assert "newer" in str(err) and "99" in str(err)
    if name == "invalid UTF-8":
        assert "UTF-8" in str(err)


@pytest.mark.parametrize("name", ["empty", "JSON list", "newer schema", "invalid UTF-8"])
def test_message_names_the_newest_backup(data_path, name):
    # A real day of use: created, opened the next day (daily backup), then broken.
    Repository.open(data_path, today=DAY).close()
    repo = Repository.open(data_path, today=date(2026, 3, 11))
    backup = repo.report.daily_backup
    assert backup is not None and backup.exists()
    repo.close()
    data_path.write_bytes(VARIANTS[name])
    backup_bytes = backup.read_bytes()
    assert_refused(data_path, backup=backup)
    assert backup.read_bytes() == backup_bytes


def test_newest_of_several_backups_is_named(data_path):
    Repository.open(data_path, today=DAY).close()
    made = []
    for day in (11, 12, 13):
        repo = Repository.open(data_path, today=date(2026, 3, day))
        made.append(repo.report.daily_backup)
        repo.close()
    t = os.stat(made[0]).st_mtime_ns
    for i, p in enumerate(made):  # mtimes that leave no doubt which is newest
        os.utime(p, ns=(t + i * 10**9, t + i * 10**9))
    data_path.write_bytes(b"{")
    assert_refused(data_path, backup=made[-1])


def test_truncated_real_file_at_many_offsets(tmp_path, data_path):
    raw = real_file_bytes(tmp_path)
    assert len(raw) > 200
    offsets = sorted(
        {1, 2, 10, 11, len(raw) // 3, len(raw) // 2, len(raw) - 2, len(raw) - 1}
        | set(range(0, len(raw), max(1, len(raw) // 40)))
    )
    data_path.parent.mkdir(parents=True)
    for offset in offsets:
        data_path.write_bytes(raw[:offset])
        err = assert_refused(data_path)
        assert err.path == data_path, offset
    # And the whole file is fine.
    data_path.write_bytes(raw)
    repo = Repository.open(data_path, today=DAY)
    assert len(repo.contacts) == 5
    repo.close()


def test_a_folder_where_the_file_should_be(data_path):
    data_path.mkdir(parents=True)
    with pytest.raises(UnreadableFile) as info:
        Repository.open(data_path, today=DAY)
    assert str(data_path) in str(info.value)
    assert data_path.is_dir() and list(data_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission(data_path):
    Repository.open(data_path, today=DAY).close()
    os.chmod(data_path, 0o000)
    try:
        with pytest.raises(UnreadableFile) as info:
            Repository.open(data_path, today=DAY)
        assert str(data_path) in str(info.value)
    finally:
        os.chmod(data_path, 0o600)


def test_fixing_the_file_lets_it_open(data_path):
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(b"[]")
    assert_refused(data_path)
    data_path.write_bytes(orjson.dumps(V1))
    Repository.open(data_path, today=DAY).close()


# -- the real command line -----------------------------------------------------


def run_cli(path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(OPEN_CLI), str(path)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=path.parent,
        timeout=60,
    )


def test_cli_prints_one_line_and_exits_2(data_path, sub_env):
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(b'{"contacts": ')
    before = file_snapshot(data_path)
    done = run_cli(data_path, sub_env)
    assert done.returncode == 2, done
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"prize: cannot read {data_path}: ")
    assert "no backup found" in lines[0]
    assert "Traceback" not in done.stderr
    assert file_snapshot(data_path) == before


def test_cli_names_the_backup_in_its_one_line(data_path, sub_env):
    Repository.open(data_path, today=DAY).close()
    repo = Repository.open(data_path, today=date(2026, 3, 11))
    backup = repo.report.daily_backup
    repo.close()
    data_path.write_bytes(b"\xff\xfe garbage")
    done = run_cli(data_path, sub_env)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and str(backup) in lines[0] and str(data_path) in lines[0]
    assert "Traceback" not in done.stderr


def test_cli_opens_a_good_file(data_path, sub_env):
    Repository.open(data_path, today=DAY).close()
    done = run_cli(data_path, sub_env)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.strip() == "ok 0 contacts"


@pytest.mark.parametrize(
    "table, doc",
    [
        ("contacts", {"company": "Acme"}),
        ("contacts", {"name": 42}),
        ("interactions", {"contact_id": "1", "at": "2026-11-26T10:00:00+00:00"}),
        ("sessions", {"channel": "LinkedIn"}),
        ("marks", {"block_id": True, "day": "2026-11-26", "state": "done"}),
    ],
)
def test_damaged_documents_are_refused_at_open(tmp_path, table, doc):
    from tui.store import Repository, UnreadableFile

    path = tmp_path / "prize.json"
    raw = orjson.dumps({"meta": {"1": {"schema_version": 1}}, table: {"1": doc}})
    path.write_bytes(raw)
    with pytest.raises(UnreadableFile, match=f"table '{table}' has no valid"):
        Repository.open(path)
    assert path.read_bytes() == raw
