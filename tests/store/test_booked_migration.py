"""Schema 3: a meeting records when it was booked. Older files are upgraded at open
(booked = when the record was created, or its start if that is earlier or unknown),
and a copy from a machine still at schema 2 merges without a conflict."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from tui.model.contacts import Meeting
from tui.store import Repository
from tui.store.conflict_copies import merge_copies
from tui.store.schema import SCHEMA_VERSION, migrate

MADE = int(datetime(2026, 11, 20, 9, 15, tzinfo=UTC).timestamp() * 1000)


def _v2(meetings: dict) -> dict:
    return {"meta": {"1": {"schema_version": 2}}, "meetings": meetings}


def test_booked_comes_from_the_creation_stamp_else_the_start():
    data = _v2({
        "1": {"at": "2026-12-10T14:00:00+01:00", "_s": {"c": MADE}},  # booked ahead
        "2": {"at": "2026-11-02T10:00:00+01:00", "_s": {"c": 0, "b": "ab12"}},  # older
        "3": {"at": "2026-11-18T10:00:00+01:00", "_s": {"c": MADE}},  # logged after it
        "4": {"at": "2026-12-01T10:00:00+01:00", "booked": "2026-11-01T08:00:00+01:00",
              "_s": {"c": MADE}},  # already known: kept
        "5": {"at": "2026-12-02T10:00:00+01:00"},  # no stamps at all
    })
    out = migrate(data, 2)["meetings"]
    assert out["1"]["booked"] == "2026-11-20T09:15:00+00:00"
    assert out["2"]["booked"] == "2026-11-02T10:00:00+01:00"
    assert out["3"]["booked"] == "2026-11-18T10:00:00+01:00"
    assert out["4"]["booked"] == "2026-11-01T08:00:00+01:00"
    assert out["5"]["booked"] == "2026-12-02T10:00:00+01:00"
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 3


def test_a_schema_2_file_is_upgraded_on_open(tmp_path):
    path = tmp_path / "prize.json"
    path.write_bytes(orjson.dumps(_v2({"1": {"at": "2026-12-10T14:00:00+01:00",
                                             "_s": {"c": MADE}}})))
    repo = Repository.open(path, backup_days=0)
    try:
        assert repo.report.migrated_from == 2
        assert repo.meetings.get(1).booked == "2026-11-20T09:15:00+00:00"
        assert repo.meetings.get(1).booked_at == "2026-11-20T09:15:00+00:00"
    finally:
        repo.close()
    on_disk = orjson.loads(path.read_bytes())
    assert on_disk["meta"]["1"]["schema_version"] == 3
    assert on_disk["meetings"]["1"]["booked"] == "2026-11-20T09:15:00+00:00"


def test_a_record_without_booked_counts_as_booked_when_it_starts():
    m = Meeting(at="2026-12-10T14:00:00+01:00")
    assert m.booked_at == m.at
    assert Meeting(at=m.at, booked="2026-12-01T08:00:00+01:00").booked_at.startswith("2026-12-01")


def test_a_conflict_copy_from_a_schema_2_machine_merges_without_conflicts(tmp_path):
    # Both machines had this schema 2 file; this one upgraded it and booked a meeting,
    # the other (still at schema 2) created a meeting of its own: its copy comes back.
    common = {"at": "2026-12-10T14:00:00+01:00", "_s": {"c": MADE, "b": "c0ffee01"}}
    path = tmp_path / "prize.json"
    path.write_bytes(orjson.dumps(_v2({"7": common})))
    repo = Repository.open(path, backup_days=0)
    mine = repo.meetings.add(Meeting(at="2026-12-15T09:00:00+01:00",
                                     booked="2026-12-05T09:00:00+01:00"))
    repo.close()
    theirs = {"at": "2026-12-20T10:00:00+01:00", "_s": {"c": MADE + 60_000, "b": "c0ffee02"}}
    copy = tmp_path / "prize.sync-conflict-20261206-101010-ABCDEFG.json"
    copy.write_bytes(orjson.dumps(_v2({"7": common, "90001": theirs})))
    repo = Repository.open(path, backup_days=0)
    try:
        [(_, news)] = merge_copies(repo)
        assert news.summary == "1 added"
        booked = {m.at: m.booked for m in repo.meetings.all()}
        assert booked == {"2026-12-10T14:00:00+01:00": "2026-11-20T09:15:00+00:00",
                          "2026-12-15T09:00:00+01:00": mine.booked,
                          "2026-12-20T10:00:00+01:00": "2026-11-20T09:16:00+00:00"}
    finally:
        repo.close()
    data = orjson.loads(path.read_bytes())
    assert not data.get("conflicts")
    assert data["meta"]["1"]["schema_version"] == 3
