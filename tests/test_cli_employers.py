"""`prize employers` and `prize import employers`, run as a user runs them: after
importing a LinkedIn export, the list counts the people known at each company."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.test_cli import assert_one_line_error, prize

FIXTURES = Path(__file__).parent / "store" / "fixtures" / "import"

LINKEDIN = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ann,Lee,https://www.linkedin.com/in/ann,,"Acme, Inc.",Engineer,15 Mar 2024
Bob,Roy,https://www.linkedin.com/in/bob,,ACME Inc,Manager,16 Mar 2024
Cat,Poe,https://www.linkedin.com/in/cat,,Globex,Recruiter,17 Mar 2024
"""


def test_linkedin_then_employers_then_scores(tmp_path):
    db = tmp_path / "p.json"
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN, encoding="utf-8")
    assert prize("import", "linkedin", str(export), "--db", str(db), home=tmp_path).returncode == 0
    out = prize("employers", "--db", str(db), "--format", "csv", home=tmp_path)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == ["employer", "motivation", "posting", "advocacy", "status",
                             "next_step"]
    assert [(r["employer"], r["advocacy"]) for r in rows] == [("Acme, Inc.", "2"),
                                                              ("Globex", "1")]
    scores = tmp_path / "scores.csv"
    scores.write_text("Company,Motivation,Posting,Notes\n"
                      "Globex,3,yes,ex-colleague there\n"
                      "ACME,2,maybe,\n"
                      ",1,no,\n"
                      "Initech,1,no,\n", encoding="utf-8")
    dry = prize("import", "employers", str(scores), "--db", str(db), "--dry-run", home=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "Dry run, nothing written: 3 employers to add, 0 to update, 0 already there." in \
        dry.stdout
    assert "line 3: posting “maybe” is not yes, no or unknown; imported as unknown" in dry.stdout
    assert "line 4: no employer name; row skipped" in dry.stdout
    done = prize("import", "employers", str(scores), "--db", str(db), home=tmp_path)
    assert "3 employers added" in done.stdout
    again = prize("import", "employers", str(scores), "--db", str(db), home=tmp_path)
    assert "0 employers added, 0 updated, 3 already there." in again.stdout
    data = json.loads(prize("employers", "--db", str(db), "--format", "json",
                            home=tmp_path).stdout)["employers"]
    assert [(e["employer"], e["motivation"], e["posting"], e["advocacy"], e["status"])
            for e in data] == [("Globex", 3, "yes", 1, "working"),
                               ("ACME", 2, "unknown", 2, "working"),
                               ("Initech", 1, "no", 0, "working")]
    assert data[0]["next_step"] == "reach out to Cat Poe"
    md = prize("employers", "--db", str(db), home=tmp_path).stdout
    assert "| ★ | Globex | 3 | yes | 1 | working | reach out to Cat Poe |" in md


def test_a_file_that_is_not_an_employer_list_is_refused(tmp_path):
    db = tmp_path / "p.json"
    bad = tmp_path / "x.csv"
    bad.write_text("colour,size\nred,2\n", encoding="utf-8")
    line = assert_one_line_error(prize("import", "employers", str(bad), "--db", str(db),
                                       home=tmp_path))
    assert "line 1: no employer column" in line
    bad.write_bytes(b"\xff\xfe\x00\x00")
    line = assert_one_line_error(prize("import", "employers", str(bad), "--db", str(db),
                                       home=tmp_path))
    assert "not UTF-8" in line
    assert not db.exists() or json.loads(db.read_bytes()).get("employers", {}) == {}
