"""Contact import: LinkedIn, Google and plain CSV files, matching, dry runs and bad files."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model.contacts import Contact, Stage
from tui.store import Repository
from tui.store.collection import Collection
from tui.store.importers import (
    ImportFormatError,
    ImportPlan,
    RowNote,
    apply_import,
    import_file,
    parse_google,
    parse_linkedin,
    parse_plain_csv,
    plan_import,
)

FIXTURES = Path(__file__).parent / "fixtures" / "import"
TODAY = date(2026, 11, 26)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the '
    'email addresses are missing. You will only see email addresses for connections '
    'who have allowed it."\n\n'
)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def by_name(contacts: list[Contact]) -> dict[str, Contact]:
    return {c.name: c for c in contacts}


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "prize.json", today=TODAY, backup_days=0)
    yield repository
    repository.close()


def stored_contacts(repo: Repository) -> list[dict]:
    """The contacts as they are in the data file on disk, not in memory."""
    return list(orjson.loads(repo.path.read_bytes())["contacts"].values())


def linkedin_file(rows: list[str]) -> bytes:
    return (PREAMBLE + LINKEDIN_HEADER + "\n" + "\n".join(rows) + "\n").encode()


# -- LinkedIn ----------------------------------------------------------------


def test_linkedin_fields():
    notes: list[RowNote] = []
    people = parse_linkedin(fixture("linkedin_connections.csv"), today=TODAY, row_notes=notes)
    assert [c.name for c in people] == [
        "Ann Lee", "Bo Chen", "Carla Gómez", "[bold]Dee[/bold] Mallory",
    ]  # the all-empty row is passed over; a URL without a name is no contact: noted
    assert [(n.line, n.skipped) for n in notes] == [(10, True)]
    ann, bo, carla = people[:3]
    assert ann.company == "Smith, Jones & Co"
    assert ann.role == "Data Engineer"
    assert ann.url == "https://www.linkedin.com/in/ann-lee-4b2a1"
    assert ann.email == ""
    assert ann.created == "2024-03-15"
    assert ann.stage == Stage.CONNECTED.value
    assert ann.source == "linkedin"
    assert ann.channel == "LinkedIn"
    assert bo.email == "bo.chen@example.com"
    assert bo.created == "2023-01-02"
    assert carla.company == "Acme, Inc"
    assert carla.role == "Head of Talent, EMEA"


def test_linkedin_bom_and_crlf_parse_the_same():
    raw = fixture("linkedin_bom_crlf.csv")
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert parse_linkedin(raw, today=TODAY) == parse_linkedin(
        fixture("linkedin_connections.csv"), today=TODAY
    )


def test_linkedin_header_without_preamble_and_unreadable_date():
    raw = (LINKEDIN_HEADER + "\nAnn,Lee,https://linkedin.com/in/a,,Acme,,sometime\n").encode()
    (ann,) = parse_linkedin(raw, today=TODAY)
    assert ann.created == TODAY.isoformat()


def test_linkedin_without_header_is_refused():
    with pytest.raises(ImportFormatError) as err:
        parse_linkedin(fixture("plain.csv"), today=TODAY)
    assert str(err.value).startswith(
        "not a LinkedIn Connections.csv: no header row with First Name,Last Name,URL found"
    )


# -- Google ------------------------------------------------------------------


def test_google_new_style():
    people = by_name(parse_google(fixture("google_contacts.csv"), today=TODAY))
    assert sorted(people) == ["Initech", "José María Núñez", "Marco Rossi", "Priya Natarajan"]
    priya = people["Priya Natarajan"]
    assert priya.company == "Globex"
    assert priya.role == "Engineering Manager"
    assert priya.email == "priya@globex.example"
    assert priya.phone == "+1 555 0100"
    assert priya.url == "https://www.linkedin.com/in/priya-natarajan"
    assert priya.location == "Austin, TX, US"
    assert priya.tags == ["Work"]  # "* myContacts" and "* starred" dropped
    assert priya.notes == (
        "Met at PyCon, booth 12.\nIntro via Sam: follow up in May.\n"
        "Other emails: priya.n@mail.example, pn@oldjob.example\n"
        "Other phones: +1 555 0101\n"
        "Websites: https://priya.example/blog"
    )
    assert priya.source == "google"
    assert priya.stage == Stage.TARGET.value
    assert priya.created == TODAY.isoformat()
    assert people["Marco Rossi"].tags == []
    assert people["Initech"].email == "hr@initech.example"  # no name: named by company
    jose = people["José María Núñez"]
    assert jose.company == "Hooli, Inc."
    assert jose.tags == ["Coworkers", "Work"]


def test_google_legacy():
    hana, luis = parse_google(fixture("google_legacy.csv"), today=TODAY)
    assert hana.name == "Hana Sato"
    assert hana.company == "Umbrella Corp"
    assert hana.role == "Talent Partner"
    assert hana.email == "hana.sato@umbrella.example"
    assert hana.phone == "+1 206 555 0199"
    assert hana.location == "Seattle"
    assert hana.url == "http://linkedin.com/in/hanasato/"
    assert hana.tags == ["Recruiters"]
    assert hana.notes == "Ex-colleague; knows the Umbrella hiring manager."
    assert luis.name == "Luis Ortega"
    assert luis.tags == ["Coworkers"]


def test_google_refuses_another_format():
    with pytest.raises(ImportFormatError, match="not a Google Contacts CSV"):
        parse_google(fixture("linkedin_connections.csv"), today=TODAY)


# -- plain CSV ---------------------------------------------------------------


def test_plain_csv():
    ann, omar, zoe = parse_plain_csv(fixture("plain.csv"), today=TODAY)
    assert ann.name == "Ann Lee"
    assert ann.company == "Smith, Jones & Co"
    assert ann.role == "Data Engineer"
    assert ann.url == "https://www.linkedin.com/in/ann-lee-4b2a1/"
    assert ann.location == "London"
    assert ann.industry == "Consulting"
    assert ann.tags == ["data", "python", "referrals"]
    assert ann.source == "csv"
    assert ann.stage == Stage.TARGET.value
    assert omar.name == "Omar Haddad"  # surrounding spaces stripped
    assert omar.phone == "+44 20 7946 0000"
    assert omar.notes == "Prefers email.\nReplies within a day."
    assert zoe.name == "Zoë Achterberg"
    assert zoe.company == ""


def test_plain_csv_first_and_last_name_and_stage():
    kim, lena = parse_plain_csv(fixture("plain_first_last.csv"), today=TODAY)
    assert (kim.name, kim.company, kim.role, kim.email) == (
        "Kim Park", "Initech", "PM", "kim@initech.example"
    )
    assert kim.stage == Stage.REACHED_OUT.value
    assert kim.channel == "Email"
    assert lena.name == "Lena"


def test_plain_csv_without_name_column_names_the_columns_found():
    with pytest.raises(ImportFormatError) as err:
        parse_plain_csv(fixture("plain_no_name.csv"), today=TODAY)
    assert "no name column" in str(err.value)
    assert "Company, Email, Phone" in str(err.value)


# -- malformed files ---------------------------------------------------------


def test_non_utf8_is_refused_with_its_line():
    with pytest.raises(ImportFormatError) as err:
        parse_plain_csv(fixture("plain_latin1.csv"), today=TODAY)
    assert err.value.line == 3
    assert "not UTF-8 text" in str(err.value)


def test_utf16_is_refused():
    raw = "name\nAnn\n".encode("utf-16")
    with pytest.raises(ImportFormatError, match="UTF-16"):
        parse_plain_csv(raw, today=TODAY)


def test_unclosed_quote_names_the_line_it_opens():
    with pytest.raises(ImportFormatError) as err:
        parse_plain_csv(fixture("plain_unclosed_quote.csv"), today=TODAY)
    assert err.value.line == 3
    assert "never closed" in str(err.value)


@pytest.mark.parametrize("raw", [b"", b"  \n\r\n", b"\xef\xbb\xbf"])
def test_empty_file(raw):
    for parse in (parse_linkedin, parse_google, parse_plain_csv):
        with pytest.raises(ImportFormatError, match="empty"):
            parse(raw, today=TODAY)


def test_control_character_in_linkedin_name():
    notes: list[RowNote] = []
    raw = linkedin_file(["Ann,Lee,,,Acme,,", "Bo\x00,Chen,,,Acme,,"])
    ann, bo = parse_linkedin(raw, today=TODAY, row_notes=notes)
    assert bo.name == "Bo\\x00 Chen"
    assert [n.line for n in notes] == [6]  # preamble 1-3, header 4, Ann 5, Bo 6
    assert "First Name" in notes[0].text


def test_markup_and_tabs_stay_literal():
    raw = b'name,company,notes\n"[bold]Ann[/bold]","[link=http://x]Acme[/link]","a\tb\nc"\n'
    (ann,) = parse_plain_csv(raw, today=TODAY)
    assert ann.name == "[bold]Ann[/bold]"
    assert ann.company == "[link=http://x]Acme[/link]"
    assert ann.notes == "a\tb\nc"  # notes keep their tabs and line breaks


def test_line_breaks_in_one_line_fields_become_spaces():
    (ann,) = parse_plain_csv(b'name,company\n"Ann\r\nLee","Acme\tInc"\n', today=TODAY)
    assert (ann.name, ann.company) == ("Ann Lee", "Acme Inc")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(
    st.tuples(
        st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    ),
    max_size=8,
))
def test_any_text_round_trips_through_csv(rows):
    """Names come back exactly (stripped) whatever they and the notes hold."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Notes"])
    writer.writerows(rows)
    try:
        people = parse_plain_csv(out.getvalue().encode(), today=TODAY)
    except ImportFormatError as exc:
        assert exc.line is not None
        return
    expected = [name.strip() for name, _ in rows if name.strip()]
    assert [c.name for c in people if c.name in expected] == expected


