"""Employers imported from a CSV with a header row (`prize import employers PATH`).

Strict about the file (not UTF-8 text, no header, no employer column: refused
with the line, nothing written), forgiving about rows: a motivation or posting
Prize cannot read is noted by line and left unscored; a row without a name is
skipped and noted. An employer already listed (same name, however spelled: see
`company_key`) is only filled where it is still empty, so importing the same
file again adds nothing.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from tui.model.edit import Edit, added, updated
from tui.model.employer_edits import parse_motivation, parse_posting
from tui.model.employers import Employer, company_key, keys_of
from tui.model.validation import NAME_MAX, NOTES_MAX
from tui.store.import_formats import (
    ImportFormatError,
    RowNote,
    _Columns,
    _decode,
    _first_record,
    _records,
    shown,
)

COLUMNS = {
    "name": ("employer", "company", "name", "organization", "organisation", "employer name"),
    "motivation": ("motivation", "m", "score"),
    "posting": ("posting", "p", "opening", "openings", "job posting"),
    "notes": ("notes", "note", "comments"),
}
FILE_MAX = 16 * 1024 * 1024


@dataclasses.dataclass
class EmployerImport:
    added: list[Employer] = dataclasses.field(default_factory=list)
    updated: list[tuple[Employer, Employer]] = dataclasses.field(default_factory=list)
    skipped: int = 0
    row_notes: list[RowNote] = dataclasses.field(default_factory=list)

    def summary(self, *, done: bool = False) -> str:
        add, update = ("added", "updated") if done else ("to add", "to update")
        return (f"{len(self.added)} employers {add}, {len(self.updated)} {update}, "
                f"{self.skipped} already there")

    def edit(self) -> Edit:
        changes = [added(e) for e in self.added] + [updated(a, b) for a, b in self.updated]
        return Edit("import employers", tuple(changes),
                    f"Imported: {self.summary(done=True)}. Press u to undo.")


def parse_employers(raw: bytes, *, today: date, notes: list[RowNote]) -> list[Employer]:
    records = _records(_decode(raw))
    line, header = _first_record(records)
    cols = _Columns(header, line, notes)
    at = {field: cols.find(*names) for field, names in COLUMNS.items()}
    if at["name"] is None:
        raise ImportFormatError(f"no employer column among the columns found ({cols.listed()}); "
                                "expected employer (or company, name)", line=line)
    out = []
    for row in cols.rows(records):
        name = row.get(at["name"])[:NAME_MAX].strip()
        if not company_key(name):
            cols.note(row.line, "no employer name; row skipped", skipped=True)
            continue
        motivation, posting = 0, "unknown"
        if text := row.get(at["motivation"]):
            try:
                motivation = parse_motivation(text)
            except ValueError:
                cols.note(row.line, f"motivation {shown(text)} is not 1, 2 or 3; imported "
                                    "unscored")
        if text := row.get(at["posting"]):
            try:
                posting = parse_posting(text)
            except ValueError:
                cols.note(row.line, f"posting {shown(text)} is not yes, no or unknown; "
                                    "imported as unknown")
        out.append(Employer(name=name, motivation=motivation, posting=posting,
                            notes=row.get(at["notes"], multiline=True)[:NOTES_MAX],
                            created=today.isoformat()))
    return out


def plan_employers(existing: list[Employer], incoming: list[Employer],
                   notes: list[RowNote]) -> EmployerImport:
    """What importing `incoming` does: new employers added, listed ones filled where
    empty (a row repeated in the file fills the first)."""
    plan = EmployerImport(row_notes=notes)
    slots = list(existing)  # each employer as it stands: those listed, then the new ones
    at: dict[str, int] = {}
    for i, employer in enumerate(existing):
        for key in keys_of(employer):
            at.setdefault(key, i)
    touched: set[int] = set()
    for new in incoming:
        key = company_key(new.name)
        i = at.get(key)
        if i is None:
            at[key] = i = len(slots)
            slots.append(new)
        else:
            base = slots[i]
            slots[i] = base.replace(
                motivation=base.motivation or new.motivation,
                posting=base.posting if base.posting != "unknown" else new.posting,
                notes=base.notes or new.notes)
        touched.add(i)
    for i in sorted(touched):
        if i >= len(existing):
            plan.added.append(slots[i])
        elif slots[i] != existing[i]:
            plan.updated.append((existing[i], slots[i]))
        else:
            plan.skipped += 1
    return plan


def import_employers(repo, path: Path, *, dry_run: bool, today: date) -> EmployerImport:
    path = Path(path)
    try:
        if not path.is_file():
            raise ImportFormatError(f"cannot read {path}: not a regular file")
        with open(path, "rb") as file:
            raw = file.read(FILE_MAX + 1)
    except OSError as exc:
        raise ImportFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > FILE_MAX:
        raise ImportFormatError(f"{path} is larger than {FILE_MAX // 2**20} MB")
    notes: list[RowNote] = []
    plan = plan_employers(repo.employers.all(), parse_employers(raw, today=today, notes=notes),
                          notes)
    if not dry_run and (plan.added or plan.updated):
        with repo.lock:
            repo.apply(plan.edit())
        repo.flush()
    return plan
