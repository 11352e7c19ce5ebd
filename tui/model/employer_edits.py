"""Employer records changed as edits: added (or scored from a company the
contacts name), edited, deleted, merged and split; and the employer form's
raw text turned into a record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.model.edit import Edit, added, removed, updated
from tui.model.employers import POSTINGS, Employer, company_key
from tui.model.validation import NAME_MAX, NOTES_MAX, clean_text, collect, printable


@dataclass(frozen=True)
class EmployerInput:
    name: str = ""
    motivation: str = ""
    posting: str = "unknown"
    notes: str = ""
    aliases: str = ""


def employer_input(employer: Employer) -> EmployerInput:
    return EmployerInput(employer.name, str(employer.motivation or ""), employer.posting,
                         employer.notes, "; ".join(employer.aliases))


def parse_motivation(text: str) -> int:
    s = text.strip()
    if not s:
        return 0
    if s not in ("0", "1", "2", "3"):
        raise ValueError("motivation is 1 (some) to 3 (most wanted); empty = not scored")
    return int(s)


def parse_posting(text: str) -> str:
    s = text.strip().casefold()
    s = {"y": "yes", "n": "no", "?": "unknown", "": "unknown", "u": "unknown"}.get(s, s)
    if s not in POSTINGS:
        raise ValueError("posting is yes, no or unknown")
    return s


def parse_aliases(text: str, name: str) -> list[str]:
    """Other names counted as this employer, `;` separated (a name may hold a comma)."""
    found: dict[str, str] = {}
    own = company_key(name)
    for part in text.split(";"):
        alias = clean_text(part, max_len=NAME_MAX, label="an other name")
        if alias and company_key(alias) and company_key(alias) != own:
            found.setdefault(company_key(alias), alias)
    return list(found.values())


def employer_from_input(form: EmployerInput, today: date,
                        base: Employer | None = None) -> Employer:
    values = collect({
        "name": lambda: clean_text(form.name, required=True, max_len=NAME_MAX,
                                   label="the name"),
        "motivation": lambda: parse_motivation(form.motivation),
        "posting": lambda: parse_posting(form.posting),
        "notes": lambda: clean_text(form.notes, max_len=NOTES_MAX, label="notes"),
        "aliases": lambda: parse_aliases(form.aliases, form.name),
    })
    if base is None:
        return Employer(**values, created=today.isoformat())
    return base.replace(**values)


def add_employer(employer: Employer) -> Edit:
    name = printable(employer.name)
    end = "" if name.endswith(".") else "."
    return Edit("add employer", (added(employer),), f"Added {name}{end}")


def edit_employer(before: Employer, after: Employer) -> Edit:
    if before == after:
        return Edit("edit employer")
    return Edit("edit employer", (updated(before, after),),
                f"{printable(after.name)}: motivation {after.motivation or '–'}, "
                f"posting {after.posting}.")


def delete_employer(employer: Employer, people: int) -> Edit:
    still = f" ({people} contacts there keep it listed, unscored)" if people else ""
    return Edit("delete employer", (removed(employer),),
                f"Deleted {printable(employer.name)}{still}. Press u to undo.")


def merge_employers(into: Employer, other: Employer | None, other_name: str) -> Edit:
    """`other` (a record, or a company with no record: None) counted as `into` from now
    on: its names become aliases of `into`, its score kept where `into` has none."""
    names = [other_name, *(other.aliases if other else [])]
    keys = {company_key(into.name), *map(company_key, into.aliases)}
    aliases = list(into.aliases)
    for name in names:
        if company_key(name) not in keys:
            keys.add(company_key(name))
            aliases.append(name)
    after = into.replace(aliases=aliases)
    if other is not None:
        after = after.replace(
            motivation=into.motivation or other.motivation,
            posting=into.posting if into.posting != "unknown" else other.posting,
            notes="\n".join(n for n in (into.notes, other.notes) if n))
    # A company with no record yet (id None) gets one to hold the other names.
    changes = [added(after)] if into.id is None else [updated(into, after)] if after != into \
        else []
    if other is not None:
        changes.append(removed(other))
    return Edit("merge employers", tuple(changes),
                f"{printable(other_name)} now counts as {printable(into.name)}. Press u to undo.")


def split_alias(employer: Employer, alias: str) -> Edit:
    """`alias` taken out of `employer`: that company is listed on its own again."""
    key = company_key(alias)
    left = [a for a in employer.aliases if company_key(a) != key]
    if len(left) == len(employer.aliases):
        return Edit("split employer", notice=f"{printable(alias)} is not merged into "
                    f"{printable(employer.name)}.")
    return Edit("split employer", (updated(employer, employer.replace(aliases=left)),),
                f"{printable(alias)} is listed on its own again.")