# -- planning ----------------------------------------------------------------


def test_matching_by_url_email_and_name():
    existing = [
        Contact(id=1, name="Ann Lee", url="http://linkedin.com/in/ann-lee-4b2a1/"),
        Contact(id=2, name="Robert Chen", email="Bo.Chen@Example.com"),
        Contact(id=3, name="carla  gómez", company="ACME, Inc"),
    ]
    plan = plan_import(existing, parse_linkedin(fixture("linkedin_connections.csv"), today=TODAY))
    assert [c.name for c in plan.added] == ["[bold]Dee[/bold] Mallory"]
    assert [old.id for old, _ in plan.updated] == [1, 2, 3]
    assert plan.skipped == []


def test_same_name_and_company_with_another_profile_is_another_person():
    existing = [Contact(id=1, name="John Smith", company="Google", url="linkedin.com/in/js-1")]
    incoming = [Contact(name="John Smith", company="Google", url="linkedin.com/in/js-2")]
    assert len(plan_import(existing, incoming).added) == 1


def test_update_fills_only_empty_fields():
    mine = Contact(
        id=7, name="Bo Chen", company="Acme", role="Senior Recruiter", notes="met at a fair",
        stage=Stage.MET.value, source="manual", created="2025-01-01",
    )
    plan = plan_import([mine], parse_linkedin(fixture("linkedin_connections.csv"), today=TODAY))
    ((old, new),) = plan.updated
    assert old is mine
    assert new.id == 7
    assert new.role == "Senior Recruiter"  # typed by the user: kept
    assert new.notes == "met at a fair"
    assert new.stage == Stage.MET.value and new.source == "manual"
    assert new.created == "2025-01-01"
    assert new.email == "bo.chen@example.com"  # was empty: filled
    assert new.url == "https://www.linkedin.com/in/bochen"
    assert new.channel == "LinkedIn"
    assert "update: Bo Chen: +channel, +url, +email" in plan.describe()


