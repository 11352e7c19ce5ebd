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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line. With `only` (`command_in`: a sub-command's name, or ""
    for none), that sub-command's parser is the only one made: making all
    twenty is ~6 ms of every start, the app's too, and parsing gives the same."""
    parser = _Parser(
        prog="prize",
        description="Prize: a weekly planner that keeps a job search about results.",
    )
    parser.add_argument("--version", action="version", version=f"prize {__version__}")
    _add_common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, add in _COMMANDS.items():
        if only in (None, name):
            # Sub-commands accept the common options after their name too.
            for made in add(sub):
                _add_common(made, suppress=True)
    return parser


_VALUED = ("--db", "--theme")  # the options before a sub-command's name that take a value


def command_in(argv: Sequence[str]) -> str | None:
    """The sub-command `argv` names ("" for none: the planner), where that is
    sure: only `--db`/`--theme` before it, and a name Prize has. None otherwise
    (help, an abbreviation, a mistyped name): then the whole parser reads
    `argv`, and says what is wrong."""
    tokens = iter(argv)
    for token in tokens:
        if token in _VALUED:
            next(tokens, None)
        elif not token.startswith(tuple(f"{option}=" for option in _VALUED)):
            return token if token in _COMMANDS else None
    return ""


def _no_options(name: str, text: str):
    return lambda sub: [sub.add_parser(name, help=text)]


def _report(sub) -> list[argparse.ArgumentParser]:
    report = sub.add_parser("report", help="print the weekly report")
    report.add_argument("--week", metavar="YYYY-Www", help="the ISO week (default: this week)")
    report.add_argument("--format", choices=["md", "json", "csv"], default="md")
    return [report]


def _trends(sub) -> list[argparse.ArgumentParser]:
    trends = sub.add_parser("trends", help="print what works: time against results by week")
    trends.add_argument("--weeks", type=_count(1, 520), default=8, metavar="N",
                        help="how many weeks, ending with this one (default 8)")
    trends.add_argument("--format", choices=["md", "json", "csv"], default="md")
    return [trends]


def _employers(sub) -> list[argparse.ArgumentParser]:
    employers = sub.add_parser("employers", help="print the LAMP list of target employers")
    employers.add_argument("--format", choices=["md", "json", "csv"], default="md")
    return [employers]


def _import(sub) -> list[argparse.ArgumentParser]:
    imp = sub.add_parser("import", help="import contacts, employers or a JSON backup")
    imp.add_argument("kind", choices=["linkedin", "google", "csv", "json", "employers"])
    imp.add_argument("path", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    return [imp]


def _export(sub) -> list[argparse.ArgumentParser]:
    exp = sub.add_parser("export", help="export a calendar, work-search log, contacts or data")
    exp.add_argument("kind", choices=["ics", "worklog", "csv", "json"])
    exp.add_argument("path", type=Path)
    exp.add_argument("--week", metavar="YYYY-Www")
    exp.add_argument("--from", dest="date_from", metavar="DATE")
    exp.add_argument("--to", dest="date_to", metavar="DATE")
    return [exp]


def _merge(sub) -> list[argparse.ArgumentParser]:
    merge = sub.add_parser("merge", help="fold another Prize data file into this one")
    merge.add_argument("path", type=Path, metavar="OTHER.json")
    merge.add_argument("--dry-run", action="store_true",
                       help="show what would change; write nothing")
    return [merge]


def _calendar(sub) -> list[argparse.ArgumentParser]:
    from tui.calendar_command import add_parser

    actions = add_parser(sub)
    return [sub.choices["calendar"], *actions]


def _demo(sub) -> list[argparse.ArgumentParser]:
    demo = sub.add_parser("demo", help="write a realistic sample data set and open it")
    demo.add_argument("--contacts", type=_count(0, 100_000), default=300, metavar="N")
    demo.add_argument("--weeks", type=_count(1, 520), default=8, metavar="W")
    demo.add_argument("--seed", type=int, default=7, metavar="S")
    demo.add_argument("--no-open", action="store_true", help="only write the data set")
    return [demo]


# Each sub-command's parser, in the order `prize --help` lists them.
_COMMANDS = {
    "timer": _no_options("timer", "open the focus clock"),
    "review": _no_options("review", "open the daily review"),
    "status": _no_options("status", "print one line about the running session (for status bars)"),
    "where": _no_options("where", "print the data, config and backup paths"),
    "themes": _no_options("themes", "list the themes"),
    "report": _report, "trends": _trends, "employers": _employers, "import": _import,
    "export": _export, "merge": _merge, "calendar": _calendar, "demo": _demo,
}


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
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(command_in(argv)).parse_args(argv)
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
