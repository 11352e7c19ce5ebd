"""The Employers view's list: one line per employer, as text that fits the width."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

from tui.model.validation import printable
from tui.store.employer_queries import EmployerLine

POSTING_WORDS = {"yes": "yes", "no": "no", "unknown": "?"}
NAME_MIN, FIXED = 14, 2 + 4 + 6 + 6 + 2  # mark, motivation, posting, people, gaps


def line_text(line: EmployerLine, width: int) -> str:
    """One row: mark, name, motivation, posting, people known, status and next step."""
    row = line.row
    name_w = max(NAME_MIN, min(28, (width - FIXED) // 3))
    mark = "★" if row.working else " "
    motivation = str(row.motivation) if row.motivation else "–"
    status = line.next_step if line.status == "advocate found" else \
        " · ".join(s for s in (line.status, line.next_step) if s)
    text = (f"{mark} {_cut(printable(row.name), name_w):<{name_w}} {motivation:>3}  "
            f"{POSTING_WORDS.get(row.posting, '?'):<5}{row.advocacy:>5}  {printable(status)}")
    return _cut(text, max(width, 20))


def header_text(width: int) -> str:
    name_w = max(NAME_MIN, min(28, (width - FIXED) // 3))
    return _cut(f"  {'Employer':<{name_w}} {'Mot':>3}  {'Post':<5}{'Know':>5}  "
                "Status · next step", max(width, 20))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class EmployerList(OptionList):
    """The rows; its own keys are the cursor's (j/k too)."""

    BINDINGS = [Binding("j", "cursor_down", "Down", show=False),
                Binding("k", "cursor_up", "Up", show=False)]