def test_duplicates_inside_one_file_merge():
    plan = plan_import([], parse_linkedin(fixture("linkedin_duplicates.csv"), today=TODAY))
    assert len(plan.added) == 2
    assert plan.repeated == 2
    ann, bo = plan.added
    assert (ann.email, ann.role) == ("ann.lee@example.com", "Data Engineer")
    assert ann.url == "https://www.linkedin.com/in/ann-lee-4b2a1"  # the first spelling
    assert (bo.url, bo.role, bo.company) == (
        "https://www.linkedin.com/in/bochen", "Recruiter", "Acme",
    )
    assert plan.summary() == "2 to add, 0 to update, 0 already there, 2 repeated in the file"


def test_summary_and_describe():
    plan = ImportPlan(
        added=[Contact(name="Ann Lee", company="Acme, Inc"), Contact(name="Esc\x1b[2J")],
        updated=[(Contact(id=1, name="Bo Chen"), Contact(id=1, name="Bo Chen", email="b@x"))],
        skipped=[Contact(id=2, name="Cy")] * 40,
    )
    assert plan.summary() == "2 to add, 1 to update, 40 already there"
    assert plan.summary(done=True) == "2 added, 1 updated, 40 already there"
    assert plan.describe() == [
        "add: Ann Lee (Acme, Inc)", "add: Esc\\x1b[2J", "update: Bo Chen: +email",
    ]
    assert plan.describe(limit=1) == ["add: Ann Lee (Acme, Inc)", "… and 2 more"]


