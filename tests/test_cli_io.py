"""`prize report`, `prize import` and `prize export` run as a user runs them (subprocesses)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import orjson
from icalendar import Calendar

from tests.screen import without_stamps
from tests.test_cli import assert_one_line_error, prize

FIXTURES = Path(__file__).parent / "store" / "fixtures" / "import"


def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    result = prize("demo", "--db", str(path), "--contacts", "80", "--weeks", "3", "--no-open",
                   home=tmp_path)
    assert result.returncode == 0, result.stderr
    return path


def test_report_in_three_formats_agree(tmp_path):
    db = demo(tmp_path)
    data = json.loads(prize("report", "--db", str(db), "--format", "json", home=tmp_path).stdout)
    assert set(data) >= {"week", "verdict", "minutes", "results", "goals", "channels", "days"}
    assert len(data["days"]) == 7 and data["verdict"]["headline"]
    md = prize("report", "--db", str(db), home=tmp_path).stdout
    assert md.startswith(f"# Job search report, {data['week']}")
    assert data["verdict"]["headline"] in md
    rows = list(csv.DictReader(io.StringIO(prize("report", "--db", str(db), "--format", "csv",
                                                 home=tmp_path).stdout)))
    assert rows[-1]["channel"] == "TOTAL"
    assert int(rows[-1]["spent_minutes"]) == data["minutes"]["spent"]
    by_channel = {c["channel"]: c for c in data["channels"]}
    for row in rows[:-1]:
        assert int(row["spent_minutes"]) == by_channel[row["channel"]]["spent_minutes"]


def test_report_on_an_empty_week(tmp_path):
    db = demo(tmp_path)
    data = json.loads(prize("report", "--db", str(db), "--week", "2020-W10", "--format", "json",
                            home=tmp_path).stdout)
    assert data["minutes"] == {"planned": 0, "spent": 0, "networking": 0}
    assert data["verdict"]["rule"] == "empty"


def test_report_bad_week_is_one_line(tmp_path):
    line = assert_one_line_error(prize("report", "--week", "2026-W99", home=tmp_path))
    assert "2026-W99" in line


def test_import_dry_run_then_real_then_again(tmp_path):
    db = tmp_path / "p.json"
    source = FIXTURES / "linkedin_connections.csv"
    out = prize("import", "linkedin", str(source), "--db", str(db), "--dry-run", home=tmp_path)
    assert out.returncode == 0 and "Dry run, nothing written" in out.stdout
    assert not db.exists() or not orjson.loads(db.read_bytes()).get("contacts")
    out = prize("import", "linkedin", str(source), "--db", str(db), home=tmp_path)
    assert out.returncode == 0, out.stderr
    count = len(orjson.loads(db.read_bytes())["contacts"])
    assert count > 0
    out = prize("import", "linkedin", str(source), "--db", str(db), home=tmp_path)
    assert len(orjson.loads(db.read_bytes())["contacts"]) == count


def test_import_malformed_file_is_one_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Company\nAnn,Acme,extra,cells\n", encoding="utf-8")
    db = tmp_path / "p.json"
    line = assert_one_line_error(prize("import", "csv", str(bad), "--db", str(db), home=tmp_path))
    assert "line 2" in line
    assert not orjson.loads(db.read_bytes()).get("contacts")


def test_exports_write_private_files_that_parse(tmp_path):
    db = demo(tmp_path)
    ics = tmp_path / "week.ics"
    assert prize("export", "ics", str(ics), "--db", str(db), home=tmp_path).returncode == 0
    cal = Calendar.from_ical(ics.read_bytes())
    assert len(cal.walk("VEVENT")) > 0
    log = tmp_path / "log.csv"
    assert prize("export", "worklog", str(log), "--db", str(db), "--from", "2026-01-01",
                 home=tmp_path).returncode == 0
    header = log.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "Date,Employer,Person contacted,Method,Position or purpose,Result"
    backup = tmp_path / "all.json"
    assert prize("export", "json", str(backup), "--db", str(db), home=tmp_path).returncode == 0
    restored = tmp_path / "restored.json"
    out = prize("import", "json", str(backup), "--db", str(restored), home=tmp_path)
    assert out.returncode == 0, out.stderr
    a, b = orjson.loads(db.read_bytes()), orjson.loads(restored.read_bytes())
    for table in ("contacts", "blocks"):  # the same records under the same ids (the
        # backup holds records, not the store's stamps: the restored ones are stamped anew)
        assert {k: without_stamps(d) for k, d in a[table].items()} == {
            k: without_stamps(d) for k, d in b[table].items()}
    for path in (ics, log, backup):
        assert path.stat().st_mode & 0o777 == 0o600


def test_export_never_replaces_the_data_file(tmp_path):
    db = demo(tmp_path)
    before = db.read_bytes()
    for kind in ("json", "ics", "csv", "worklog"):
        line = assert_one_line_error(prize("export", kind, str(db), "--db", str(db), home=tmp_path))
        assert "Prize's own data" in line
    assert db.read_bytes() == before


def test_import_json_refuses_values_the_app_cannot_use(tmp_path):
    db = demo(tmp_path)
    backup = tmp_path / "all.json"
    assert prize("export", "json", str(backup), "--db", str(db), home=tmp_path).returncode == 0
    data = json.loads(backup.read_text())
    data["tables"]["sessions"][0]["started"] = "garbage"
    backup.write_text(json.dumps(data))
    line = assert_one_line_error(
        prize("import", "json", str(backup), "--db", str(tmp_path / "new.json"), home=tmp_path))
    assert "unusable 'started'" in line


def test_status_never_shows_a_traceback_on_a_damaged_session(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"sessions": {"1": {"started": "2026-11-26T08:00:00", "channel": "X",'
                   ' "ended": null}}}')
    out = prize("status", "--db", str(bad), home=tmp_path)
    assert out.returncode == 0 and "Traceback" not in out.stderr


def test_import_says_when_the_daily_backup_could_not_be_written(tmp_path):
    path = demo(tmp_path)
    backups = path.with_name(f"{path.stem}-backups")
    assert not backups.exists()  # a new file has nothing to back up yet
    backups.write_text("a file where the backup folder should be")
    source = tmp_path / "people.csv"
    source.write_text("name\nNew Person\n")
    result = prize("import", "csv", str(source), "--db", str(path), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("prize: warning: daily backup not written")
    assert any(c["name"] == "New Person"
               for c in orjson.loads(path.read_bytes())["contacts"].values())
