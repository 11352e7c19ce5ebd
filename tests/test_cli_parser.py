"""The command line is read by a parser that makes only the named sub-command's
parser (cli.command_in): it must read every command line as the whole one does."""

from __future__ import annotations

import contextlib
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from tui import cli

# Words a command line is made of: names, options (whole and abbreviated), values.
WORDS = ["report", "trends", "timer", "review", "calendar", "sync", "connect", "demo",
         "import", "export", "json", "ics", "bogus", "-", "--", "--db", "--db=x.json",
         "--theme", "--theme=dark", "--th", "--d", "dark", "x.json", "--week", "2026-W49",
         "--format", "csv", "--weeks", "3", "-h", "--help", "--version", "--dry-run",
         "--contacts", "10", "--no-open", "--user", "ann", "http://h/"]


def _read(parser, argv: list[str]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            found = vars(parser.parse_args(argv))
        except SystemExit as exc:
            found = ("exit", exc.code)
    return found, out.getvalue(), err.getvalue()


@settings(max_examples=200, deadline=None)
@given(argv=st.lists(st.sampled_from(WORDS), max_size=6))
def test_the_parser_made_for_the_named_command_reads_as_the_whole_one(argv):
    assert _read(cli.build_parser(cli.command_in(argv)), argv) == \
        _read(cli.build_parser(), argv)


def test_only_the_named_command_is_made_and_only_when_sure():
    assert cli.command_in(["--db", "x.json", "report", "--format", "csv"]) == "report"
    assert cli.command_in(["--theme=dark", "calendar", "sync"]) == "calendar"
    assert cli.command_in([]) == cli.command_in(["--db", "x.json"]) == ""  # the planner
    assert cli.command_in(["-h", "report"]) is None  # the whole help
    assert cli.command_in(["--th", "report", "timer"]) is None  # (--th is --theme: report a value)
    assert cli.command_in(["reprot"]) is None  # a mistyped name: the whole list of names
    found, _, err = _read(cli.build_parser("report"), ["timer"])  # the others: not made
    assert found == ("exit", 2) and "choose from 'report')" in err
    found, _, err = _read(cli.build_parser(""), ["timer"])
    assert found == ("exit", 2) and "invalid choice: 'timer'" in err