# -- importing into a repository ---------------------------------------------


def test_reimport_adds_nothing(repo: Repository):
    path = FIXTURES / "linkedin_connections.csv"
    first = import_file(repo, "linkedin", path, dry_run=False, today=TODAY)
    noted = "; rows to check: 1 skipped"  # the row without a name
    assert first.summary() == "4 to add, 0 to update, 0 already there" + noted
    assert len(repo.contacts) == 4
    on_disk = repo.path.read_bytes()
    assert len(stored_contacts(repo)) == 4
    again = import_file(repo, "linkedin", path, dry_run=False, today=TODAY)
    assert again.summary() == "0 to add, 0 to update, 4 already there" + noted
    assert len(repo.contacts) == 4
    assert repo.path.read_bytes() == on_disk  # nothing to write, nothing written
    names = sorted(doc["name"] for doc in stored_contacts(repo))
    assert "[bold]Dee[/bold] Mallory" in names  # markup stays literal on disk


def test_reimport_of_google_and_plain_adds_nothing(repo: Repository):
    for kind, name in (("google", "google_contacts.csv"), ("google", "google_legacy.csv"),
                       ("csv", "plain.csv"), ("csv", "plain_first_last.csv")):
        import_file(repo, kind, FIXTURES / name, dry_run=False, today=TODAY)
        count = len(stored_contacts(repo))
        plan = import_file(repo, kind, FIXTURES / name, dry_run=False, today=TODAY)
        assert plan.changes == 0, (name, plan.describe())
        assert len(stored_contacts(repo)) == count


def test_plain_then_linkedin_fills_in(repo: Repository):
    import_file(repo, "csv", FIXTURES / "plain.csv", dry_run=False, today=TODAY)
    plan = import_file(repo, "linkedin", FIXTURES / "linkedin_connections.csv",
                       dry_run=False, today=TODAY)
    assert plan.summary() == "3 to add, 1 to update, 0 already there; rows to check: 1 skipped"
    docs = {d["name"]: d for d in stored_contacts(repo)}
    assert docs["Ann Lee"]["source"] == "csv"
    assert docs["Ann Lee"]["url"] == "https://www.linkedin.com/in/ann-lee-4b2a1/"
    assert docs["Ann Lee"]["channel"] == "LinkedIn"
    assert docs["Ann Lee"]["stage"] == "target"


def test_dry_run_writes_nothing(repo: Repository):
    repo.contacts.add(Contact(name="Bo Chen", company="Acme"))
    repo.flush()
    before = repo.path.read_bytes()
    plan = import_file(repo, "linkedin", FIXTURES / "linkedin_connections.csv",
                       dry_run=True, today=TODAY)
    assert plan.summary() == "3 to add, 1 to update, 0 already there; rows to check: 1 skipped"
    assert plan.row_report() == [
        "line 10: no name (LinkedIn leaves it out for members who hide it); row skipped"]
    assert plan.describe()[0] == "add: Ann Lee (Smith, Jones & Co)"
    assert repo.path.read_bytes() == before
    assert len(repo.contacts) == 1 and not repo.dirty


@pytest.mark.parametrize(("kind", "name", "line"), [
    ("csv", "plain_latin1.csv", 3),
    ("csv", "plain_unclosed_quote.csv", 3),
    ("csv", "plain_no_name.csv", 1),
    ("linkedin", "plain.csv", None),
])
def test_malformed_file_writes_nothing(repo: Repository, kind, name, line):
    repo.contacts.add(Contact(name="Keep Me"))
    repo.flush()
    before = repo.path.read_bytes()
    with pytest.raises(ImportFormatError) as err:
        import_file(repo, kind, FIXTURES / name, dry_run=False, today=TODAY)
    assert err.value.line == line
    assert repo.path.read_bytes() == before
    assert [c.name for c in repo.contacts.all()] == ["Keep Me"] and not repo.dirty


