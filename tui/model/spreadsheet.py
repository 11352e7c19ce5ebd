"""Cells a spreadsheet shows as text: what every CSV that Prize writes goes through.

Excel, LibreOffice and Google Sheets run a cell that begins with ``=``, ``+``, ``-``
or ``@`` (or a tab or carriage return before one) as a formula, so a contact named
``=HYPERLINK("http://x","y")`` would become a live link, or worse. Such a cell is
written with a leading single quote, which the spreadsheet reads as "this is text".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# The full-width forms too: some spreadsheets (East Asian locales) fold them to ASCII.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_LEADING_SPACE = " \t\r\n"


def safe_cell(value: Any) -> str:
    """The cell as text, with a leading ' when a spreadsheet would run it.

    Spaces and line breaks before the formula character count too: some programs
    trim them when they open a CSV file.
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) or text.lstrip(_LEADING_SPACE).startswith(FORMULA_START):
        return "'" + text
    return text


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """`rows` as CSV with CRLF line ends (as spreadsheets write it): text cells
    made safe, numbers as they are, None as an empty cell."""
    import csv  # (only a CSV needs it: not the report's default Markdown)
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(
        [safe_cell(v) if isinstance(v, str) else "" if v is None else v for v in row]
        for row in rows)
    return out.getvalue()
