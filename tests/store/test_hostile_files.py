"""Hostile files (issue #9): data files Prize must refuse, import files built to break it,
and formula-looking text that must never run in a spreadsheet. Command-line cases run
`python -m tui` in a subprocess with its own HOME, as a user would.

    PRIZE_LONG_IMPORT=1   also dry-run and re-import the 100,000-row file (~10 s more)
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from datetime import date
from pathlib import Path

import orjson
import pytest
from store_helpers import file_snapshot

from tests.test_cli import assert_one_line_error, prize
from tui.model.blocks import Block
from tui.model.contacts import Contact, Interaction, Meeting
from tui.model.spreadsheet import safe_cell
from tui.store import Repository, UnreadableFile
from tui.store.export_csv import csv_bytes
from tui.store.json_backup import export_json, import_json
from tui.store.schema import _as_prize_writes, repeated_key_problem

V1 = {"meta": {"1": {"schema_version": 1}}}
MB = 2**20


def make_db(tmp_path: Path, names=("Ann Lee", "Bo Chen")) -> Path:
    path = tmp_path / "prize.json"
    repo = Repository.open(path, backup_days=0)
    repo.contacts.add_many(Contact(name=n, company="Acme") for n in names)
    repo.close()
    return path


# -- a document id written twice ---------------------------------------------------

DUP_ID = (b'{"meta":{"1":{"schema_version":1}},"contacts":{"1":{"name":"Ann"},'
          b'"2":{"name":"Bo"},"1":{"name":"Ann, edited by hand"}}}')


def test_a_file_prize_wrote_has_no_repeated_key(tmp_path):
    raw = make_db(tmp_path).read_bytes()
    data = orjson.loads(raw)
    assert repeated_key_problem(raw, data) is None
    # The cheap path (~4 ms at 10k contacts, no second parse) knows Prize's layouts.
    assert _as_prize_writes(raw, data) and _as_prize_writes(orjson.dumps(data), data)
    pretty = json.dumps(data, indent=4).encode()  # as a person or stock TinyDB writes
    assert not _as_prize_writes(pretty, data)
    assert repeated_key_problem(pretty, orjson.loads(pretty)) is None
    assert not _as_prize_writes(DUP_ID, orjson.loads(DUP_ID))


@pytest.mark.parametrize(("raw", "words"), [
    (DUP_ID, "table 'contacts' has document id 1 twice"),
    (DUP_ID.replace(b",", b", ").replace(b":", b": "), "table 'contacts' has document id 1 twice"),
    (b'{"meta":{"1":{"schema_version":1}},"contacts":{"1":{"name":"A","name":"B"}}}',
     "document 1 of table 'contacts' has the field 'name' twice"),
    (b'{"contacts":{"1":{"name":"A"}},"contacts":{}}', "the table 'contacts' appears twice"),
    (b'{"sessions":{"1":{"outcome":{"note":"a","note":"b"}}}}',
     "the key 'note' appears twice in one JSON object"),
])
def test_repeated_keys_are_found_and_named(raw, words):
    assert orjson.loads(raw)  # orjson reads it without a word: it keeps the last one
    assert repeated_key_problem(raw, orjson.loads(raw)) == words


def test_a_data_file_with_a_document_id_twice_is_refused(data_path):
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(DUP_ID)
    before = file_snapshot(data_path)
    with pytest.raises(UnreadableFile, match="document id 1 twice"):
        Repository.open(data_path).close()
    assert file_snapshot(data_path) == before


def test_a_json_export_with_an_id_twice_in_a_record_is_refused(tmp_path):
    source = Repository.open(tmp_path / "source.json", backup_days=0)
    ann = source.contacts.add(Contact(name="Ann"))
    export_json(source, tmp_path / "backup.json")
    source.close()
    written = f'"id": {ann.id},'.encode()
    raw = (tmp_path / "backup.json").read_bytes().replace(written, written + b' "id": 7,', 1)
    (tmp_path / "backup.json").write_bytes(raw)
    target = Repository.open(tmp_path / "target.json", backup_days=0)
    with pytest.raises(ValueError, match="the key 'id' appears twice"):
        import_json(target, tmp_path / "backup.json", dry_run=False)
    assert len(target.contacts) == 0
    target.close()


# -- another program's file, and 100 MB files --------------------------------------------


def test_another_programs_tinydb_file_is_refused_not_migrated(tmp_path):
    path = tmp_path / "other.json"
    path.write_bytes(orjson.dumps({"_default": {"1": {"sku": "A-1", "qty": 3}}}))
    before = file_snapshot(path)
    line = assert_one_line_error(prize("import", "csv", str(make_csv(tmp_path)), "--db",
                                       str(path), home=tmp_path))
    assert "another program ('_default')" in line and str(path) in line
    assert file_snapshot(path) == before
    assert not (tmp_path / "other-backups").exists()  # no migration backup either
    for empty in (b"{}", b'{"_default": {}}'):  # nothing in it to damage: Prize may use it
        path.write_bytes(empty)
        Repository.open(path, backup_days=0).close()


def make_csv(tmp_path: Path) -> Path:
    path = tmp_path / "small.csv"
    path.write_text("name,company\nCy Dee,Beta\n")
    return path


def _big_other_program(n: int) -> bytes:
    doc = b'{"blob":"' + b"z" * 10_000 + b'"}'
    docs = b",".join(b'"%d":%s' % (i, doc) for i in range(1, n // 10_000))
    return b'{"_default":{' + docs + b"}}"


def _big_list_table(n: int) -> bytes:
    items = b",".join([b'"' + b"y" * 10_000 + b'"'] * (n // 10_000))
    return b'{"meta":{"1":{"schema_version":1}},"contacts":[' + items + b"]}"


@pytest.mark.parametrize(("build", "words"), [
    (lambda n: os.urandom(n), "not valid"),
    (lambda n: b'{"meta":{"1":{"schema_version":1}},"contacts":{"1":{"name":"' + b"x" * n,
     "not valid JSON"),
    (_big_other_program, "another program"),
    (_big_list_table, "table 'contacts' is not a JSON object"),
], ids=["random bytes", "cut JSON", "another program's TinyDB file", "a table that is a list"])
def test_a_100_mb_file_is_refused_in_bounded_time_untouched(tmp_path, build, words):
    path = tmp_path / "prize.json"
    path.write_bytes(build(100 * MB))
    before = file_snapshot(path)
    for args in (["report"], ["trends"], ["import", "csv", str(make_csv(tmp_path))]):
        began = time.monotonic()
        line = assert_one_line_error(prize(*args, "--db", str(path), home=tmp_path))
        took = time.monotonic() - began
        assert line.startswith(f"prize: cannot read {path}: ") and words in line, line
        assert took < 30, f"{args[0]} took {took:.1f} s to refuse a 100 MB file"
    assert file_snapshot(path) == before
    assert not (tmp_path / "prize-backups").exists() and not list(tmp_path.glob("*.prize-tmp"))


# -- hostile import files ---------------------------------------------------------------

NO_HEADER = b"Ann Lee,Acme,ann@x.org\nBo Chen,Beta,bo@y.org\n"
LINKEDIN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
HOSTILE = {
    "no header (csv)": ("csv", NO_HEADER, "line 1: no name column among the columns found"),
    "no header (linkedin)": ("linkedin", NO_HEADER, "not a LinkedIn Connections.csv"),
    "no header (google)": ("google", NO_HEADER, "not a Google Contacts CSV"),
    "latin-1": ("csv", "name,company\nZoë Ørsted,Café\n".encode("latin-1"),
                "line 2: not UTF-8 text"),
    "windows-1252 linkedin": ("linkedin", (LINKEDIN + "Zoë,Ørsted,,,Café,,\n").encode("cp1252"),
                              "line 2: not UTF-8 text"),
    "UTF-16 with BOM": ("csv", "name\nZoë\n".encode("utf-16"), "the file is UTF-16"),
    "UTF-16 LE without BOM": ("google", "Name,E-mail 1 - Value\nZoe,z@x.org\n".encode("utf-16-le"),
                              "starts with NUL bytes"),
    "UTF-16 BE without BOM": ("csv", "name\nZoe\n".encode("utf-16-be"), "starts with NUL bytes"),
    "UTF-32": ("csv", "name\nZoe\n".encode("utf-32"), "the file is UTF-32"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_import_file_is_one_line_and_changes_nothing(tmp_path, case):
    kind, raw, words = HOSTILE[case]
    db = make_db(tmp_path)
    source = tmp_path / "hostile.csv"
    source.write_bytes(raw)
    before = file_snapshot(db)
    for extra in ([], ["--dry-run"]):
        line = assert_one_line_error(
            prize("import", kind, str(source), "--db", str(db), *extra, home=tmp_path))
        assert line.startswith(f"prize: {source}: ") and words in line, line
        assert file_snapshot(db) == before
    assert not list(tmp_path.glob("*.prize-tmp"))


# Forgiving about rows (SPEC §5): an over-long value is imported cut, and its line reported.
OVER_LONG = {
    "1 MB cell": ("csv", b"name,notes\nAnn,\"" + b"x" * MB + b"\"\nBo,ok\n",
                  "line 2: the notes are 1,048,576 characters; imported cut to the first 9,999"),
    "1 MB cell (linkedin)": ("linkedin", LINKEDIN.encode() + b"Ann,Lee,," + b"x" * MB
                             + b",,,\nBo,Chen,,,,,\n", "line 2: the email is 1,048,576 "
                             "characters; imported cut to the first 1,999"),
    "100,000-character name": ("csv", b"name\n" + b"n" * 100_000 + b"\nBo\n",
                               "line 2: the name is 100,000 characters; imported cut to the "
                               "first 199"),
}


@pytest.mark.parametrize("case", list(OVER_LONG))
def test_over_long_value_is_cut_and_reported_without_blocking_the_next_row(tmp_path, case):
    kind, raw, report = OVER_LONG[case]
    db = make_db(tmp_path, names=())
    source = tmp_path / "long.csv"
    source.write_bytes(raw)
    before = file_snapshot(db)
    dry = prize("import", kind, str(source), "--db", str(db), "--dry-run", home=tmp_path)
    assert dry.returncode == 0 and dry.stdout.splitlines()[-2:] == ["Rows to check:",
                                                                    f"  {report}"]
    assert file_snapshot(db) == before
    done = prize("import", kind, str(source), "--db", str(db), home=tmp_path)
    assert done.returncode == 0 and done.stdout.splitlines() == [
        "2 added, 0 updated, 0 already there; rows to check: 1 changed.", "Rows to check:",
        f"  {report}"]
    stored = list(orjson.loads(db.read_bytes())["contacts"].values())
    assert len(stored) == 2 and max(len(orjson.dumps(doc)) for doc in stored) < 11_000


def _rows(n: int) -> list[str]:
    return [f"Person {i},Company {i % 997},p{i}@ex.org,https://www.linkedin.com/in/p{i},a;b"
            for i in range(n)]


def test_100_000_rows_import_or_a_bad_last_row_writes_nothing(tmp_path):
    db = make_db(tmp_path)
    head = "name,company,email,url,tags\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(head + "\n".join([*_rows(99_999), 'Bad,"never closed']) + "\n")
    before = file_snapshot(db)
    line = assert_one_line_error(prize("import", "csv", str(bad), "--db", str(db), home=tmp_path))
    assert "line 100001: a quoted cell starting here is never closed" in line
    assert file_snapshot(db) == before  # nothing of the 99,999 good rows half-written

    good = tmp_path / "good.csv"
    good.write_text(head + "\n".join(_rows(100_000)) + "\n")
    runs = [["import", "csv", str(good)]]
    if os.environ.get("PRIZE_LONG_IMPORT"):
        runs = [[*runs[0], "--dry-run"], *runs, *runs]
    for args in runs:
        began = time.monotonic()
        out = prize(*args, "--db", str(db), home=tmp_path)
        took = time.monotonic() - began
        assert out.returncode == 0, out.stderr
        assert took < 60, f"{' '.join(args)} took {took:.1f} s"
    assert len(orjson.loads(db.read_bytes())["contacts"]) == 100_002


# -- formulas: stored literally, escaped in every CSV Prize writes -------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def _assert_spreadsheet_safe(text: str, must_hold: list[str]) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.lstrip(" \t\r\n").startswith(("=", "+", "-", "@")), cell
    for value in must_hold:
        assert "'" + value in cells, value
    return rows


def test_formula_cells_are_stored_literally_and_escaped_in_every_csv_export(tmp_path):
    db = tmp_path / "prize.json"
    source = tmp_path / "evil.csv"
    source.write_text('name,company,role,email,notes\n'
                      '"=HYPERLINK(""http://x"",""y"")",+1,-1,@SUM(A1),"\t=1+1"\n'
                      '"\r=cmd|\' /C calc\'!A0",Acme,,,\n', newline="")
    assert prize("import", "csv", str(source), "--db", str(db), home=tmp_path).returncode == 0
    stored = orjson.loads(db.read_bytes())["contacts"]
    assert [(d["name"], d["company"], d["role"], d["email"], d["notes"])
            for d in stored.values()] == [
        (FORMULAS[0], "+1", "-1", "@SUM(A1)", "=1+1"),  # only surrounding whitespace goes
        (FORMULAS[4], "Acme", "", "", ""),
    ]
    first, second = map(int, stored)
    repo = Repository.open(db, backup_days=0)
    repo.interactions.add(Interaction(contact_id=first, at="2026-11-24T10:00:00+00:00",
                                      channel="+chan", kind="=kind", note="@note"))
    repo.meetings.add(Meeting(contact_id=second, at="2026-11-25T10:00:00+00:00",
                              kind="in person", place="-place", note="=note"))
    repo.blocks.add(Block(channel=FORMULAS[0], day="2026-11-24", minutes=90))
    repo.close()

    contacts = tmp_path / "contacts.csv"
    log = tmp_path / "log.csv"
    for args in (["export", "csv", str(contacts)],
                 ["export", "worklog", str(log), "--from", "2026-11-01", "--to", "2026-11-30"]):
        out = prize(*args, "--db", str(db), home=tmp_path)
        assert out.returncode == 0, out.stderr
    _assert_spreadsheet_safe(contacts.read_text(encoding="utf-8"), [*FORMULAS, "=1+1"])
    rows = _assert_spreadsheet_safe(log.read_text(encoding="utf-8"),
                                    ["+1", FORMULAS[0], "=kind", "@note", FORMULAS[4]])
    assert len(rows) == 3  # header, the interaction, the meeting
    report = prize("report", "--week", "2026-W48", "--format", "csv", "--db", str(db),
                   home=tmp_path)
    assert report.returncode == 0, report.stderr
    _assert_spreadsheet_safe(report.stdout, [FORMULAS[0]])


@pytest.mark.parametrize(("value", "cell"), [
    (" =1+1", "' =1+1"), ("\n@SUM(A1)", "'\n@SUM(A1)"), ("  -2", "'  -2"),
    ("\t=1", "'\t=1"), ("＝1+1", "'＝1+1"), (" ＠SUM(A1)", "' ＠SUM(A1)"), ("a=b", "a=b"),
    ("", ""), (None, ""), (42, "42"), ("Zoë", "Zoë"),
])
def test_safe_cell_and_the_csv_files_it_makes(value, cell):
    assert safe_cell(value) == cell
    written = csv_bytes(["h"], [[value]]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(written))) == [["h"], [cell]]


def test_an_import_from_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    from tui.store import Repository
    from tui.store.importers import ImportFormatError, import_file

    fifo = tmp_path / "contacts.csv"
    os.mkfifo(fifo)
    repo = Repository.open(tmp_path / "prize.json")
    try:
        for source in (fifo, Path("/dev/zero")):
            with pytest.raises(ImportFormatError, match="not a regular file"):
                import_file(repo, "csv", source, dry_run=True, today=date(2026, 11, 26))
        long_path = tmp_path / ("x" * 200) / ("y" * 200) / "c.csv"
        with pytest.raises(ImportFormatError) as refused:
            import_file(repo, "csv", long_path, dry_run=True, today=date(2026, 11, 26))
        assert len(str(refused.value)) < 200
    finally:
        repo.close()
