"""The demo data set: deterministic, sized as asked, and sane record by record."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from tui.model.blocks import BLOCK_STATES
from tui.model.contacts import CHANNELS, INTERACTION_KINDS, MEETING_KINDS, Stage
from tui.model.recurrence import parse_rrule
from tui.store.demo import write_demo
from tui.store.repository import Repository

TODAY = date(2026, 11, 26)  # a Thursday
BERLIN = tz.gettz("Europe/Berlin")


def make(folder: Path, today: date = TODAY, **kwargs) -> tuple[dict, dict, bytes]:
    """Write a demo into a fresh file; return the counts, the parsed file and its bytes."""
    path = folder / "prize.json"
    repo = Repository.open(path, today=today)
    try:
        counts = write_demo(repo, today=today, **kwargs)
    finally:
        repo.close()
    raw = path.read_bytes()
    return counts, json.loads(raw), raw


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[dict, dict]:
    counts, data, _ = make(tmp_path_factory.mktemp("demo"), tz=BERLIN)
    return counts, data


def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    runs = [make(tmp_path / name, seed=seed, tz=BERLIN)[2]
            for name, seed in (("a", 7), ("b", 7), ("c", 8))]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


def test_default_zone_is_deterministic_too(tmp_path):
    assert make(tmp_path / "a", contacts=40, weeks=3)[2] == make(
        tmp_path / "b", contacts=40, weeks=3)[2]


@pytest.mark.parametrize(("contacts", "weeks"), [(0, 0), (1, 1), (7, 2), (300, 8), (55, 13)])
def test_counts_match_arguments_and_the_file(tmp_path, contacts, weeks):
    counts, data, _ = make(tmp_path, contacts=contacts, weeks=weeks)
    assert counts["contacts"] == contacts
    assert counts["goals"] == weeks
    for table, n in counts.items():
        assert len(data.get(table, {})) == n, table
    if weeks:
        assert 10 * weeks <= sum(not b["rrule"] for b in data["blocks"].values()) <= 15 * weeks


def test_ten_thousand_contacts_and_a_year(tmp_path):
    started = time.perf_counter()
    counts, data, raw = make(tmp_path, contacts=10_000, weeks=52)
    elapsed = time.perf_counter() - started
    print(f"\n10k contacts / 52 weeks: {elapsed:.2f} s, {len(raw) / 1e6:.1f} MB, {counts}")
    assert counts["contacts"] == len(data["contacts"]) == 10_000
    assert counts["goals"] == 52
    assert 10_000 <= counts["interactions"] <= 30_000


def test_settings_and_goals(demo):
    _, data = demo
    (settings,) = data["settings"].values()
    assert len(settings["reminders"]) >= 4 and settings["first_weekday"] == 0
    weeks = [g["week"] for g in data["goals"].values()]
    assert len(set(weeks)) == len(weeks) == 8
    assert weeks[-1] == "2026-W48" and weeks[0] == "2026-W41"
    for g in data["goals"].values():
        assert set(g["budgets"]) <= set(CHANNELS) and g["budgets"]["LinkedIn"] >= 200
        assert set(g["goals"]) == {"meetings", "contacts", "conversations", "articles",
                                   "applications"}
        assert all(v >= 1 for v in g["goals"].values())


def test_contacts_are_sane(demo):
    _, data = demo
    people = data["contacts"].values()
    stages = Counter(c["stage"] for c in people)
    assert set(stages) == {s.value for s in Stage}
    assert stages["target"] + stages["reached out"] > stages["met"] + stages["referral"]
    for c in people:
        assert c["name"].strip() and c["company"] and c["role"] and c["location"]
        assert c["channel"] in CHANNELS and c["source"] in ("manual", "linkedin")
        assert 0 <= c["priority"] <= 3 and c["cadence_days"] in (None, 14, 21, 30)
        assert TODAY - timedelta(days=366) <= date.fromisoformat(c["created"]) <= TODAY
        assert not c["url"] or c["url"].startswith("https://www.linkedin.com/in/")
        assert c["url"].isascii() and c["email"].isascii()
        assert not any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in c["name"])
    urls = [c["url"] for c in people if c["url"]]
    assert len(urls) == len(set(urls))
    names = {c["name"] for c in people}
    assert {"[bold]Ann[/bold] Markup", "Zoë Ørsted-Łukasz", "王秀英"} <= names
    assert any("," in c["company"] for c in people)
    follow = [date.fromisoformat(c["follow_up"]) for c in people if c["follow_up"]]
    assert TODAY in follow and min(follow) < TODAY < max(follow)


def test_interactions_and_meetings_are_sane(demo):
    _, data = demo
    contacts = {int(k): c for k, c in data["contacts"].items()}
    touched = set()
    for i in data["interactions"].values():
        at = datetime.fromisoformat(i["at"])
        assert at.utcoffset() is not None and at.date() < TODAY
        assert i["kind"] in INTERACTION_KINDS and i["channel"] in CHANNELS
        assert contacts[i["contact_id"]]["stage"] != "target"
        touched.add(i["contact_id"])
    assert touched == {k for k, c in contacts.items() if c["stage"] != "target"}
    when = []
    for m in data["meetings"].values():
        at = datetime.fromisoformat(m["at"])
        assert at.utcoffset() is not None and m["kind"] in MEETING_KINDS and m["place"]
        assert m["contact_id"] is None or contacts[m["contact_id"]]["stage"] in (
            "meeting booked", "met", "referral")
        when.append(at.date())
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert any(d in (TODAY, TODAY + timedelta(days=1)) for d in when)
    assert sum(monday <= d < monday + timedelta(days=7) for d in when) >= 2
    assert any(d < TODAY for d in when) and any(d > TODAY + timedelta(days=7) for d in when)


def test_blocks_marks_sessions_reviews_are_sane(demo):
    _, data = demo
    blocks = {int(k): b for k, b in data["blocks"].items()}
    series = [b for b in blocks.values() if b["rrule"]]
    assert len(series) == 3
    for b in series:
        parse_rrule(b["rrule"])
    for b in blocks.values():
        assert b["channel"] in CHANNELS and b["activity"] and 30 <= b["minutes"] <= 120
        h, m = map(int, b["start"].split(":"))
        assert (8, 30) <= (h, m) <= (17, 0) and m % 15 == 0
        assert b["series_id"] is None or blocks[b["series_id"]]["rrule"]
    for mark in data["marks"].values():
        assert mark["state"] in BLOCK_STATES and mark["block_id"] in blocks
        assert date.fromisoformat(mark["day"]) < TODAY
    per_day = Counter()
    for s in data["sessions"].values():
        start, end = datetime.fromisoformat(s["started"]), datetime.fromisoformat(s["ended"])
        assert start.utcoffset() == timedelta(0) and end > start
        assert s["channel"] in CHANNELS and isinstance(s["outcome"], dict)
        assert set(s["outcome"]) in (set(), {"contacts", "replies", "meetings", "note"})
        for p0, p1 in s["pauses"]:
            assert start < datetime.fromisoformat(p0) < datetime.fromisoformat(p1) < end
        if s["block_id"] is not None:
            assert s["block_id"] in blocks and date.fromisoformat(s["block_day"]) < TODAY
        per_day[start.date()] += 1
    assert any(s["pauses"] for s in data["sessions"].values())
    assert any(s["outcome"] == {} for s in data["sessions"].values())
    assert 1 <= sum(per_day.values()) / len(per_day) <= 3
    days = [r["day"] for r in data["reviews"].values()]
    assert (TODAY - timedelta(days=1)).isoformat() in days
    assert all(len(r["top3"]) == 3 and r["day"] < TODAY.isoformat()
               for r in data["reviews"].values())


def test_refuses_a_repository_with_data(tmp_path):
    make(tmp_path, contacts=5, weeks=1)
    repo = Repository.open(tmp_path / "prize.json", today=TODAY)
    try:
        with pytest.raises(ValueError, match="already holds data"):
            write_demo(repo, today=TODAY)
        with pytest.raises(ValueError):
            write_demo(repo, contacts=-1, today=TODAY)
    finally:
        repo.close()


@pytest.mark.parametrize("today", [date(2026, 11, 29), date(2026, 11, 30), date(2027, 1, 1)])
def test_any_weekday_works(tmp_path, today):
    counts, data, _ = make(tmp_path, today=today, contacts=60, weeks=2, tz=UTC)
    year, week, _ = today.isocalendar()
    assert list(data["goals"].values())[-1]["week"] == f"{year}-W{week:02d}"
    assert counts["meetings"] >= 3
