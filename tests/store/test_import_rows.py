"""Imports are forgiving about rows (SPEC §5, issue point 12): a row with an odd value is
imported with the value made safe, a row that cannot be a contact is skipped, and both
are reported by line, in the dry run and the real run; one odd row never blocks the rest.
Two rows of one name and company with different emails or phones are two people."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest

from tests.test_cli import prize
from tui.model.validation import NAME_MAX, NOTES_MAX, clean_text
from tui.store import Repository
from tui.store.importers import (
    ImportFormatError,
    ImportPlan,
    RowNote,
    import_file,
    parse_google,
    parse_linkedin,
    parse_plain_csv,
    plan_import,
)

FIXTURES = Path(__file__).parent / "fixtures" / "import"
TODAY = date(2026, 11, 26)
# As LinkedIn writes it: a notes preamble (lines 1-3), the header (line 4), the rows.
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)
ROWS = 1_505
ESCAPE_LINE, NO_NAME_LINE, MEMBER_LINE, BAD_DATE_LINE = 1506, 1507, 812, 40


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "prize.json", today=TODAY, backup_days=0)
    yield repository
    repository.close()


def stored(repo: Repository) -> list[dict]:
    """The contacts as they are in the data file on disk."""
    return list(orjson.loads(repo.path.read_bytes())["contacts"].values())


def connections_csv(tmp_path: Path) -> Path:
    """A 1,505-row Connections.csv: one first name holds a terminal escape sequence, one
    row has no name (a member who hides it), one says "LinkedIn Member", one date is odd."""
    rows = []
    for line in range(5, 5 + ROWS):
        first, last, url = f"First{line}", f"Last{line}", f"https://www.linkedin.com/in/p-{line}"
        when = f"{1 + line % 28} Mar 2024"
        if line == ESCAPE_LINE:
            first = "Eve\x1b[31m"
        elif line == NO_NAME_LINE:
            first, last, url = "", "", "https://www.linkedin.com/in/private"
        elif line == MEMBER_LINE:
            first, last = "LinkedIn", "Member"
        elif line == BAD_DATE_LINE:
            when = "sometime"
        rows.append(f'{first},{last},{url},,"Acme {line % 50}, Inc",Engineer,{when}')
    path = tmp_path / "Connections.csv"
    path.write_text(PREAMBLE + "\n".join(rows) + "\n", encoding="utf-8")
    return path


EXPECTED_REPORT = [
    f"line {BAD_DATE_LINE}: Connected On “sometime” is not a date; imported as connected today",
    f"line {MEMBER_LINE}: the name “LinkedIn Member” is LinkedIn's stand-in for a member who "
    "hides it; row skipped",
    f"line {ESCAPE_LINE}: the First Name cell holds a control character (U+001B); imported "
    "with it shown as text: “Eve\\x1b[31m”",
    f"line {NO_NAME_LINE}: no name (LinkedIn leaves it out for members who hide it); "
    "row skipped",
]


def test_one_escape_sequence_in_1505_rows_blocks_nothing(repo: Repository, tmp_path: Path):
    source = connections_csv(tmp_path)
    repo.flush()
    before = repo.path.read_bytes()
    dry = import_file(repo, "linkedin", source, dry_run=True, today=TODAY)
    assert dry.summary() == "1503 to add, 0 to update, 0 already there; rows to check: " \
                            "2 skipped, 2 changed"
    assert dry.row_report() == EXPECTED_REPORT
    assert repo.path.read_bytes() == before  # a dry run writes nothing

    done = import_file(repo, "linkedin", source, dry_run=False, today=TODAY)
    assert done.row_report() == EXPECTED_REPORT
    docs = {d["url"]: d for d in stored(repo)}
    assert len(docs) == ROWS - 2  # every row but the two without a name
    eve = docs[f"https://www.linkedin.com/in/p-{ESCAPE_LINE}"]
    assert eve["name"] == f"Eve\\x1b[31m Last{ESCAPE_LINE}"  # visible, never raw
    assert clean_text(eve["name"], required=True, max_len=NAME_MAX) == eve["name"]  # savable
    assert docs[f"https://www.linkedin.com/in/p-{BAD_DATE_LINE}"]["created"] == "2026-11-26"
    assert "https://www.linkedin.com/in/private" not in docs
    assert not [d for d in docs.values() if d["name"] in ("private", "LinkedIn Member")]
    assert not any("\x1b" in str(d) for d in docs.values())

    again = import_file(repo, "linkedin", source, dry_run=False, today=TODAY)
    assert again.changes == 0 and len(stored(repo)) == ROWS - 2


def test_the_command_line_reports_the_rows_by_line(tmp_path: Path):
    source, db = connections_csv(tmp_path), tmp_path / "prize.json"
    dry = prize("import", "linkedin", str(source), "--db", str(db), "--dry-run", home=tmp_path)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0] == ("Dry run, nothing written: 1503 to add, 0 to update, 0 already there; "
                        "rows to check: 2 skipped, 2 changed.")
    assert lines[-5:] == ["Rows to check:", *[f"  {line}" for line in EXPECTED_REPORT]]
    assert not db.exists() or not orjson.loads(db.read_bytes()).get("contacts")
    assert "\x1b" not in dry.stdout

    done = prize("import", "linkedin", str(source), "--db", str(db), home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "1503 added, 0 updated, 0 already there; rows to check: 2 skipped, 2 changed.",
        "Rows to check:", *[f"  {line}" for line in EXPECTED_REPORT],
    ]
    assert len(orjson.loads(db.read_bytes())["contacts"]) == ROWS - 2


# -- Google: namesakes at one company -------------------------------------------------

GOOGLE = (
    "First Name,Last Name,Organization Name,E-mail 1 - Value,Phone 1 - Value,Labels\n"
    "John,Smith,Acme,john.smith@acme.example,,* myContacts\n"        # line 2
    "John,Smith,Acme,jsmith@acme.example,,* myContacts\n"            # 3: another email
    "Mary,Jones,Acme,,+1 555 0100,* myContacts\n"                    # 4
    "Mary,Jones,Acme,,+1 555 0199,* myContacts\n"                    # 5: another phone
    "Mary,Jones,Acme,,555 0199,* myContacts\n"                       # 6: 5 without +1
    "John,Smith,Acme,JOHN.SMITH@acme.example,+1 555 0111,Work\n"     # 7: 2 again
    ",,,,,* myContacts\n"                                            # 8: nobody
)


def test_namesakes_with_other_emails_or_phones_are_two_people(repo: Repository, tmp_path):
    source = tmp_path / "contacts.csv"
    source.write_text(GOOGLE, encoding="utf-8")
    plan = import_file(repo, "google", source, dry_run=False, today=TODAY)
    assert plan.summary() == ("4 to add, 0 to update, 0 already there, 2 repeated in the file; "
                              "rows to check: 1 skipped")
    assert plan.row_report() == ["line 8: no name, company, email or phone; row skipped"]
    people = sorted((d["name"], d["email"], d["phone"]) for d in stored(repo))
    assert people == [
        ("John Smith", "john.smith@acme.example", "+1 555 0111"),  # line 7 filled the phone
        ("John Smith", "jsmith@acme.example", ""),
        ("Mary Jones", "", "+1 555 0100"),
        ("Mary Jones", "", "+1 555 0199"),
    ]
    again = import_file(repo, "google", source, dry_run=False, today=TODAY)
    assert again.changes == 0 and len(stored(repo)) == 4  # re-importing adds nothing twice


def test_a_namesake_without_email_or_phone_fills_the_first():
    incoming = parse_google(GOOGLE.encode() + b"John,Smith,Acme,,,Friends\n", today=TODAY)
    plan = plan_import([], incoming)
    assert len(plan.added) == 4 and plan.repeated == 3


# -- odd values, made safe and noted -----------------------------------------------------

def test_control_character_in_notes_is_made_visible_at_its_line():
    notes: list[RowNote] = []
    raw = b'name,notes\nAnn,ok\nBo,"line one\nline two \x1b]52;c;evil\x07"\n'
    ann, bo = parse_plain_csv(raw, today=TODAY, row_notes=notes)
    assert bo.notes == "line one\nline two \\x1b]52;c;evil\\x07"  # line breaks kept
    assert [str(n) for n in notes] == [  # the cell starts on line 3; the escape is on line 4
        "line 4: the notes cell holds a control character (U+001B); imported with it shown "
        "as text: “line one line two \\x1b]52;c;evil\\x07”",
    ]


def test_over_long_values_are_cut_and_noted():
    notes: list[RowNote] = []
    raw = b"name,notes\nAnn,ok\nBo," + b"x" * 200_000 + b"\n" + b"N" * 500 + b",fine\n"
    ann, bo, long_name = parse_plain_csv(raw, today=TODAY, row_notes=notes)
    assert len(bo.notes) == NOTES_MAX and bo.notes.endswith("x…")
    assert len(long_name.name) == NAME_MAX and long_name.name.endswith("N…")
    assert [str(n) for n in notes] == [
        "line 3: the notes are 200,000 characters; imported cut to the first 9,999",
        "line 4: the name is 500 characters; imported cut to the first 199",
    ]


def test_unknown_stage_is_imported_as_target_and_noted():
    notes: list[RowNote] = []
    ann, bo = parse_plain_csv(b"name,stage\nAnn,met\nBo,hot lead\n", today=TODAY,
                              row_notes=notes)
    assert (ann.stage, bo.stage) == ("met", "target")
    assert [n.line for n in notes] == [3] and "“hot lead” is not one of" in notes[0].text


def test_a_row_with_the_wrong_number_of_cells_is_skipped_and_noted():
    notes: list[RowNote] = []
    people = parse_linkedin((FIXTURES / "linkedin_bad_row.csv").read_bytes(), today=TODAY,
                            row_notes=notes)
    assert [c.name for c in people] == ["Ann Lee", "Carla Gómez"]
    assert notes == [RowNote(6, "expected 7 columns, found 3; row skipped", skipped=True)]


def test_trailing_empty_cells_are_not_a_wrong_count():
    assert [c.name for c in parse_plain_csv(b"name,company\nAnn,Acme,,\n", today=TODAY)] == [
        "Ann"]


def test_a_file_where_no_row_has_the_header_width_is_refused(repo: Repository, tmp_path):
    source = tmp_path / "semicolons.csv"
    source.write_text("name,company\nAnn,Acme,x\nBo,Beta,y\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as err:
        import_file(repo, "csv", source, dry_run=False, today=TODAY)
    assert str(err.value) == "line 2: expected 2 columns, found 3"
    assert repo.contacts.all() == [] and not repo.dirty


def test_rows_without_a_name_are_skipped_and_noted():
    notes: list[RowNote] = []
    raw = b"name,email,url\nAnn,,\n,bo@x.example,\n,,https://www.linkedin.com/in/private\n"
    people = parse_plain_csv(raw, today=TODAY, row_notes=notes)
    assert [c.name for c in people] == ["Ann", "bo@x.example"]  # named by the email
    assert [str(n) for n in notes] == ["line 4: no name or email; row skipped"]


def test_summary_and_report_of_noted_rows():
    plan = ImportPlan(row_notes=[RowNote(9, "b"), RowNote(3, "a", skipped=True),
                                 RowNote(9, "c")])
    assert plan.summary(done=True) == ("0 added, 0 updated, 0 already there; "
                                       "rows to check: 1 skipped, 1 changed")
    assert plan.row_report() == ["line 3: a", "line 9: b", "line 9: c"]
    assert plan.row_report(limit=1) == ["line 3: a", "… and 2 more"]
