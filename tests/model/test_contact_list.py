"""The contact list's prepared rows: search words, filters and sorts, without a screen."""

from __future__ import annotations

from datetime import date

from tui.model.contact_list import build_entries, search_filter, sort_entries
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
