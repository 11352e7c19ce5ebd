"""The contact list's prepared rows: search words, filters and sorts, without a screen."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.contact_list import (
    build_entries,
    filter_entries,
    narrows,
    search_filter,
    sort_entries,
)
from tui.model.contacts import Contact

TODAY = date(2026, 11, 26)
PEOPLE = [
    Contact(id=1, name="Zoë Ng", company="Acme", tags=["Fintech", "berlin"], stage="met",
            follow_up="2026-11-20"),
    Contact(id=2, name="ann lee", company="", role="CTO", notes="met at PyCon\nlikes tea",
            stage="target"),
    Contact(id=3, name="Bo\nOdd", company="Beta\nCorp", tags=["tag\x1fwith mark"],
            stage="referral"),  # imported text with line breaks and our tag mark
]


def _found(query: str) -> list[int]:
    entries = build_entries(PEOPLE, {})
    for check in search_filter(query, TODAY):
        entries = [e for e in entries if check(e)]
    return [e.key for e in entries]


def test_words_filters_and_tags():
    assert _found("zoë") == [1] and _found("ZOË") == [1]
    assert _found("tea") == [2]  # notes, past a line break
    assert _found("tag:fin") == [1] and _found("tag:berl") == [1]
    assert _found("company:acme") == [1] and _found("company:corp") == [3]
    assert _found("stage:ref") == [3] and _found("due") == [1]
    assert _found('tag:"with mark"') == [3]  # our mark inside a tag is not a boundary


def test_sorts_use_the_casefolded_name_and_company():
    entries = build_entries(PEOPLE, {})
    assert [e.key for e in sort_entries(entries, "name")] == [2, 3, 1]
    assert [e.key for e in sort_entries(entries, "company")] == [1, 3, 2]  # no company last
    assert [e.key for e in sort_entries(entries, "due")][0] == 1
    assert entries[2].name == "bo odd" and entries[2].company == "beta corp"


# Queries as typed: words, filters, quotes, `due` and its prefix, in pieces.
TYPED = st.lists(st.sampled_from(["a", "n", "e", "d", "u", "du", "due", " ", ":", '"', "tag:",
                                  "stage", "company", "ann", "lee", "acme", "fin", "met"]),
                 max_size=7).map("".join)


@settings(max_examples=400, deadline=None)
@given(after=TYPED, cut=st.integers(0, 40))
def test_a_search_filtered_from_the_last_keys_rows_shows_what_a_fresh_one_shows(after, cut):
    entries = sort_entries(build_entries(PEOPLE * 2, {}), "due")
    before = after[:cut]  # the search one key (or a few) before
    last = filter_entries(entries, before, TODAY)
    fresh = filter_entries(entries, after, TODAY)
    assert filter_entries(entries, after, TODAY, last).rows == fresh.rows
    assert fresh.due == last.due == 2


def test_only_a_word_typed_on_or_added_narrows_the_last_search():
    assert narrows("an", "ann") and narrows("ann", "ann lee") and narrows("", "tag:x")
    assert narrows("ann ", "ann due")  # a filter added: fewer rows
    assert not narrows("du", "due")  # a word become the due filter
    assert not narrows("stage", "stage:")  # a word become a filter still without its value
    assert not narrows("tag:fin", "tag:fint")  # (filters' values: not assumed)
    assert not narrows("ann", "an") and not narrows("ann", "bob")


def test_the_rows_are_filtered_from_the_last_ones_when_the_search_narrows():
    entries = sort_entries(build_entries(PEOPLE, {}), "due")
    last = filter_entries(entries, "an", TODAY)
    assert [e.key for e in last.rows] == [2]
    narrowed = filter_entries(entries, "ann", TODAY, last._replace(rows=[]))
    assert narrowed.rows == []  # (from the last rows, which were made empty to see it)
    other_data = filter_entries(list(entries), "ann", TODAY, last._replace(rows=[]))
    assert [e.key for e in other_data.rows] == [2]  # new data: filtered afresh
