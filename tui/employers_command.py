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
    from tui.commands import CliError, _open_for_writing
    from tui.store import paths
    from tui.store.employer_import import import_employers
    from tui.store.import_formats import ImportFormatError

    repo = _open_for_writing(paths.data_path(args.db))
    try:
        plan = import_employers(repo, args.path, dry_run=args.dry_run,
                                today=datetime.now().date())
    except ImportFormatError as exc:
        raise CliError(f"{args.path}: {exc}") from None
    finally:
        repo.close()
    if args.dry_run:
        print(f"Dry run, nothing written: {plan.summary()}.")
    else:
        print(f"{plan.summary(done=True)}.")
    if plan.row_notes:
        print("Rows to check:")
        for note in plan.row_notes:
            print(f"  {note}")
    return 0
