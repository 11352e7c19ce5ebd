"""Reading contact exports: the rules every format shares (encoding, CSV records,
column lookup, cell checks). The format parsers themselves are in `import_parsers`;
they turn the bytes of one file into `Contact` records. Nothing here touches the
data file.

Strict about files, forgiving about rows (SPEC §5): a file that is not the format
at all (not UTF-8 text, no header, a quote never closed) raises `ImportFormatError`
naming the line. A row with an odd value is imported with the value made safe (a
control character shown as visible text, an over-long value cut, an unreadable
date replaced), a row that cannot be a contact (no name, the wrong number of
cells) is skipped; either way a `RowNote` names its line. Text is otherwise kept as
given (only surrounding whitespace is stripped): a name like `[bold]Ann` stays literal.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tui.model.contacts import Contact
from tui.model.validation import NAME_MAX, NOTES_MAX, TEXT_MAX, printable

FIELD_LIMIT = 64 * 1024 * 1024  # the csv module's own cell limit, raised to the file limit
HEADER_SEARCH = 20  # LinkedIn's header follows a preamble; look this many rows down

# Control characters a terminal could act on; newline, carriage return and tab pass.
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ONE_LINE_BREAKS = re.compile(r"[\t\n]")
_SEP = ":::"  # Google joins several values in one cell with " ::: "
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ ,-]+(\d{4})")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


# The csv module refuses cells over 131,072 characters: the whole file, for one cell
# the row can cut (and report) instead. Prize reads CSV nowhere else.
if csv.field_size_limit() < FIELD_LIMIT:
    csv.field_size_limit(FIELD_LIMIT)


class ImportFormatError(ValueError):
    """The file cannot be imported; `line` (1-based) is where, when known."""

    def __init__(self, message: str, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


@dataclass(frozen=True)
class RowNote:
    """One row imported with a value changed, or skipped (`skipped`), and why."""

    line: int
    text: str
    skipped: bool = False

    def __str__(self) -> str:
        return f"line {self.line}: {self.text}"


def row_report(notes: list[RowNote], limit: int = 100) -> list[str]:
    """`line 12: …` for each noted row, in line order, then `… and N more`."""
    notes = sorted(notes, key=lambda n: n.line)
    lines = [str(n) for n in notes[:limit]]
    if len(notes) > limit:
        lines.append(f"… and {len(notes) - limit} more")
    return lines


def shown(value: str, most: int = 40) -> str:
    """A value quoted in a note or message: printable, cut short, in quotes."""
    text = printable(value)
    return f"“{text if len(text) <= most else text[:most - 1] + '…'}”"


# -- keys shared with the planner -------------------------------------------

def url_key(url: str) -> str:
    """A profile URL reduced for matching: no scheme, `www.`, query or trailing slash."""
    key = _SCHEME.sub("", url.strip().lower())
    key = key.split("#", 1)[0].split("?", 1)[0]
    key = key.removeprefix("www.")
    return key.rstrip("/")


# -- bytes to records -------------------------------------------------------

def _decode(raw: bytes) -> str:
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            raise ImportFormatError(
                f"not UTF-8 text: the file is {name}; save it as CSV UTF-8 and import again",
                line=1,
            )
    if b"\x00" in raw[:8]:  # UTF-16 or UTF-32 of Latin text without a byte order mark
        raise ImportFormatError(
            "not UTF-8 text: it starts with NUL bytes (UTF-16 or UTF-32 without a byte "
            "order mark?); save it as CSV UTF-8 and import again", line=1,
        )
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImportFormatError(
            "not UTF-8 text; save the file as CSV UTF-8 and import again", line=line
        ) from None
    if not text.strip():
        raise ImportFormatError("the file is empty")
    return text


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) for each CSV record; quoted cells may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = str(exc)
            if "unexpected end of data" in reason:
                raise ImportFormatError("a quoted cell starting here is never closed",
                                        line=start) from None
            if "field larger than field limit" in reason:
                raise ImportFormatError(
                    f"a cell is longer than {csv.field_size_limit():,} characters", line=start,
                ) from None
            raise ImportFormatError(f"not valid CSV ({reason})", line=reader.line_num) from None
        yield start, cells
        start = reader.line_num + 1


def _blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def _first_record(records: Iterator[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    for line, cells in records:
        if not _blank(cells):
            return line, cells
    raise ImportFormatError("the file has no header row")


def _breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _norm(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


class _Columns:
    """The header row: column names found case-insensitively, first one wins."""

    def __init__(self, header: list[str], line: int, notes: list[RowNote] | None = None):
        self.header = [h.strip() for h in header]
        self.line = line
        self.notes: list[RowNote] = [] if notes is None else notes
        self.index: dict[str, int] = {}
        for i, name in enumerate(self.header):
            self.index.setdefault(_norm(name), i)

    def find(self, *names: str) -> int | None:
        for name in names:
            if name in self.index:
                return self.index[name]
        return None

    def numbered(self, pattern: str) -> list[int]:
        """Indexes of columns like `E-mail 2 - Value`, in their number order."""
        found = []
        for key, i in self.index.items():
            match = re.fullmatch(pattern, key)
            if match:
                found.append((int(match[1]), i))
        return [i for _, i in sorted(found)]

    def listed(self) -> str:
        names = [printable(h[:40]) for h in self.header if h]
        more = f", … ({len(names) - 20} more)" if len(names) > 20 else ""
        return (", ".join(names[:20]) + more) or "none"

    def note(self, line: int, text: str, *, skipped: bool = False) -> None:
        self.notes.append(RowNote(line, text, skipped))

    def rows(self, records: Iterator[tuple[int, list[str]]]) -> Iterator[_Row]:
        """The rows that are not blank; one with the wrong number of cells is skipped
        and noted, unless no row has the header's: then it is not this format."""
        width = len(self.header)
        fitting, first_misfit = 0, None
        for line, cells in records:
            if _blank(cells):
                continue
            if len(cells) > width and _blank(cells[width:]):
                cells = cells[:width]  # a spreadsheet's trailing empty cells
            if len(cells) != width:
                reason = f"expected {width} columns, found {len(cells)}"
                first_misfit = first_misfit or ImportFormatError(reason, line=line)
                self.note(line, f"{reason}; row skipped", skipped=True)
                continue
            fitting += 1
            yield _Row(self, line, cells)
        if first_misfit is not None and not fitting:
            raise first_misfit


