"""The three contact export formats: LinkedIn Connections.csv, Google Contacts CSV, a plain
CSV. Each turns the bytes of one file into `Contact` records, or raises
`ImportFormatError` naming the line when the file is not that format at all; a row
imported with a value made safe, or skipped, is added to `row_notes` (when given)
with its line. The shared reading rules (encoding, records, cell checks) are in
`import_formats`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from tui.model.contacts import Contact, Stage
from tui.store.import_formats import (
    HEADER_SEARCH,
    ImportFormatError,
    RowNote,
    _checked,
    _Columns,
    _day,
    _decode,
    _first,
    _first_record,
    _join,
    _records,
    shown,
)

# What LinkedIn shows in place of the name of a member who hides it.
_HIDDEN_NAMES = {"linkedin member"}

# -- LinkedIn ---------------------------------------------------------------

def parse_linkedin(raw: bytes, *, today: date,
                   row_notes: list[RowNote] | None = None) -> list[Contact]:
    """LinkedIn's Connections.csv: a notes preamble, then the header, then one row a person.

    Stage "connected", channel "LinkedIn"; `Connected On` becomes `created`
    (today, noted, when it cannot be read). A row without a name (LinkedIn leaves
    it out, or writes "LinkedIn Member", for members who hide it) is skipped and
    noted: a profile URL alone does not make a contact one can recognise.
    """
    records = _records(_decode(raw))
    cols = None
    for n, (line, cells) in enumerate(records):
        if n >= HEADER_SEARCH:
            break
        found = _Columns(cells, line, row_notes)
        if found.find("first name") is not None and found.find("last name") is not None and (
            found.find("url") is not None or found.find("connected on") is not None
        ):
            cols = found
            break
    if cols is None:
        raise ImportFormatError(
            "not a LinkedIn Connections.csv: no header row with First Name,Last Name,URL "
            f"found in the first {HEADER_SEARCH} rows"
        )
    first, last, url, email, company, role, connected = (
        cols.find(name) for name in (
            "first name", "last name", "url", "email address", "company", "position",
            "connected on",
        )
    )
    if email is None:
        email = cols.find("email", "e-mail address")
    out = []
    for row in cols.rows(records):
        name = _join(row.get(first), row.get(last))
        if not name or name.casefold() in _HIDDEN_NAMES:
            why = (f"the name {shown(name)} is LinkedIn's stand-in for a member who hides it"
                   if name else "no name (LinkedIn leaves it out for members who hide it)")
            cols.note(row.line, f"{why}; row skipped", skipped=True)
            continue
        when = row.get(connected)
        day = _day(when)
        if day is None:
            if when:
                cols.note(row.line, f"Connected On {shown(when)} is not a date; "
                                    "imported as connected today")
            day = today
        out.append(_checked(Contact(
            name=name, company=row.get(company), role=row.get(role),
            url=row.get(url), email=row.get(email), channel="LinkedIn", source="linkedin",
            stage=Stage.CONNECTED.value, created=day.isoformat(),
        ), row.line, cols.notes))
    return out


# -- Google Contacts --------------------------------------------------------

_DROPPED_LABELS = {"* mycontacts", "* starred"}


def parse_google(raw: bytes, *, today: date,
                 row_notes: list[RowNote] | None = None) -> list[Contact]:
    """Google Contacts CSV, new style (First Name, Labels) or legacy (Given Name, Group Membership).

    The first email, phone and LinkedIn website fill the fields; the others go
    to the notes. Labels become tags, without "* myContacts" and "* starred". A
    row without a name is named as Google shows it (nickname, company, email or
    phone); one with none of these is skipped and noted.
    """
    records = _records(_decode(raw))
    line, header = _first_record(records)
    cols = _Columns(header, line, row_notes)
    full = cols.find("name")
    given = cols.find("first name", "given name")
    middle = cols.find("middle name", "additional name")
    family = cols.find("last name", "family name")
    emails = cols.numbered(r"e-mail (\d+) - value")
    phones = cols.numbered(r"phone (\d+) - value")
    sites = cols.numbered(r"website (\d+) - value")
    labels = cols.find("labels", "group membership")
    company = cols.find("organization name", "organization 1 - name")
    if (full is None and given is None) or not (emails or phones or labels is not None
                                                or company is not None):
        raise ImportFormatError(
            "not a Google Contacts CSV: no header row with First Name (or Given Name) "
            "and E-mail 1 - Value found"
        )
    role = cols.find("organization title", "organization 1 - title")
    nickname, file_as = cols.find("nickname"), cols.find("file as")
    notes = cols.find("notes")
    places = [cols.find(f"address 1 - {part}") for part in ("city", "region", "country")]
    legacy_place = cols.find("location")
    created = today.isoformat()
    out = []
    for row in cols.rows(records):
        org = _first(row.get(company))
        mails, numbers, links = row.values(emails), row.values(phones), row.values(sites)
        name = (row.get(full) or _join(row.get(given), row.get(middle), row.get(family))
                or row.get(nickname) or row.get(file_as) or org
                or (mails[0] if mails else "") or (numbers[0] if numbers else ""))
        if not name:
            cols.note(row.line, "no name, company, email or phone; row skipped", skipped=True)
            continue
        profile = next((u for u in links if "linkedin.com/" in u.lower()), "")
        extra = [
            f"{label}: {', '.join(items)}" for label, items in (
                ("Other emails", mails[1:]), ("Other phones", numbers[1:]),
                ("Websites", [u for u in links if u != profile]),
            ) if items
        ]
        tags = []
        for label in row.values([labels] if labels is not None else []):
            if label.casefold() not in _DROPPED_LABELS:
                tag = label[2:].strip() if label.startswith("* ") else label
                if tag and tag not in tags:
                    tags.append(tag)
        place = ", ".join(p for p in (row.get(i) for i in places) if p) or row.get(legacy_place)
        out.append(_checked(Contact(
            name=name, company=org, role=_first(row.get(role)), location=place,
            url=profile, email=mails[0] if mails else "",
            phone=numbers[0] if numbers else "", tags=tags,
            notes="\n".join(p for p in [row.get(notes, multiline=True), *extra] if p),
            source="google", stage=Stage.TARGET.value, created=created,
        ), row.line, cols.notes))
    return out


# -- plain CSV --------------------------------------------------------------

_PLAIN_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "contact", "contact name"),
    "first": ("first name", "firstname", "first", "given name"),
    "last": ("last name", "lastname", "last", "surname", "family name"),
    "company": ("company", "organization", "organisation", "employer", "company name"),
    "role": ("role", "title", "position", "job title"),
    "email": ("email", "e-mail", "email address", "e-mail address"),
    "phone": ("phone", "phone number", "mobile", "telephone"),
    "url": ("url", "linkedin", "linkedin url", "profile", "profile url"),
    "location": ("location", "city"),
    "industry": ("industry",),
    "channel": ("channel",),
    "stage": ("stage",),
    "tags": ("tags", "tag", "labels"),
    "notes": ("notes", "note", "comments"),
}
_STAGES = {s.value: s.value for s in Stage}


def parse_plain_csv(raw: bytes, *, today: date,
                    row_notes: list[RowNote] | None = None) -> list[Contact]:
    """A CSV with a header row naming its columns (any order, any case).

    A name column (or first name and last name) is required; a row without a name
    is named by its email, or skipped and noted. Tags are split on `;` or `,`; a
    stage that is not one of Prize's stage names is noted and imported as target.
    """
    records = _records(_decode(raw))
    line, header = _first_record(records)
    cols = _Columns(header, line, row_notes)
    at = {field: cols.find(*names) for field, names in _PLAIN_COLUMNS.items()}
    if at["name"] is None and at["first"] is None and at["last"] is None:
        raise ImportFormatError(
            f"no name column among the columns found ({cols.listed()}); "
            "expected name, or first name and last name", line=line,
        )
    created = today.isoformat()
    out = []
    for row in cols.rows(records):
        fields: dict[str, str] = {f: row.get(i, multiline=f == "notes") for f, i in at.items()}
        name = fields["name"] or _join(fields["first"], fields["last"])
        name = name or fields["email"]
        if not name:
            cols.note(row.line, "no name or email; row skipped", skipped=True)
            continue
        stage = Stage.TARGET.value
        if fields["stage"]:
            stage = _STAGES.get(" ".join(fields["stage"].split()).lower(), "")
            if not stage:
                cols.note(row.line, f"stage {shown(fields['stage'])} is not one of: "
                                    f"{', '.join(_STAGES)}; imported as target")
                stage = Stage.TARGET.value
        tags: list[str] = []
        for tag in re.split(r"[;,]", fields["tags"]):
            tag = tag.strip()
            if tag and tag not in tags:
                tags.append(tag)
        out.append(_checked(Contact(
            name=name, company=fields["company"], role=fields["role"],
            industry=fields["industry"], location=fields["location"],
            channel=fields["channel"], url=fields["url"], email=fields["email"],
            phone=fields["phone"], tags=tags, notes=fields["notes"], source="csv",
            stage=stage, created=created,
        ), row.line, cols.notes))
    return out


PARSERS: dict[str, Callable[..., list[Contact]]] = {
    "linkedin": parse_linkedin,
    "google": parse_google,
    "csv": parse_plain_csv,
}
