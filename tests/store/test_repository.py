"""Unit tests of tui.store: opening, collections, flushing, backups, migration, conflicts."""

from __future__ import annotations

import os
import random
import stat
import tempfile
import threading
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import file_snapshot

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact, Interaction, Meeting, Stage
from tui.model.plan import DailyReview, Settings, Template, WeekGoals
from tui.model.sessions import FocusSession
from tui.store import (
    AlreadyOpen,
    Repository,
    StoreError,
    UnreadableFile,
    WriteFailed,
)
from tui.store import atomic as atomic_mod
from tui.store import backups as backups_mod
from tui.store import repository as repository_mod
from tui.store.encoder import encode_whole
from tui.store.lock import lock_path
from tui.store.schema import SCHEMA_VERSION

DAY = date(2026, 3, 10)


def open_repo(path: Path, **kw) -> Repository:
    kw.setdefault("today", DAY)
    return Repository.open(path, **kw)


def backup_folder(path: Path) -> Path:
    return path.with_name(f"{path.stem}-backups")


def write_json(path: Path, data) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = orjson.dumps(data)
    path.write_bytes(raw)
    return raw


def samples() -> dict[str, list]:
    """One or two records of every stored dataclass, with awkward values."""
    return {
        "blocks": [
            Block(
                channel="LinkedIn",
                activity="DMs",
                target="5 people",
                day="2026-03-09",
                start="08:30",
                minutes=45,
                rrule="FREQ=WEEKLY;BYDAY=MO,WE",
                exdates=["2026-03-11"],
                notes="ünïcødé ✓",
            ),
            Block(channel="Email", day="2026-03-12", series_id=1),
        ],
        "marks": [BlockMark(block_id=1, day="2026-03-09", state="partly")],
        "goals": [
            WeekGoals(
                week="2026-W11",
                budgets={"LinkedIn": 120, "Email": 30},
                goals={"meetings": 2, "contacts": 10},
            )
        ],
        "templates": [
            Template(
                name="Normal week", blocks=[{"channel": "Phone", "weekday": 2, "start": "10:00"}]
            )
        ],
        "contacts": [
            Contact(
                name="Ada Lovelace",
                company="Analytical",
                tags=["math", "vip"],
                priority=3,
                notes='line1\nline2 "quoted" [bold]x[/bold] \x1b[31m',
                stage=Stage.MET.value,
                follow_up="2026-03-20",
                cadence_days=14,
                created="2026-01-01",
            ),
            Contact(name="李小龍 🐉", channel="X/Twitter"),
        ],
        "interactions": [
            Interaction(
                contact_id=1,
                at="2026-03-09T10:00:00+01:00",
                channel="Email",
                kind="email",
                note="hi",
            )
        ],
        "meetings": [
            Meeting(
                contact_id=None,
                at="2026-03-11T15:30:00-05:00",
                minutes=45,
                kind="in person",
                place="Café",
            )
        ],
        "sessions": [
            FocusSession(
                channel="LinkedIn",
                mode="pomodoro",
                planned_minutes=25,
                started="2026-03-09T09:00:00+00:00",
                ended="2026-03-09T09:30:00+00:00",
                pauses=[["2026-03-09T09:10:00+00:00", "2026-03-09T09:12:00+00:00"]],
                block_id=1,
                block_day="2026-03-09",
                contact_id=2,
                outcome={"contacts": 3, "replies": 1, "note": "ok"},
            ),
            FocusSession(
                channel="Email",
                started="2026-03-10T09:00:00+00:00",
                pauses=[["2026-03-10T09:05:00+00:00", None]],
            ),
        ],
        "reviews": [DailyReview(day="2026-03-09", top3=["a", "b", "c"], note="good day")],
    }


# -- creating ------------------------------------------------------------------


