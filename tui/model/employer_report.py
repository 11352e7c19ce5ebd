"""The LAMP list as Markdown, JSON and CSV (`prize employers`)."""

from __future__ import annotations

import json

from tui.model.spreadsheet import csv_text

COLUMNS = ("employer", "motivation", "posting", "advocacy", "status", "next_step")


def employers_json(rows: list[dict]) -> str:
    return json.dumps({"employers": rows}, indent=2, ensure_ascii=False) + "\n"


def employers_csv(rows: list[dict]) -> str:
    return csv_text([COLUMNS, *([row[c] for c in COLUMNS] for row in rows)])


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def employers_markdown(rows: list[dict]) -> str:
    working = sum(1 for r in rows if r["working"])
    lines = ["# Target employers (LAMP list)", "",
             f"{len(rows)} employers · {working} worked now (★): motivation first, then a "
             "posting, then the people you know there.", "",
             "| | employer | motivation | posting | advocacy | status | next step |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {'★' if r['working'] else ''} | {_md(r['employer'])} | "
                     f"{r['motivation'] or '–'} | {r['posting']} | {r['advocacy']} | "
                     f"{_md(r['status'])} | {_md(r['next_step'])} |")
    if not rows:
        lines.append("| | no employer yet: import contacts or employers | | | | | |")
    return "\n".join(lines) + "\n"
