"""Target employers (SPEC §3.11): records scored for a LAMP list, matched to the
contacts by company name.

A company name is matched by its *key*: case, accents, punctuation and legal
suffixes dropped, so "Acme, Inc." and "ACME Inc" are one employer. An employer
record may also hold `aliases`, other names counted as it (a merge); taking an
alias back out splits it off again. A company with contacts but no record is
listed too (unscored), so the list shows at once whom the person knows where.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tui.model.employer_record import POSTINGS, Employer

__all__ = ["POSTINGS", "Employer", "EmployerRow", "Person", "company_key", "employer_rows"]

WORKING = 5  # the employers worked at once: the top of the LAMP list
_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "llp", "ltd", "limited", "corp", "corporation", "co",
    "company", "plc", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "oy", "ab", "as",
    "pty", "srl", "spa", "kg", "lp", "pllc", "the",
})
_NOT_WORD = re.compile(r"[^\w]+")
_DROPPED = re.compile(r"[.'’`]")  # "S.A." is "SA", "McDonald's" is "McDonalds"


@lru_cache(maxsize=65536)  # (companies repeat: 10,000 contacts name a few hundred)
def company_key(name: str) -> str:
    """The name as matched: "Acme, Inc." → "acme"; "" for no company.

    Accents and case go, punctuation becomes a space (`&` is "and"), and legal
    suffixes are dropped from the end (and a leading "the"), never the whole name.
    """
    text = unicodedata.normalize("NFKD", name.replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _DROPPED.sub("", text)
    words = [w for w in _NOT_WORD.sub(" ", text).replace("_", " ").split() if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and (words[-1] in _SUFFIXES or words[-1] == "and"):
        words.pop()
    return " ".join(words)


@dataclass(frozen=True)
class Person:
    """A contact as the employer list needs it."""

    id: int
    name: str
    company: str
    roles: tuple[str, ...] = ()
    priority: int = 0


@dataclass
class EmployerRow:
    """One line of the list: a record (or None for a company not scored yet), the
    ids of the contacts there, and those contacts (filled when they are shown)."""

    key: str
    name: str
    record: Employer | None = None
    ids: list[int] = field(default_factory=list)
    working: bool = False
    people: list[Person] = field(default_factory=list)

    @property
    def advocacy(self) -> int:
        return len(self.ids)

    @property
    def motivation(self) -> int:
        return self.record.motivation if self.record else 0

    @property
    def posting(self) -> str:
        return self.record.posting if self.record else "unknown"


def keys_of(employer: Employer) -> list[str]:
    return [k for k in dict.fromkeys(map(company_key, [employer.name, *employer.aliases])) if k]


def companies_of(people: Iterable[Person]) -> dict[str, list[int]]:
    """Contact ids by company name as written."""
    found: dict[str, list[int]] = {}
    for person in people:
        found.setdefault(person.company, []).append(person.id)
    return found


def employer_rows(employers: Iterable[Employer],
                  companies: Mapping[str, Sequence[int]]) -> list[EmployerRow]:
    """Every employer record and every company of the contacts (`companies`: contact
    ids by company name as written), in LAMP order, the top five scored ones
    marked working. Each row's `people` is left for the caller to fill."""
    rows: dict[str, EmployerRow] = {}
    owner: dict[str, EmployerRow] = {}
    # Oldest first: of two records of one name (added on two machines, then merged),
    # the older counts the people; the other is listed apart, to merge or delete.
    for employer in sorted(employers, key=lambda e: (e.id is None, e.id or 0)):
        key = company_key(employer.name) or f"#{employer.id}"
        row = EmployerRow(key if key not in rows else f"{key}#{employer.id}", employer.name,
                          employer)
        rows[row.key] = row
        for key in keys_of(employer):
            owner.setdefault(key, row)
    spellings: dict[str, dict[str, int]] = {}
    for company, ids in companies.items():
        key = company_key(company or "")
        if not key or not ids:
            continue
        row = owner.get(key)
        if row is None:
            row = owner[key] = rows[key] = EmployerRow(key, company.strip())
            spellings[key] = {}
        if key in spellings:
            spelled = spellings[key]
            spelled[company.strip()] = spelled.get(company.strip(), 0) + len(ids)
        row.ids.extend(ids)
    for key, spelled in spellings.items():  # a company without a record: its usual spelling
        rows[key].name = max(spelled, key=lambda s: (spelled[s], s))
    ordered = sorted(rows.values(), key=lamp_key)
    for row in [r for r in ordered if r.motivation > 0][:WORKING]:
        row.working = True
    return ordered


def lamp_key(row: EmployerRow) -> tuple:
    """Motivation first, then a posting, then advocacy (Dalton's LAMP sort), then the name."""
    posting = {"yes": 0, "unknown": 1, "no": 2}.get(row.posting, 1)
    return (-row.motivation, posting, -row.advocacy, row.name.casefold(), row.key)


def find_row(rows: Iterable[EmployerRow], name: str) -> EmployerRow | None:
    key = company_key(name)
    return next((r for r in rows if r.key == key or (r.record and key in keys_of(r.record))),
                None)


def search_rows(rows: list[EmployerRow], text: str) -> list[EmployerRow]:
    """Rows whose name (or an alias, or a person there when known) holds every word typed."""
    words = text.casefold().split()
    if not words:
        return rows

    def hay(row: EmployerRow) -> str:
        aliases = " ".join(row.record.aliases) if row.record else ""
        return f"{row.name} {aliases} {' '.join(p.name for p in row.people)}".casefold()

    return [r for r in rows if all(w in hay(r) for w in words)]