def test_new_file_is_private_and_valid_tinydb(data_path):
    repo = open_repo(data_path)
    try:
        assert repo.report.created
        assert stat.S_IMODE(os.stat(data_path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(data_path.parent).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(lock_path(data_path)).st_mode) & 0o077 == 0
        assert not repo.dirty and repo.generation == 0
        data = orjson.loads(data_path.read_bytes())
        assert data["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
        assert repo.contacts.all() == []
    finally:
        repo.close()


def test_new_file_in_existing_folder_keeps_mode_0600(tmp_path):
    path = tmp_path / "prize.json"
    old_umask = os.umask(0)
    try:
        Repository.open(path, today=DAY).close()
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_file_is_plain_tinydb_json(data_path):
    from tinydb import TinyDB

    repo = open_repo(data_path)
    grace = repo.contacts.add(Contact(name="Grace", tags=["navy"]))
    ada = repo.contacts.add(Contact(name="Ada"))
    repo.interactions.add(Interaction(contact_id=ada.id, at="2026-11-20T10:00:00+00:00"))
    repo.close()
    db = TinyDB(data_path, access_mode="r")
    try:
        docs = db.table("contacts").all()
        assert [d.doc_id for d in docs] == [grace.id, ada.id]
        assert docs[0]["name"] == "Grace" and docs[0]["tags"] == ["navy"]
        assert db.table("interactions").all()[0]["contact_id"] == ada.id
        assert db.table("meta").all() == [{"schema_version": SCHEMA_VERSION}]
    finally:
        db.close()


# -- collections -----------------------------------------------------------------


def test_round_trip_of_every_collection(data_path):
    repo = open_repo(data_path)
    added = {}
    for table, records in samples().items():
        coll = getattr(repo, table)
        added[table] = [coll.add(r) for r in records]
        ids = [r.id for r in added[table]]
        assert ids == sorted(set(ids)), ids  # each new, and in the order they were added
    repo.save_settings(repo.settings().replace(theme="nord", bell=False, reminders=["x"]))
    repo.close()

    again = open_repo(data_path)
    try:
        for table, records in added.items():
            assert getattr(again, table).all() == records, table
            for rec in records:
                assert getattr(again, table).get(rec.id) == rec
        s = again.settings()
        assert (s.theme, s.bell, s.reminders, s.id) == ("nord", False, ["x"], 1)
        assert not again.dirty
    finally:
        again.close()


def test_add_many_and_remove_many(data_path):
    repo = open_repo(data_path)
    added = repo.contacts.add_many(Contact(name=f"c{i}") for i in range(10))
    ids = [c.id for c in added]
    assert ids == sorted(set(ids))  # ten new ids, in the order of the records
    missing = max(ids) + 1
    gen = repo.generation
    removed = repo.contacts.remove_many([ids[1], ids[3], missing])
    assert [c.name for c in removed] == ["c1", "c3"]
    assert repo.generation == gen + 1
    assert repo.contacts.remove_many([missing]) == [] and repo.generation == gen + 1
    repo.close()
    again = open_repo(data_path)
    assert [c.id for c in again.contacts.all()] == [i for i in ids if i not in (ids[1], ids[3])]
    again.close()


def test_update_remove_restore_keeps_the_id(data_path):
    repo = open_repo(data_path)
    a = repo.contacts.add(Contact(name="A"))
    b = repo.contacts.add(Contact(name="B", tags=["t"]))
    repo.contacts.update(b.replace(notes="edited"))
    assert repo.contacts.get(b.id).notes == "edited"
    assert repo.contacts.get(b.id).tags == ["t"]

    gone = repo.contacts.remove(a.id)
    assert gone == a
    assert repo.contacts.get(a.id) is None
    assert [c.id for c in repo.contacts.all()] == [b.id]
    assert len(repo.contacts) == 1

    repo.contacts.restore(gone)  # undo
    assert repo.contacts.get(a.id) == a
    assert {c.id for c in repo.contacts.all()} == {a.id, b.id}

    c = repo.contacts.add(Contact(name="C"))
    assert c.id not in (a.id, b.id)
    repo.close()

    again = open_repo(data_path)
    try:
        assert again.contacts.get(a.id) == a
        assert again.contacts.get(b.id).notes == "edited"
        assert again.contacts.get(c.id).name == "C"
        assert len(again.contacts) == 3
    finally:
        again.close()


def test_remove_of_a_missing_id_changes_nothing(data_path):
    repo = open_repo(data_path)
    repo.contacts.add(Contact(name="A"))
    repo.flush()
    gen = repo.generation
    assert repo.contacts.remove(42) is None
    assert repo.meetings.remove_many([42]) == []  # a table the file does not have yet
    assert repo.generation == gen and not repo.dirty
    repo.contacts.add(Contact(name="B"))
    repo.close()
    assert "meetings" not in orjson.loads(data_path.read_bytes())  # not even an empty one


def test_update_of_a_record_never_added_is_refused(data_path):
    repo = open_repo(data_path)
    with pytest.raises(ValueError):
        repo.contacts.update(Contact(name="nobody"))
    assert repo.generation == 0
    repo.close()


def test_where_and_len(data_path):
    repo = open_repo(data_path)
    repo.contacts.add_many(Contact(name=f"n{i}", priority=i % 3) for i in range(9))
    assert [c.name for c in repo.contacts.where(lambda c: c.priority == 2)] == ["n2", "n5", "n8"]
    assert len(repo.contacts) == 9
    repo.close()


def test_records_do_not_alias_the_callers_objects(data_path):
    """Mutating a record after handing it to the store must not change the stored data."""
    repo = open_repo(data_path)
    mine = Contact(name="A", tags=["x"])
    added = repo.contacts.add(mine)
    repo.flush()
    mine.tags.append("caller")
    added.tags.append("returned")
    assert repo.contacts.get(added.id).tags == ["x"]
    assert not repo.dirty

    edit = repo.contacts.get(added.id).replace(tags=["y"])
    repo.contacts.update(edit)
    edit.tags.append("later")
    assert repo.contacts.get(added.id).tags == ["y"]
    repo.close()
    again = open_repo(data_path)
    assert again.contacts.get(added.id).tags == ["y"]
    again.close()


def test_records_read_back_do_not_alias_the_stored_documents(data_path):
    repo = open_repo(data_path)
    a = repo.contacts.add(Contact(name="A", tags=["x"]))
    repo.flush()
    repo.contacts.all()[0].tags.append("oops")  # misuse of a read-only record
    repo.contacts.all().clear()  # misuse of the cached list
    raw = orjson.loads(encode_whole(repo._storage.data))
    assert raw["contacts"][str(a.id)]["tags"] == ["x"]
    repo.close()


def _apply(repo: Repository, model: dict[int, Contact], removed: list[Contact], op, rng):
    kind = op
    if kind == "add" or (not model and kind in ("update", "remove")):
        c = repo.contacts.add(Contact(name=f"n{rng.random():.6f}", tags=[str(len(model))]))
        model[c.id] = c
    elif kind == "update":
        rid = rng.choice(list(model))
        new = model[rid].replace(notes=f"v{rng.randrange(10**6)}", priority=rng.randrange(5))
        repo.contacts.update(new)
        model[rid] = new
    elif kind == "remove":
        rid = rng.choice(list(model))
        got = repo.contacts.remove(rid)
        assert got == model.pop(rid)
        removed.append(got)
    elif kind == "restore" and removed:
        rec = removed.pop(rng.randrange(len(removed)))
        repo.contacts.restore(rec)
        model[rec.id] = rec
    elif kind == "read":
        repo.contacts.all()
    elif kind == "flush":
        repo.flush()


@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    ops=st.lists(
        st.sampled_from(["add", "update", "remove", "restore", "read", "flush"]), max_size=60
    ),
    seed=st.integers(0, 2**32 - 1),
    warm=st.booleans(),
)
def test_cache_matches_the_table_after_any_edits(ops, seed, warm):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prize.json"
        repo = open_repo(path)
        model: dict[int, Contact] = {}
        removed: list[Contact] = []
        for c in repo.contacts.add_many(Contact(name=f"seed{i}") for i in range(3)):
            model[c.id] = c
        if warm:
            repo.contacts.all()
        for op in ops:
            _apply(repo, model, removed, op, rng)
            assert repo.contacts.all() == list(model.values())
            for rid, rec in model.items():
                assert repo.contacts.get(rid) == rec
            for rec in removed:
                if rec.id not in model:
                    assert repo.contacts.get(rec.id) is None
        # A cold rebuild from the table agrees with the patched cache.
        fresh = repository_mod.Collection(
            repo._storage, Contact, repo.lock,
            lambda table, ids: None, repo._ids, repo._history,
        )
        assert fresh.all() == repo.contacts.all()
        repo.close()
        again = open_repo(path)
        assert again.contacts.all() == list(model.values())
        again.close()


# -- flushing --------------------------------------------------------------------


def test_flush_coalesces(data_path, monkeypatch):
    repo = open_repo(data_path)
    writes = []
    real = repository_mod.atomic_write

    def counting(path, data, *a, **kw):
        writes.append(path)
        return real(path, data, *a, **kw)

    monkeypatch.setattr(repository_mod, "atomic_write", counting)
    repo.contacts.add(Contact(name="A"))
    repo.contacts.add(Contact(name="B"))
    assert repo.flush() == 2
    assert len(writes) == 1
    before = os.stat(data_path)
    assert repo.flush() == 2
    after = os.stat(data_path)
    assert len(writes) == 1
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    repo.close()
    assert len(writes) == 1  # close had nothing to write either
    after_close = os.stat(data_path)
    assert (after_close.st_ino, after_close.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_open_then_flush_without_edits_writes_nothing(data_path):
    open_repo(data_path).close()
    snap = file_snapshot(data_path)
    repo = open_repo(data_path)
    assert repo.flush() == 0
    repo.close()
    assert file_snapshot(data_path) == snap


def test_flush_replaces_the_file_atomically(data_path):
    repo = open_repo(data_path)
    ino = os.stat(data_path).st_ino
    repo.contacts.add(Contact(name="A"))
    repo.flush()
    assert os.stat(data_path).st_ino != ino  # a new file renamed over the old one
    assert stat.S_IMODE(os.stat(data_path).st_mode) == 0o600
    leftovers = [p.name for p in data_path.parent.iterdir() if p.name.endswith(".prize-tmp")]
    assert leftovers == []
    repo.close()


def test_dirty_and_generation(data_path):
    repo = open_repo(data_path)
    assert (repo.dirty, repo.generation) == (False, 0)
    a = repo.contacts.add(Contact(name="A"))
    assert (repo.dirty, repo.generation) == (True, 1)
    repo.blocks.add(Block(channel="Email", day="2026-03-10"))
    assert repo.generation == 2
    assert repo.flush() == 2
    assert (repo.dirty, repo.generation) == (False, 2)
    repo.contacts.update(a.replace(notes="n"))
    assert (repo.dirty, repo.generation) == (True, 3)
    repo.contacts.remove(a.id)
    assert repo.generation == 4
    repo.save_settings(Settings(theme="x"))
    assert repo.generation == 5
    assert repo.flush() == 5
    assert not repo.dirty
    repo.close()


def test_close_flushes_pending_edits_and_frees_the_lock(data_path):
    repo = open_repo(data_path)
    repo.contacts.add(Contact(name="A"))
    repo.close()
    again = open_repo(data_path)
    assert [c.name for c in again.contacts.all()] == ["A"]
    again.close()


def test_flush_from_a_worker_thread_while_editing(data_path):
    repo = open_repo(data_path)
    stop = threading.Event()
    errors = []

    def flusher():
        try:
            while not stop.is_set():
                repo.flush()
        except BaseException as exc:  # noqa: BLE001  # reported by the main thread
            errors.append(exc)

    worker = threading.Thread(target=flusher)
    worker.start()
    try:
        for i in range(300):
            c = repo.contacts.add(Contact(name=f"c{i}"))
            if i % 3 == 0:
                repo.contacts.update(c.replace(notes=str(i)))
            if i % 7 == 0:
                repo.contacts.remove(c.id)
    finally:
        stop.set()
        worker.join()
    assert errors == []
    expected = repo.contacts.all()
    repo.close()
    again = open_repo(data_path)
    assert again.contacts.all() == expected
    again.close()


# -- settings -------------------------------------------------------------------


def test_settings_default_and_save(data_path):
    repo = open_repo(data_path)
    assert repo.settings() == Settings(id=1)
    assert repo.generation == 0  # reading the default writes nothing
    repo.save_settings(repo.settings().replace(weekly_hours_goal=12.5, theme="gruvbox"))
    repo.save_settings(repo.settings().replace(bell=False))
    s = repo.settings()
    assert (s.weekly_hours_goal, s.theme, s.bell, s.id) == (12.5, "gruvbox", False, 1)
    assert len(repo._settings.all()) == 1
    repo.close()
    again = open_repo(data_path)
    assert again.settings() == s
    assert len(orjson.loads(data_path.read_bytes())["settings"]) == 1
    again.close()


def test_save_settings_without_an_id(data_path):
    repo = open_repo(data_path)
    repo.save_settings(Settings(theme="a"))
    repo.save_settings(Settings(theme="b"))
    assert repo.settings().theme == "b" and len(repo._settings.all()) == 1
    repo.close()


# -- stale temp files ------------------------------------------------------------


def test_stale_temp_files_are_removed_on_open(data_path):
    open_repo(data_path).close()
    folder = data_path.parent
    stale = [
        folder / f".{data_path.name}.12345.987654321.prize-tmp",
        folder / f".{data_path.name}.anything.prize-tmp",
        folder / f".{data_path.name}..prize-tmp",
    ]
    for p in stale:
        p.write_bytes(b'{"half": ')
    unrelated = [
        folder / ".other.json.1.prize-tmp",  # another data file's temp
        folder / f"{data_path.name}.1.prize-tmp",  # no leading dot: not ours
        folder / "notes.txt",
    ]
    for p in unrelated:
        p.write_bytes(b"keep")
    snap = file_snapshot(data_path)
    repo = open_repo(data_path)
    try:
        assert [p for p in stale if p.exists()] == []
        assert all(p.read_bytes() == b"keep" for p in unrelated)
        assert file_snapshot(data_path) == snap
    finally:
        repo.close()


def test_clean_stale_temps_matches_only_this_file(tmp_path):
    data = tmp_path / "a.json"
    mine = tmp_path / ".a.json.1.2.prize-tmp"
    other = tmp_path / ".ab.json.1.2.prize-tmp"
    mine.write_bytes(b"")
    other.write_bytes(b"")
    assert atomic_mod.clean_stale_temps(data) == [mine]
    assert other.exists()


# -- daily backups ---------------------------------------------------------------


def test_daily_backup_once_per_day(data_path):
    open_repo(data_path, today=DAY).close()  # creates; nothing to back up yet
    assert not backup_folder(data_path).exists() or not list(backup_folder(data_path).iterdir())

    first_bytes = data_path.read_bytes()
    repo = open_repo(data_path, today=DAY)
    target = backup_folder(data_path) / f"prize-{DAY.isoformat()}.json"
    assert repo.report.daily_backup == target
    assert target.read_bytes() == first_bytes
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(backup_folder(data_path)).st_mode) == 0o700
    repo.contacts.add(Contact(name="after the backup"))
    repo.close()

    snap = file_snapshot(target)
    repo = open_repo(data_path, today=DAY)  # same day: no second backup
    assert repo.report.daily_backup is None
    repo.close()
    assert file_snapshot(target) == snap

    second_bytes = data_path.read_bytes()
    repo = open_repo(data_path, today=DAY + timedelta(days=1))
    nxt = backup_folder(data_path) / f"prize-{(DAY + timedelta(days=1)).isoformat()}.json"
    assert repo.report.daily_backup == nxt
    assert nxt.read_bytes() == second_bytes
    repo.close()
    assert sorted(p.name for p in backup_folder(data_path).iterdir()) == sorted(
        [target.name, nxt.name]
    )


def test_daily_backups_are_pruned_after_backup_days(data_path):
    open_repo(data_path).close()
    keep = 3
    start = date(2026, 1, 1)
    for n in range(10):
        open_repo(data_path, today=start + timedelta(days=n), backup_days=keep).close()
    last = start + timedelta(days=9)
    names = sorted(p.name for p in backup_folder(data_path).iterdir())
    expected = sorted(
        f"prize-{(last - timedelta(days=k)).isoformat()}.json" for k in range(keep + 1)
    )
    assert names == expected


def test_pruning_leaves_other_backups_alone(data_path):
    open_repo(data_path).close()
    folder = backup_folder(data_path)
    folder.mkdir(exist_ok=True)
    migration = folder / "prize-v0-before-migration-20200101-000000.json"
    odd = folder / "prize-not-a-date.json"
    old = folder / "prize-2000-01-01.json"
    for p in (migration, odd, old):
        p.write_bytes(b"{}")
    open_repo(data_path, today=DAY, backup_days=5).close()
    assert migration.exists() and odd.exists()
    assert not old.exists()


def test_backup_days_zero_makes_no_backup(data_path):
    open_repo(data_path).close()
    repo = open_repo(data_path, backup_days=0)
    assert repo.report.daily_backup is None
    repo.close()
    assert not backup_folder(data_path).exists()


def test_the_files_own_backup_days_apply_when_the_caller_says_none(data_path):
    repo = Repository.open(data_path, today=date(2026, 1, 1))
    repo.save_settings(repo.settings().replace(backup_days=2))
    repo.close()
    start = date(2026, 1, 1)
    for n in range(8):  # as `prize` opens it: no count given, the file's own
        Repository.open(data_path, today=start + timedelta(days=n)).close()
    names = sorted(p.name for p in backup_folder(data_path).iterdir())
    last = start + timedelta(days=7)
    assert names == sorted(f"prize-{(last - timedelta(days=k)).isoformat()}.json"
                           for k in range(3))


@pytest.mark.parametrize("days", ["14", -1, 1.5, True, None])
def test_an_unusable_backup_days_is_refused_by_name(data_path, days):
    raw = orjson.dumps({"meta": {"1": {"schema_version": 1}},
                        "settings": {"1": {"backup_days": days}}})
    data_path.parent.mkdir(parents=True, exist_ok=True)
    data_path.write_bytes(raw)
    with pytest.raises(UnreadableFile, match="backup_days"):
        Repository.open(data_path)
    assert data_path.read_bytes() == raw


def test_a_failing_daily_backup_is_a_warning_not_an_error(data_path, monkeypatch):
    open_repo(data_path).close()

    def broken(*a, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backups_mod, "write_backup", broken)
    repo = open_repo(data_path)
    assert repo.report.daily_backup is None
    assert any("backup" in w for w in repo.report.warnings)
    repo.close()


# -- migration -------------------------------------------------------------------

V0 = {
    "contacts": {
        "1": {
            "full_name": "Ada Lovelace",
            "company": "Analytical",
            "stage": "REACHED_OUT",
            "tags": ["math"],
        },
        "2": {"full_name": "Alan Turing", "stage": "MEETING_BOOKED"},
        "5": {"name": "Already named", "full_name": "ignored", "stage": "target"},
    },
    "blocks": {"1": {"channel": "Email", "day": "2025-12-01", "start": "09:00", "minutes": 30}},
}


def test_version_0_is_migrated_after_a_backup(data_path):
    original = write_json(data_path, V0) + b"\n"  # exact bytes matter, not just the JSON
    data_path.write_bytes(original)
    repo = open_repo(data_path)
    try:
        report = repo.report
        assert report.migrated_from == 0
        assert report.migration_backup is not None
        assert report.migration_backup.parent == backup_folder(data_path)
        assert report.migration_backup.read_bytes() == original
        contacts = {c.id: c for c in repo.contacts.all()}
        assert contacts[1].name == "Ada Lovelace"
        assert contacts[1].stage == Stage.REACHED_OUT
        assert contacts[1].company == "Analytical" and contacts[1].tags == ["math"]
        assert contacts[2].name == "Alan Turing" and contacts[2].stage == Stage.MEETING_BOOKED
        assert contacts[5].name == "Already named"
        assert repo.blocks.get(1).minutes == 30
        assert not repo.dirty
        # The migrated data is on disk already, without a flush.
        on_disk = orjson.loads(data_path.read_bytes())
        assert on_disk["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
        assert on_disk["contacts"]["1"]["name"] == "Ada Lovelace"
        assert "full_name" not in on_disk["contacts"]["1"]
    finally:
        repo.close()
    again = open_repo(data_path)
    try:
        assert again.report.migrated_from is None
        assert again.contacts.get(2).stage == "meeting booked"
    finally:
        again.close()
    migration_copies = [p for p in backup_folder(data_path).iterdir() if "migration" in p.name]
    assert len(migration_copies) == 1


def test_migration_that_cannot_write_refuses_cleanly(data_path, monkeypatch):
    """A migration whose backup cannot be written is a StoreError, and the file is untouched."""
    write_json(data_path, V0)
    snap = file_snapshot(data_path)

    def broken(*a, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backups_mod, "write_backup", broken)
    with pytest.raises(StoreError) as info:
        open_repo(data_path)
    assert str(data_path) in str(info.value)
    assert file_snapshot(data_path) == snap
    monkeypatch.undo()
    open_repo(data_path).close()  # the lock was released


def test_empty_meta_table_counts_as_version_0(data_path):
    write_json(data_path, {"meta": {}, "contacts": {"1": {"full_name": "X", "stage": "MET"}}})
    repo = open_repo(data_path)
    assert repo.report.migrated_from == 0
    assert repo.contacts.get(1).name == "X" and repo.contacts.get(1).stage == "met"
    repo.close()


# -- one writer ------------------------------------------------------------------


def test_two_repositories_on_one_file_take_turns_and_merge(data_path):
    """The lock is held for each write, not for the life of a process: a second
    Prize (`prize timer` beside the planner) opens the file and both keep their edits."""
    first = open_repo(data_path)
    second = open_repo(data_path)
    first.contacts.add(Contact(name="from the planner"))
    first.flush()
    second.contacts.add(Contact(name="from the timer"))
    second.flush()  # merges the planner's contact in, then writes
    first.contacts.add(Contact(name="planner again"))
    first.close()
    second.close()
    again = open_repo(data_path)
    assert sorted(c.name for c in again.contacts.all()) == [
        "from the planner", "from the timer", "planner again"]
    again.close()


# -- changed on disk -------------------------------------------------------------


OTHER = {"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "from the sync tool"}}}


def _rewrite_by_rename(path: Path) -> bytes:
    raw = orjson.dumps(OTHER)
    tmp = path.with_name("sync-tool.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, path)
    return raw


def _rewrite_in_place_other_size(path: Path) -> bytes:
    raw = orjson.dumps(OTHER, option=orjson.OPT_INDENT_2)
    with open(path, "r+b") as fh:
        fh.write(raw)
        fh.truncate()
    return raw


def _rewrite_in_place_same_size(path: Path) -> bytes:
    old = path.read_bytes()
    raw = old.replace(b"mine", b"MINE")
    assert len(raw) == len(old) and raw != old
    st_before = os.stat(path)
    with open(path, "r+b") as fh:
        fh.write(raw)
    # What a later write by another program looks like: a newer mtime.
    os.utime(path, ns=(st_before.st_atime_ns, st_before.st_mtime_ns + 1_000_000_000))
    return raw


@pytest.mark.parametrize(
    "rewrite", [_rewrite_by_rename, _rewrite_in_place_other_size, _rewrite_in_place_same_size]
)
def test_changed_on_disk_is_merged_and_both_sides_stay(data_path, rewrite):
    repo = open_repo(data_path)
    mine = repo.contacts.add(Contact(name="mine"))
    repo.flush()
    assert not repo.changed_on_disk()
    theirs = orjson.loads(rewrite(data_path))
    assert repo.changed_on_disk()
    repo.contacts.add(Contact(name="second"))
    repo.flush()  # merged, not refused
    assert not repo.changed_on_disk()
    [news] = repo.take_news()
    assert news.source == "the file on disk"
    repo.close()
    # (The same-size rewrite changes "mine" by hand, without a stamp: a tie, one kept.)
    names = sorted(d["name"].lower()
                   for d in orjson.loads(data_path.read_bytes())["contacts"].values())
    expected = sorted({"second", *(d["name"].lower() for d in theirs["contacts"].values()),
                       *(["mine"] if str(mine.id) not in theirs["contacts"] else [])})
    assert names == expected


def test_changed_on_disk_with_nothing_to_write_leaves_the_file(data_path):
    repo = open_repo(data_path)
    repo.contacts.add(Contact(name="mine"))
    repo.flush()
    theirs = _rewrite_by_rename(data_path)
    repo.flush()  # the other file is taken in: it holds all there is, nothing written
    assert data_path.read_bytes() != theirs  # (its record ids 1: not ours; merged)
    repo.close()


def test_a_file_that_holds_everything_already_is_not_written_back(data_path):
    repo = open_repo(data_path)
    repo.contacts.add(Contact(name="mine"))
    repo.flush()
    copy = data_path.read_bytes()
    other = open_repo(data_path)
    other.contacts.add(Contact(name="theirs"))
    other.close()
    theirs = data_path.read_bytes()
    assert theirs != copy
    repo.flush()  # takes the other's contact; the file already has all: no write back
    assert data_path.read_bytes() == theirs
    assert sorted(c.name for c in repo.contacts.all()) == ["mine", "theirs"]
    repo.close()
    assert data_path.read_bytes() == theirs


def test_changed_on_disk_when_the_file_is_deleted(data_path):
    repo = open_repo(data_path)
    repo.contacts.add(Contact(name="mine"))
    repo.flush()
    os.unlink(data_path)  # a sync tool moving it, say
    assert repo.changed_on_disk()
    repo.contacts.add(Contact(name="second"))
    repo.flush()  # written back whole: nothing Prize holds is lost
    repo.close()
    names = sorted(d["name"] for d in orjson.loads(data_path.read_bytes())["contacts"].values())
    assert names == ["mine", "second"]


def test_own_flushes_are_not_mistaken_for_outside_changes(data_path):
    repo = open_repo(data_path)
    for i in range(20):
        repo.contacts.add(Contact(name=f"c{i}"))
        repo.flush()
        assert not repo.changed_on_disk()
    repo.close()


def test_a_failed_write_is_write_failed_and_keeps_the_edit(data_path, monkeypatch):
    repo = open_repo(data_path)
    snap = file_snapshot(data_path)

    def full_disk(*a, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(repository_mod, "atomic_write", full_disk)
    repo.contacts.add(Contact(name="A"))
    with pytest.raises(WriteFailed) as info:
        repo.flush()
    assert str(data_path) in str(info.value) and "No space left" in str(info.value)
    assert repo.dirty
    assert file_snapshot(data_path) == snap
    monkeypatch.undo()
    assert repo.flush() == 1
    repo.close()
    again = open_repo(data_path)
    assert [c.name for c in again.contacts.all()] == ["A"]
    again.close()


def test_atomic_write_cleans_its_temp_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "f.json"
    target.write_bytes(b"old")

    def failing_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic_mod.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        atomic_mod.atomic_write(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def test_unreadable_file_is_a_store_error():
    assert issubclass(UnreadableFile, StoreError)
    assert issubclass(AlreadyOpen, StoreError)
    assert issubclass(WriteFailed, StoreError)


def test_ids_are_never_given_out_twice_even_across_a_reopen(data_path):
    """Removing records, reopening, adding: the new one must not take a removed one's id,
    or an undo (restore) and any reference to the old record would reach the new one.

    Ids come from the clock and random bits (ids.py). Each reopen here replays the
    same instant and seed, as a clock set back would: the first id the allocator
    tries is then Ann's, given out before, and only what the file remembers of the
    removed records (their tombstones) keeps it from handing it out again."""
    def replayed(repo: Repository) -> Repository:
        repo.use_time(lambda: 1_795_651_200_000, seed=1)  # 26 Nov 2026, always
        return repo

    repo = replayed(open_repo(data_path))
    ann, bo, cy = repo.contacts.add_many(Contact(name=n) for n in ("Ann", "Bo", "Cy"))
    removed = repo.contacts.remove_many([ann.id, cy.id])  # the first and the newest
    repo.close()
    repo = replayed(open_repo(data_path))
    dee = repo.contacts.add(Contact(name="Dee"))
    assert dee.id not in (ann.id, bo.id, cy.id)
    repo.contacts.restore_many(removed)  # undo of the old removal
    assert sorted(c.name for c in repo.contacts.all()) == ["Ann", "Bo", "Cy", "Dee"]
    assert [repo.contacts.get(r.id) for r in removed] == removed
    many = repo.contacts.remove_many([dee.id, cy.id])
    repo.close()
    repo = replayed(open_repo(data_path))
    assert repo.contacts.add(Contact(name="Eve")).id not in (ann.id, bo.id, cy.id, dee.id)
    assert len(many) == 2
    repo.close()


def test_where_field_and_values_agree_before_and_after_the_table_is_built(data_path):
    repo = open_repo(data_path)
    try:
        repo.marks.add_many(BlockMark(block_id=i % 3, day=f"2026-11-{10 + i:02d}", state="done")
                            for i in range(12))
        repo.interactions.add_many(
            Interaction(contact_id=i % 4, at=f"2026-11-{10 + i:02d}T09:00:00+01:00")
            for i in range(8))
        repo.flush()
        repo.close()
        repo = open_repo(data_path)
        in_week = lambda day: "2026-11-16" <= day <= "2026-11-22"  # noqa: E731
        before = repo.marks.where_field("day", in_week)
        pairs_before = list(repo.interactions.values("contact_id", "at"))
        assert [m.day for m in before] == [f"2026-11-{d}" for d in range(16, 22)]
        repo.marks.all()  # now the table is built: the same answers from the records
        repo.interactions.all()
        assert repo.marks.where_field("day", in_week) == before
        assert list(repo.interactions.values("contact_id", "at")) == pairs_before
        assert pairs_before[0] == (0, "2026-11-10T09:00:00+01:00")
    finally:
        repo.close()


def test_ids_by_and_field_of_agree_before_and_after_the_table_is_built(data_path):
    repo = open_repo(data_path)
    try:
        ann = repo.contacts.add(Contact(name="Ann"))
        repo.meetings.add_many(
            Meeting(contact_id=ann.id, at=f"2026-11-{10 + i % 3:02d}T09:0{i}:00+01:00")
            for i in range(6))
        repo.flush()
        repo.close()
        repo = open_repo(data_path)
        by_day = repo.meetings.ids_by("at", lambda at: at[:10])
        name = repo.contacts.field_of(ann.id, "name")
        assert sorted(by_day) == ["2026-11-10", "2026-11-11", "2026-11-12"]
        assert [repo.meetings.get(i).at[14:16] for i in by_day["2026-11-10"]] == ["00", "03"]
        assert (name, repo.contacts.field_of(ann.id + 99, "name", "nobody")) == ("Ann", "nobody")
        repo.meetings.all()  # now the tables are built: the same answers from the records
        repo.contacts.all()
        assert repo.meetings.ids_by("at", lambda at: at[:10]) == by_day
        assert repo.contacts.field_of(ann.id, "name") == "Ann"
    finally:
        repo.close()


def test_a_table_version_changes_with_each_edit_and_a_merge(data_path):
    """What the UI derives from a table (the week's meetings by day) is kept while
    the version is the same: every kind of edit, and a merge from disk, must change it."""
    repo = open_repo(data_path)
    try:
        seen = {repo.meetings.version}
        meeting = repo.meetings.add(Meeting(at="2026-11-26T09:00:00+01:00"))
        seen.add(repo.meetings.version)
        repo.meetings.update(meeting.replace(minutes=45))
        seen.add(repo.meetings.version)
        repo.meetings.remove(meeting.id)
        seen.add(repo.meetings.version)
        repo.meetings.restore(meeting)
        seen.add(repo.meetings.version)
        before_other_table = repo.meetings.version
        repo.contacts.add(Contact(name="Bo"))
        assert repo.meetings.version == before_other_table  # another table's edit
        repo.flush()
        other = open_repo(data_path)  # another Prize changes the file: merged in
        other.meetings.add(Meeting(at="2026-11-27T09:00:00+01:00"))
        other.close()
        repo.flush()
        seen.add(repo.meetings.version)
        assert len(seen) == 6
    finally:
        repo.close()
