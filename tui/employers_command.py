"""`prize employers [--format md|json|csv]` and `prize import employers PATH [--dry-run]`."""

from __future__ import annotations

import argparse
from datetime import datetime


def run(args: argparse.Namespace) -> int:
    from dateutil.tz import tzlocal

    from tui.model.employer_report import employers_csv, employers_json, employers_markdown
    from tui.store import Repository, paths
    from tui.store.employer_queries import employer_table

    repo = Repository.open_read_only(paths.data_path(args.db))
    rows = employer_table(repo, datetime.now().astimezone().date(), tzlocal())
    render = {"md": employers_markdown, "json": employers_json, "csv": employers_csv}
    print(render[args.format](rows), end="")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from tui.commands import print_row_notes, run_import
    from tui.store.employer_import import import_employers

    plan = run_import(args, lambda repo, **kw: import_employers(repo, args.path, **kw))
    print_row_notes(plan.row_notes)
    return 0
