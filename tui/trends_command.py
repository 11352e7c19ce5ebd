"""`prize trends [--weeks N] [--format md|json|csv]`: what works, over the last weeks."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from tui.store import paths


def run(args: argparse.Namespace) -> int:
    from dateutil.tz import tzlocal

    from tui.model.metrics import CONVERSATION_KINDS
    from tui.model.trends_report import trends_csv, trends_json, trends_markdown
    from tui.store.span_read import open_span
    from tui.store.trend_queries import span_days, trends_for

    now = datetime.now(UTC)
    today = now.astimezone().date()
    # Only the records of the span are read: a year of data does not slow it down.
    # No figure of the trends comes from the contacts (new contacts are not shown),
    # nor from interactions but conversations: those are all that is read.
    repo = open_span(paths.data_path(args.db), *span_days(today, args.weeks),
                     kinds=CONVERSATION_KINDS, big=("interactions",))
    found = trends_for(repo, today, args.weeks, tz=tzlocal(), now=now)
    render = {"md": trends_markdown, "json": trends_json, "csv": trends_csv}[args.format]
    print(render(found), end="")
    return 0
