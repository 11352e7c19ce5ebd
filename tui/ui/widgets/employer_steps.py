"""The review's first section: today's 3B7 steps at the working employers, or
"done for today" when none is due (results over hours, taken literally)."""

from __future__ import annotations

from datetime import date, tzinfo

from textual.content import Content

from tui.model.validation import printable
from tui.store.employer_queries import employer_lines


def steps_text(repo, today: date, tz: tzinfo | None) -> Content:
    """Built after the review's figures are on screen: at 10,000 contacts the first
    grouping by company takes ~40 ms, none at all until an employer is scored."""
    scored = any(motivation for (motivation,) in repo.employers.values("motivation"))
    working = [line for line in employer_lines(repo, today, tz) if line.row.working] \
        if scored else []
    if not working:
        return Content.assemble(("3B7: ", "bold"), "no employer scored yet · score your "
                                "top five in the Employers list (4 in the planner)")
    due = [(line.row.name, step) for line in working for step in line.steps
           if step.is_due(today)]
    if not due:
        waiting = [f"{printable(line.row.name)}: {printable(line.next_step)}"
                   for line in working if line.steps]
        lines = [Content.styled("3B7: ✓ done for today", "bold")]
        lines += [Content(f"  · {text}") for text in waiting]
        return Content("\n").join(lines)
    lines = [Content.styled(f"3B7 today: {len(due)} step{'s' if len(due) > 1 else ''} "
                            "at your top employers", "bold")]
    lines += [Content(f"  → {printable(name)}: {printable(step.text)}") for name, step in due]
    return Content("\n").join(lines)
