"""Command line: parse arguments, resolve paths, build the app with what it needs.

Kept thin and light: nothing heavy is imported before a command needs it, so
`prize status` and `prize where` answer without loading Textual.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        # One line a person can act on, instead of the usage block.
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="prize",
        description="Prize: a weekly planner that keeps a job search about results.",
    )
    parser.add_argument("--version", action="version", version=f"prize {__version__}")
    _add_common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("timer", help="open the focus clock")
    sub.add_parser("review", help="open the daily review")
    sub.add_parser("status", help="print one line about the running session (for status bars)")
    sub.add_parser("where", help="print the data, config and backup paths")
    sub.add_parser("themes", help="list the themes")

    report = sub.add_parser("report", help="print the weekly report")
    report.add_argument("--week", metavar="YYYY-Www", help="the ISO week (default: this week)")
    report.add_argument("--format", choices=["md", "json", "csv"], default="md")

    trends = sub.add_parser("trends", help="print what works: time against results by week")
    trends.add_argument("--weeks", type=_count(1, 520), default=8, metavar="N",
                        help="how many weeks, ending with this one (default 8)")
    trends.add_argument("--format", choices=["md", "json", "csv"], default="md")

    imp = sub.add_parser("import", help="import contacts or a JSON backup")
    imp.add_argument("kind", choices=["linkedin", "google", "csv", "json"])
    imp.add_argument("path", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")

    exp = sub.add_parser("export", help="export a calendar, work-search log, contacts or data")
    exp.add_argument("kind", choices=["ics", "worklog", "csv", "json"])
    exp.add_argument("path", type=Path)
    exp.add_argument("--week", metavar="YYYY-Www")
    exp.add_argument("--from", dest="date_from", metavar="DATE")
    exp.add_argument("--to", dest="date_to", metavar="DATE")

    merge = sub.add_parser("merge", help="fold another Prize data file into this one")
    merge.add_argument("path", type=Path, metavar="OTHER.json")
    merge.add_argument("--dry-run", action="store_true",
                       help="show what would change; write nothing")

    demo = sub.add_parser("demo", help="write a realistic sample data set and open it")
    demo.add_argument("--contacts", type=_count(0, 100_000), default=300, metavar="N")
    demo.add_argument("--weeks", type=_count(1, 520), default=8, metavar="W")
    demo.add_argument("--seed", type=int, default=7, metavar="S")
    demo.add_argument("--no-open", action="store_true", help="only write the data set")
    # Sub-commands accept the common options after their name too.
    for p in sub.choices.values():
        _add_common(p, suppress=True)
    return parser


def _add_common(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db", metavar="PATH", default=default,
        help="the data file (default: $PRIZE_DB, else the user data folder)",
    )
    parser.add_argument("--theme", metavar="NAME", default=default, help="a theme for this run")


def _count(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}")
        return value

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    # The cyclic garbage collector would rescan every object made so far, many
    # times over, while start-up builds hundreds of thousands of them (imports,
    # 10k contacts): ~30% of the time. Commands are short and make no cycles
    # worth collecting; the app turns it back on once its data is in place.
    gc.disable()
    args = build_parser().parse_args(argv)
    from tui.commands import CliError
    from tui.store.errors import StoreError

    try:
        return _dispatch(args)
    except (CliError, StoreError) as exc:  # each carries one line meant for people
        print(f"prize: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    from tui import commands

    command = args.command or "plan"
    handler = getattr(commands, f"cmd_{command}")
    return handler(args)
