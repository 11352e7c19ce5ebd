"""Contact import: parse an export, plan what changes, apply the plan.

`import_file` is what `prize import linkedin|google|csv PATH [--dry-run]` calls.
Re-importing the same file adds nothing: incoming contacts are matched to
existing ones by profile URL, then email, then name + company (unless the two
have different profile URLs, emails or phones: then they are two people), and a
match only fills fields that are still empty (what the user typed is never
overwritten). The parsers live in `import_parsers`; the rows they imported with a
value made safe, or skipped, are in the plan's `row_notes`, by line.
"""

from __future__ import annotations

import dataclasses
import re
import stat
from collections.abc import Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from tui.model.contacts import Contact
from tui.model.edit import Edit, added, updated
from tui.model.validation import printable
from tui.store.import_formats import ImportFormatError, RowNote, row_report, url_key
from tui.store.import_parsers import PARSERS, parse_google, parse_linkedin, parse_plain_csv

if TYPE_CHECKING:
    from tui.store.repository import Repository

__all__ = [
    "FILLABLE",
    "ImportFormatError",
    "ImportPlan",
    "RowNote",
    "apply_import",
    "import_edit",
    "import_file",
    "parse_google",
    "parse_linkedin",
    "parse_plain_csv",
    "plan_import",
]

# The fields an import may fill when they are empty; name, stage, priority,
# follow-up, cadence, source and created always stay as they are.
FILLABLE: tuple[str, ...] = (
    "company", "role", "industry", "location", "channel", "url", "email", "phone", "tags",
    "notes",
)
FILE_MAX = 64 * 1024 * 1024


@dataclasses.dataclass
class ImportPlan:
    """What an import would do. `skipped` holds the contacts already there unchanged;
    `repeated` counts rows that repeat an earlier row of the file; `row_notes` the
    rows imported with a value made safe, or left out, by line."""

    added: list[Contact] = dataclasses.field(default_factory=list)
    updated: list[tuple[Contact, Contact]] = dataclasses.field(default_factory=list)
    skipped: list[Contact] = dataclasses.field(default_factory=list)
    repeated: int = 0
    row_notes: list[RowNote] = dataclasses.field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.updated)

    def summary(self, *, done: bool = False) -> str:
        """`12 to add, 3 to update, 40 already there` (`12 added, 3 updated, …` once done),
        then `; rows to check: 1 skipped, 2 changed` when rows were noted."""
        add, update = ("added", "updated") if done else ("to add", "to update")
        text = (f"{len(self.added)} {add}, {len(self.updated)} {update}, "
                f"{len(self.skipped)} already there")
        if self.repeated:
            text += f", {self.repeated} repeated in the file"
        left_out = {n.line for n in self.row_notes if n.skipped}
        changed = {n.line for n in self.row_notes} - left_out
        counts = [f"{len(lines)} {what}" for lines, what in
                  ((left_out, "skipped"), (changed, "changed")) if lines]
        if counts:
            text += "; rows to check: " + ", ".join(counts)
        return text

    def row_report(self, limit: int = 100) -> list[str]:
        return row_report(self.row_notes, limit)

    def describe(self, limit: int = 20) -> list[str]:
        """Lines for a dry run: `add: Ann Lee (Acme, Inc)`, `update: Bo Chen: +email, +url`.

        Names are passed through `printable`, so escape sequences never reach a terminal.
        """
        lines = list(islice(self._lines(), limit))
        rest = self.changes - len(lines)
        if rest > 0:
            lines.append(f"… and {rest} more")
        return lines

    def _lines(self) -> Iterator[str]:
        for contact in self.added:
            company = f" ({printable(contact.company)})" if contact.company else ""
            yield f"add: {printable(contact.name)}{company}"
        for old, new in self.updated:
            filled = ", ".join(f"+{f}" for f in FILLABLE if getattr(old, f) != getattr(new, f))
            yield f"update: {printable(old.name)}: {filled}"


def _collapse(text: str) -> str:
    return " ".join(text.split()).casefold()


def _fill(current: Contact, incoming: Contact) -> Contact:
    """`current` with its empty fillable fields taken from `incoming` (itself if none)."""
    changes = {}
    for field in FILLABLE:
        value = getattr(incoming, field)
        if value and not getattr(current, field):
            changes[field] = list(value) if isinstance(value, list) else value
    return current.replace(**changes) if changes else current


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _two_people(a: Contact, b: Contact) -> bool:
    """Same name and company, but another profile URL, email or phone: two people.
    A phone written with and without its country code is the same phone."""
    if a.url and b.url and url_key(a.url) != url_key(b.url):
        return True
    if a.email.strip() and b.email.strip() and (
            a.email.strip().casefold() != b.email.strip().casefold()):
        return True
    one, other = sorted((_digits(a.phone), _digits(b.phone)), key=len)
    return bool(one) and not other.endswith(one)