class _Row:
    __slots__ = ("cells", "cols", "line")

    def __init__(self, cols: _Columns, line: int, cells: list[str]):
        self.cols, self.line, self.cells = cols, line, cells

    def get(self, idx: int | None, *, multiline: bool = False) -> str:
        """One cell, stripped; tabs and newlines become spaces unless multiline.

        Control characters (an escape sequence in a name) are made visible with
        `printable`, and the row is noted at the line of the first one."""
        if idx is None:
            return ""
        value = self.cells[idx]
        if not value:
            return ""
        bad = _BAD_CONTROL.search(value)
        if bad:
            label = printable(self.cols.header[idx][:40]) or f"column {idx + 1}"
            value = _BAD_CONTROL.sub(lambda m: printable(m[0]), value)
            self.cols.note(
                self._line_of(idx, self.cells[idx][:bad.start()]),
                f"the {label} cell holds a control character (U+{ord(bad[0]):04X}); "
                f"imported with it shown as text: {shown(value.strip())}",
            )
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if not multiline and ("\n" in value or "\t" in value):
            value = _ONE_LINE_BREAKS.sub(" ", value)
        return value.strip()

    def _line_of(self, idx: int, before: str = "") -> int:
        return self.line + sum(_breaks(c) for c in self.cells[:idx]) + _breaks(before)

    def values(self, idxs: list[int]) -> list[str]:
        """Every value of some columns, splitting Google's ` ::: `, without repeats."""
        out: list[str] = []
        seen: set[str] = set()
        for idx in idxs:
            for part in self.get(idx).split(_SEP):
                part = part.strip()
                if part and part.casefold() not in seen:
                    seen.add(part.casefold())
                    out.append(part)
        return out


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _first(value: str) -> str:
    return value.split(_SEP, 1)[0].strip()


_LIMITS = {
    "name": NAME_MAX, "notes": NOTES_MAX,
    **{f: TEXT_MAX for f in ("company", "role", "industry", "location", "channel", "url",
                             "email", "phone")},
}


def _checked(contact: Contact, line: int, notes: list[RowNote]) -> Contact:
    """Cut values longer than the contact form allows (noting the row), so nothing
    imported is unsavable."""
    cut = {}
    for field, most in _LIMITS.items():
        value = getattr(contact, field)
        if len(value) > most:
            cut[field] = value[:most - 1].rstrip() + "…"
            verb = "are" if field == "notes" else "is"
            notes.append(RowNote(line, f"the {field} {verb} {len(value):,} characters; "
                                       f"imported cut to the first {most - 1:,}"))
    return contact.replace(**cut) if cut else contact


def _day(text: str) -> date | None:
    """`15 Mar 2024` (LinkedIn), `15 March 2024` or ISO; None when it is neither."""
    text = text.strip()
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match:
        month = _MONTHS.get(match[2][:3].lower())
        if month:
            try:
                return date(int(match[3]), month, int(match[1]))
            except ValueError:
                return None
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
