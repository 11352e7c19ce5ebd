"""`prize trends [--weeks N] [--format md|json|csv]`: what works, over the last weeks."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from tui.store import paths


def run(args: argparse.Namespace) -> int:
    from dateutil.tz import tzlocal

    from tui.model.trends_report import trends_csv, trends_json, trends_markdown
    from tui.store import Repository
    from tui.store.trend_queries import trends_for

    now = datetime.now(UTC)
    today = now.astimezone().date()
    # Read as `prize report` reads it: quick for a file the app knows (the open
    # cache holds the indexes of days and kinds the trends read).
    repo = Repository.open_read_only(paths.data_path(args.db))
    found = trends_for(repo, today, args.weeks, tz=tzlocal(), now=now)
    render = {"md": trends_markdown, "json": trends_json, "csv": trends_csv}[args.format]
    print(render(found), end="")
    return 0