class _Index:
    """Contacts found by URL, email or name + company; every lookup is a dict hit."""

    def __init__(self) -> None:
        self.current: list[Contact] = []
        self.by_url: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], list[int]] = {}  # namesakes, in file order

    def add(self, contact: Contact) -> int:
        self.current.append(contact)
        slot = len(self.current) - 1
        self.index(slot, contact)
        return slot

    def index(self, slot: int, contact: Contact) -> None:
        if contact.url:
            self.by_url.setdefault(url_key(contact.url), slot)
        if contact.email:
            self.by_email.setdefault(contact.email.strip().casefold(), slot)
        namesakes = self.by_name.setdefault(
            (_collapse(contact.name), _collapse(contact.company)), [])
        if slot not in namesakes:
            namesakes.append(slot)

    def match(self, contact: Contact) -> int | None:
        url = url_key(contact.url) if contact.url else ""
        if url and url in self.by_url:
            return self.by_url[url]
        if contact.email:
            slot = self.by_email.get(contact.email.strip().casefold())
            if slot is not None:
                return slot
        namesakes = self.by_name.get((_collapse(contact.name), _collapse(contact.company)), ())
        return next((s for s in namesakes if not _two_people(self.current[s], contact)), None)


def plan_import(existing: list[Contact], incoming: list[Contact],
                row_notes: list[RowNote] | None = None) -> ImportPlan:
    """Match `incoming` against `existing` (and against itself) without changing anything."""
    index = _Index()
    for contact in existing:
        index.add(contact)
    n_existing = len(existing)
    hit: dict[int, None] = {}  # slots matched by the file, in file order
    repeated = 0
    for contact in incoming:
        slot = index.match(contact)
        if slot is None:
            hit[index.add(contact)] = None
            continue
        if slot in hit:
            repeated += 1
        hit[slot] = None
        merged = _fill(index.current[slot], contact)
        if merged is not index.current[slot]:
            index.current[slot] = merged
            index.index(slot, merged)
    plan = ImportPlan(repeated=repeated, row_notes=list(row_notes or ()))
    for slot in hit:
        if slot >= n_existing:
            plan.added.append(index.current[slot])
        elif index.current[slot] is existing[slot]:
            plan.skipped.append(existing[slot])
        else:
            plan.updated.append((existing[slot], index.current[slot]))
    return plan


def import_edit(repo: Repository, plan: ImportPlan) -> Edit:
    """The plan as one edit, drawn against the contacts as they are now: an update
    is laid onto the contact as it is now, so an edit made since the plan was
    drawn (say while a dry run was on screen) is kept; a contact removed since
    is left out."""
    changes = [added(c) for c in plan.added]
    for old, new in plan.updated:
        current = repo.contacts.get(old.id) if old.id is not None else None
        if current is None:
            continue
        merged = _fill(current, new)
        if merged is not current:
            changes.append(updated(current, merged))
    return Edit("import", tuple(changes), f"Imported: {plan.summary(done=True)}. Press u to undo.")


def apply_import(repo: Repository, plan: ImportPlan) -> Edit:
    """Apply the plan in memory (the caller flushes); the edit as applied."""
    with repo.lock:
        return repo.apply(import_edit(repo, plan))


def _short_path(path: Path, most: int = 120) -> str:
    """The path for a message: printable, and cut in the middle when very long."""
    text = printable(str(path))
    return text if len(text) <= most else f"{text[:40]}…{text[-(most - 41):]}"


def import_file(repo: Repository, kind: str, path: Path, *, dry_run: bool,
                today: date) -> ImportPlan:
    """Read, parse, plan and (unless `dry_run`) apply and flush one export file.

    Raises ImportFormatError for an unreadable file, or one not in the format
    (nothing is written then); rows imported with a value made safe, or left out,
    are in the plan's `row_notes`. The store's errors (UnreadableFile, WriteFailed)
    pass through.
    """
    parser = PARSERS.get(kind)
    if parser is None:
        raise ImportFormatError(f"unknown import kind {printable(kind)!r}; "
                                "use linkedin, google or csv")
    path = Path(path)
    shown = _short_path(path)
    try:
        # Only a regular file: a FIFO would block the read forever, /dev/zero never end.
        if not stat.S_ISREG(path.stat().st_mode):
            raise ImportFormatError(f"cannot read {shown}: not a regular file")
        with open(path, "rb") as file:
            raw = file.read(FILE_MAX + 1)  # at most the limit, whatever stat said
        if len(raw) > FILE_MAX:
            raise ImportFormatError(
                f"{shown} is larger than {FILE_MAX // 2**20} MB, the most Prize imports")
    except OSError as exc:
        raise ImportFormatError(f"cannot read {shown}: {exc.strerror or exc}") from None
    notes: list[RowNote] = []
    plan = plan_import(repo.contacts.all(), parser(raw, today=today, row_notes=notes), notes)
    if not dry_run and plan.changes:
        apply_import(repo, plan)
        repo.flush()
    return plan