def test_missing_file_and_unknown_kind(repo: Repository, tmp_path: Path):
    with pytest.raises(ImportFormatError, match="cannot read .*nope.csv"):
        import_file(repo, "csv", tmp_path / "nope.csv", dry_run=False, today=TODAY)
    with pytest.raises(ImportFormatError, match="cannot read"):
        import_file(repo, "csv", tmp_path, dry_run=False, today=TODAY)
    with pytest.raises(ImportFormatError, match="unknown import kind"):
        import_file(repo, "vcard", FIXTURES / "plain.csv", dry_run=False, today=TODAY)


def test_apply_keeps_edits_made_after_the_plan(repo: Repository):
    bo = repo.contacts.add(Contact(name="Bo Chen", company="Acme"))
    plan = plan_import(repo.contacts.all(),
                       parse_linkedin(fixture("linkedin_connections.csv"), today=TODAY))
    repo.contacts.update(bo.replace(email="typed@me.example"))  # edited while reviewing
    apply_import(repo, plan)
    now = repo.contacts.get(bo.id)
    assert now.email == "typed@me.example"
    assert now.url == "https://www.linkedin.com/in/bochen"
    assert len(repo.contacts) == 4


# -- speed -------------------------------------------------------------------


def big_linkedin(n: int, offset: int = 0) -> bytes:
    rows = [
        f'First{i},Last{i},https://www.linkedin.com/in/person-{i},,'
        f'"Company {i % 500}, Inc",Role {i % 37},{1 + i % 28} Mar 2024'
        for i in range(offset, offset + n)
    ]
    return linkedin_file(rows)


def test_ten_thousand_rows_parse_and_plan_quickly(tmp_path: Path):
    """The spec's case: 10k LinkedIn rows against 10k contacts (half of them the same people)."""
    existing = [
        c.replace(id=i + 1, url="", email=f"p{i}@x.example")
        for i, c in enumerate(parse_linkedin(big_linkedin(10_000, offset=5_000), today=TODAY))
    ]
    path = tmp_path / "Connections.csv"
    path.write_bytes(big_linkedin(10_000))
    started = time.perf_counter()
    plan = plan_import(existing, parse_linkedin(path.read_bytes(), today=TODAY))
    took = time.perf_counter() - started
    print(f"\n10k LinkedIn rows parsed and planned against 10k contacts in {took:.3f}s")
    assert plan.summary() == "5000 to add, 5000 to update, 0 already there"
    assert took < 10


def test_ten_thousand_new_rows_import_quickly(repo: Repository, tmp_path: Path):
    repo.contacts.add_many(
        parse_linkedin(big_linkedin(10_000, offset=20_000), today=TODAY))
    repo.flush()
    path = tmp_path / "Connections.csv"
    path.write_bytes(big_linkedin(10_000))
    started = time.perf_counter()
    plan = import_file(repo, "linkedin", path, dry_run=False, today=TODAY)
    took = time.perf_counter() - started
    print(f"\n10k new LinkedIn rows imported (read, parse, plan, add, flush) into 10k "
          f"contacts in {took:.3f}s")
    assert plan.summary() == "10000 to add, 0 to update, 0 already there"
    assert len(stored_contacts(repo)) == 20_000
    assert took < 10


@pytest.mark.skipif(not hasattr(Collection, "update_many"),
                    reason="needs Collection.update_many: update() rewrites the table per call")
def test_five_thousand_updates_apply_quickly(repo: Repository, tmp_path: Path):
    repo.contacts.add_many(
        c.replace(url="") for c in parse_linkedin(big_linkedin(10_000, offset=5_000),
                                                  today=TODAY))
    repo.flush()
    path = tmp_path / "Connections.csv"
    path.write_bytes(big_linkedin(10_000))
    started = time.perf_counter()
    plan = import_file(repo, "linkedin", path, dry_run=False, today=TODAY)
    took = time.perf_counter() - started
    print(f"\n10k LinkedIn rows (5k updates) imported in {took:.3f}s")
    assert plan.summary() == "5000 to add, 5000 to update, 0 already there"
    docs = stored_contacts(repo)
    assert len(docs) == 15_000
    assert sum(1 for d in docs if d["url"]) == 10_000  # 5k added, 5k filled in
    assert took < 10
