"""Employers: company names matched sensibly, the LAMP order, merge and split."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tui.model.employer_edits import (
    EmployerInput,
    employer_from_input,
    merge_employers,
    split_alias,
)
from tui.model.employers import Employer, Person, companies_of, company_key, employer_rows
from tui.model.validation import ValidationError

names = st.text(st.characters(categories=("L", "N", "Zs", "P")), min_size=1, max_size=30)
suffixes = st.sampled_from([" Inc", " Inc.", ", Inc.", " LLC", " Ltd.", " GmbH", " Corp",
                            " Corporation", " S.A.", " plc", " Co."])


def test_the_issues_examples_are_one_employer():
    assert company_key("Acme, Inc.") == company_key("ACME Inc") == "acme"
    assert company_key("The Acme Company") == "acme"
    assert company_key("Société Générale S.A.") == company_key("Societe Generale")
    assert company_key("AT&T") == company_key("A.T.&T. Inc.")


def test_different_companies_stay_apart():
    assert company_key("Acme") != company_key("Acme Labs")
    assert company_key("Procter & Gamble") == "procter and gamble"
    assert company_key("Inc") == "inc"  # never the whole name dropped
    assert company_key("") == "" == company_key(" ,. ")


@given(names)
def test_key_is_idempotent(name):
    assert company_key(company_key(name)) == company_key(name)


@given(names)
def test_case_and_surrounding_space_do_not_matter(name):
    assert company_key(f"  {name.upper()} ") == company_key(name.lower()) or \
        name.upper().lower() != name.lower()  # (ß and friends change length in upper)


@given(st.from_regex(r"[A-Za-z][A-Za-z0-9]{1,12}( [A-Za-z0-9]{2,10}){0,2}", fullmatch=True),
       suffixes)
def test_a_legal_suffix_does_not_matter(name, suffix):
    base = company_key(name)
    if base.split()[-1] in ("inc", "llc", "ltd", "corp", "co", "sa", "plc", "gmbh", "and",
                            "corporation", "company", "limited", "ag", "ab", "as", "bv", "nv",
                            "oy", "kg", "lp", "pty", "srl", "spa", "sas", "sarl", "pllc",
                            "incorporated", "llp", "the"):
        return  # a name that ends like a suffix itself
    assert company_key(f"{name}{suffix}") == base


@given(st.from_regex(r"[A-Za-z]{2,10}( [A-Za-z]{2,10})?", fullmatch=True),
       st.sampled_from([",", ".", "-", " ", "'"]))
def test_punctuation_between_words_does_not_matter(word, mark):
    assert company_key(word.replace(" ", f"{mark} ")) == company_key(word) or mark == "'"


def person(i, company, roles=(), priority=0, name=None):
    return Person(i, name or f"P{i}", company, tuple(roles), priority)


def test_advocacy_counts_the_people_there_whatever_the_spelling():
    rows = employer_rows([], companies_of([person(1, "Acme, Inc."), person(2, "ACME Inc"),
                              person(3, "Acme, Inc."), person(4, "Globex")]))
    assert [(r.name, r.advocacy) for r in rows] == [("Acme, Inc.", 3), ("Globex", 1)]
    assert not any(r.working for r in rows)  # none scored yet


def test_lamp_order_motivation_then_posting_then_advocacy_top_five_working():
    employers = [Employer(id=i, name=n, motivation=m, posting=p) for i, (n, m, p) in enumerate([
        ("Low", 1, "yes"), ("High no post", 3, "no"), ("High post", 3, "yes"),
        ("Mid", 2, "unknown"), ("Mid post", 2, "yes"), ("Unscored", 0, "yes"),
        ("High unknown", 3, "unknown")], start=1)]
    rows = employer_rows(employers, companies_of([person(1, "Mid"), person(2, "Mid")]))
    assert [r.name for r in rows] == ["High post", "High unknown", "High no post", "Mid post",
                                      "Mid", "Low", "Unscored"]
    assert [r.working for r in rows] == [True] * 5 + [False] * 2
    assert rows[4].advocacy == 2


def test_an_alias_merges_and_taking_it_out_splits():
    acme = Employer(id=1, name="Acme", motivation=3)
    rows = employer_rows([acme], companies_of([person(1, "Acme Corp"), person(2, "Acme Labs")]))
    assert [(r.name, r.advocacy) for r in rows] == [("Acme", 1), ("Acme Labs", 1)]
    merge = merge_employers(acme, None, "Acme Labs")
    merged = merge.changes[0].after
    assert merged.aliases == ["Acme Labs"]
    rows = employer_rows([merged], companies_of([person(1, "Acme Corp"), person(2, "Acme Labs")]))
    assert [(r.name, r.advocacy) for r in rows] == [("Acme", 2)]
    split = split_alias(merged, "acme labs")
    rows = employer_rows([split.changes[0].after],
                         companies_of([person(1, "Acme"), person(2, "Acme Labs")]))
    assert [(r.name, r.advocacy) for r in rows] == [("Acme", 1), ("Acme Labs", 1)]


def test_merging_two_records_keeps_the_score_and_removes_the_other():
    a = Employer(id=1, name="Acme", motivation=0)
    b = Employer(id=2, name="Acme Labs", motivation=2, posting="yes", aliases=["AL"])
    edit = merge_employers(a, b, b.name)
    after = edit.changes[0].after
    assert (after.motivation, after.posting, after.aliases) == (2, "yes", ["Acme Labs", "AL"])
    assert edit.changes[1].removed and edit.changes[1].before == b


def test_the_form_checks_every_field():
    try:
        employer_from_input(EmployerInput(name="", motivation="5", posting="maybe"),
                            date(2026, 12, 7))
    except ValidationError as exc:
        assert set(exc.errors) == {"name", "motivation", "posting"}
    else:
        raise AssertionError("accepted")
    e = employer_from_input(EmployerInput(name=" Acme ", motivation="3", posting="y",
                                          aliases="Acme Labs; acme inc"), date(2026, 12, 7))
    assert (e.name, e.motivation, e.posting, e.aliases) == ("Acme", 3, "yes", ["Acme Labs"])


def test_two_records_of_one_name_are_both_listed_the_older_counting():
    """Two machines each added "Acme"; after a merge of the files both records show."""
    rows = employer_rows([Employer(id=9, name="ACME Inc", motivation=2),
                          Employer(id=4, name="Acme", motivation=1)],
                         companies_of([person(1, "Acme")]))
    assert sorted((r.record.id, r.advocacy) for r in rows) == [(4, 1), (9, 0)]
    assert len({r.key for r in rows}) == 2
