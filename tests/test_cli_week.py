"""`--week` as people write it (issue "A kind first hour", point 10): `W50` is this
year's week 50, and a week Prize cannot read is answered with the week asked for,
written the way Prize reads it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.test_cli import assert_one_line_error, prize
from tui.commands import CliError, week_option

TODAY = date(2026, 11, 26)  # in ISO week 2026-W48


@pytest.mark.parametrize("text", ["W50", "w50", "50", " W50 ", "2026-W50", "2026w50"])
def test_a_week_number_alone_is_this_years(text):
    assert week_option(text, TODAY) == date(2026, 12, 7)


def test_this_year_is_the_iso_year_of_today():
    # 29 Dec 2025 is already in ISO week 1 of 2026.
    assert week_option("W2", date(2025, 12, 29)) == date(2026, 1, 5)


@pytest.mark.parametrize(("text", "suggested"), [
    ("2026-50", "write 2026-W50"),
    ("50-2026", "write 2026-W50"),
    ("week 50x", "write 2026-W50"),
    ("W60", "ISO weeks go from 01 to 53"),
    ("2026-W99", "ISO weeks go from 01 to 53"),
    ("next", "write it like 2026-W48"),
])
def test_a_week_prize_cannot_read_is_answered_with_the_week_asked_for(text, suggested):
    with pytest.raises(CliError, match=suggested) as raised:
        week_option(text, TODAY)
    assert str(raised.value).startswith(f"--week {text}: ")
    assert "2026-W48" not in str(raised.value) or text == "next"


def test_report_reads_w50_as_a_user_types_it(tmp_path):
    db = tmp_path / "p.json"
    assert prize("demo", "--db", str(db), "--contacts", "5", "--weeks", "1", "--no-open",
                 home=tmp_path).returncode == 0
    result = prize("report", "--db", str(db), "--week", "W50", "--format", "json",
                   home=tmp_path)
    assert result.returncode == 0, result.stderr
    year = date.today().isocalendar()[0]
    assert json.loads(result.stdout)["week"] == f"{year}-W50"
    line = assert_one_line_error(prize("report", "--db", str(db), "--week", "2026-50",
                                       home=tmp_path))
    assert line == "prize: --week 2026-50: not a week Prize reads: write 2026-W50"
