"""`prize trends` run as a user runs it: each CSV row is what `prize report --week W
--format json` gives for that channel; the three formats agree; bad input is one line."""

from __future__ import annotations

import csv
import io
import json

from tests.test_cli import assert_one_line_error, prize
from tests.test_cli_io import demo


def test_each_trends_row_is_the_weekly_report_of_that_channel(tmp_path):
    db = demo(tmp_path)
    out = prize("trends", "--db", str(db), "--weeks", "3", "--format", "csv", home=tmp_path)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    weeks = sorted({r["week"] for r in rows})
    assert len(weeks) == 3 and all(w[4:6] == "-W" for w in weeks)
    for week in weeks:
        report = json.loads(prize("report", "--db", str(db), "--week", week, "--format", "json",
                                  home=tmp_path).stdout)
        mine = [r for r in rows if r["week"] == week]
        assert [r["channel"] for r in mine] == [c["channel"] for c in report["channels"]]
        for row, channel in zip(mine, report["channels"], strict=True):
            for key, value in channel.items():
                assert row[key] == ("" if value is None else str(value)), (week, key)
    data = json.loads(prize("trends", "--db", str(db), "--weeks", "3", "--format", "json",
                            home=tmp_path).stdout)
    assert [w["week"] for w in data["weeks"]] == weeks
    assert sum(len(w["channels"]) for w in data["weeks"]) == len(rows)
    assert [s["step"] for s in data["funnel"]] == [
        "contacts reached", "replies", "conversations", "meetings booked", "meetings held"]
    md = prize("trends", "--db", str(db), "--weeks", "3", home=tmp_path).stdout
    assert md.startswith(f"# What works, {weeks[0]} to {weeks[-1]} (3 weeks)")
    assert "## Funnel" in md and "█" in md


def test_trends_default_to_eight_weeks_and_refuse_a_bad_count(tmp_path):
    db = demo(tmp_path)
    data = json.loads(prize("trends", "--db", str(db), "--format", "json", home=tmp_path).stdout)
    assert len(data["weeks"]) == 8
    line = assert_one_line_error(prize("trends", "--weeks", "0", "--db", str(db), home=tmp_path))
    assert "--weeks" in line


def test_trends_on_a_file_with_nothing_yet(tmp_path):
    out = prize("trends", "--db", str(tmp_path / "none.json"), "--weeks", "2", home=tmp_path)
    assert out.returncode == 0 and "No suggestion" in out.stdout


def test_a_second_run_reads_the_past_weeks_kept_by_the_first(tmp_path, monkeypatch):
    """The weeks that are over are kept (tui/store/week_memo.py), once the app has kept
    its open cache (with the index of roles): the next run gives the same trends."""
    from tui.store import Repository
    from tui.store.week_memo import memo_path

    db = demo(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the runs' own
    repo = Repository.open(db)
    repo.keep_open_cache()  # as the app leaves it at close
    repo.close()
    first = prize("trends", "--db", str(db), "--format", "json", home=tmp_path)
    assert first.returncode == 0, first.stderr
    memo = memo_path(db)
    assert memo.stat().st_mode & 0o777 == 0o600
    assert len(json.loads(memo.read_bytes().partition(b"\n")[2])["weeks"]) == 7
    kept = memo.read_bytes()
    again = prize("trends", "--db", str(db), "--format", "json", home=tmp_path)
    assert again.stdout == first.stdout and memo.read_bytes() == kept
