"""Fault tally for issue #9: run each fault class a number of times, count the damage.

    .venv/bin/python tests/fault_tally.py [--kills N] [--runs N] [--seed S]

Not a test (pytest does not collect it); it reuses the store tests' helpers and
cases (writer_proc.py, open_cli.py, test_crash, test_unreadable, test_hostile_files)
and prints one row per fault class:

  tried                 how many times the fault was made to happen
  unreadable files      data files Prize left unreadable (for the unreadable-file rows:
                        refused files whose bytes Prize changed)
  confirmed edits lost  edits Prize reported saved that Prize itself later lost (what
                        another program deletes is counted only if Prize's memory lost it too)
  damaged records       records on disk that are not what they should be (another
                        program's file changed, a document dropped, a record half-written)
  wrong outcomes        the user was not told what the issue promises: one line and exit 2,
                        WriteFailed, a warning, a temp file left, an edit
                        dropped from memory

The exit status is 1 when any of the last four columns is not zero.
Read-only folders need a user who cannot write to a 0o500 folder: as root the
cases run in `unshare --user`, as test_crash does.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE / "store")]

import orjson  # noqa: E402
import pytest  # noqa: E402  (test_crash.read_line fails with pytest.fail)
from fault_cases import (  # noqa: E402
    backup_folder_replaced,
    changed_under,
    holder_then,
    names_on_disk,
    one_line_exit_2,
    read_only,
    seeded,
    sigkill,
    write_fails,
)
from store_helpers import file_snapshot, subprocess_env  # noqa: E402
from test_crash import OPEN_CLI  # noqa: E402
from test_hostile_files import DUP_ID, HOSTILE  # noqa: E402
from test_unreadable import VARIANTS, real_file_bytes  # noqa: E402

from tests.test_cli import prize  # noqa: E402

COLUMNS = ("tried", "unreadable files", "confirmed edits lost", "damaged records",
           "wrong outcomes")


def run_read_only_cases(rows: dict[str, Counter], folder: Path, runs: int) -> None:
    cmd = [sys.executable, __file__, "--child-read-only", str(folder), "--runs", str(runs)]
    if os.geteuid() == 0:
        if not shutil.which("unshare"):
            print("read-only folders: skipped (root, and no unshare)", file=sys.stderr)
            return
        cmd = ["unshare", "--user", *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
        rows["read-only folder"]["wrong outcomes"] += 1
        return
    for name, counts in json.loads(done.stdout.splitlines()[-1]).items():
        rows[name].update(counts)


# -- unreadable data files (through open_cli.py, the app's entry point) -----------------


def unreadable(rows: dict[str, Counter], folder: Path) -> None:
    raw = real_file_bytes(folder)
    cases = {f"unreadable: {name}": content for name, content in VARIANTS.items()}
    for offset in (1, len(raw) // 4, len(raw) // 2, len(raw) - 1):
        cases[f"unreadable: real file cut at {offset}/{len(raw)}"] = raw[:offset]
    cases["unreadable: another program's TinyDB file"] = b'{"_default": {"1": {"sku": "A-1"}}}'
    env = subprocess_env(folder)
    for name, content in cases.items():
        path = folder / "case" / "prize.json"
        shutil.rmtree(path.parent, ignore_errors=True)
        path.parent.mkdir()
        path.write_bytes(content)
        done = subprocess.run([sys.executable, str(OPEN_CLI), str(path)], capture_output=True,
                              text=True, env=env, timeout=120, check=False)
        row = rows[name]
        row["tried"] += 1
        row["wrong outcomes"] += not one_line_exit_2(done)
        row["unreadable files"] += path.read_bytes() != content

    # A document id twice: refused at open (a JSON reader would keep one of the two).
    row = rows["unreadable: document id twice"]
    path = folder / "dup" / "prize.json"
    path.parent.mkdir()
    path.write_bytes(DUP_ID)
    source = folder / "dup" / "people.csv"
    source.write_text("name\nNew person\n")
    done = prize("import", "csv", str(source), "--db", str(path), home=folder)
    row["tried"] += 1
    row["wrong outcomes"] += not one_line_exit_2(done)
    if path.read_bytes() != DUP_ID:
        if done.returncode != 0:
            row["unreadable files"] += 1
        kept = [k for k in orjson.loads(path.read_bytes())["contacts"] if k in ("1", "2")]
        row["damaged records"] += DUP_ID.count(b'{"name"') - len(kept)  # documents dropped


# -- hostile import files ---------------------------------------------------------------------


def hostile_imports(row: Counter, folder: Path) -> None:
    path = seeded(folder, ["Ann Lee", "Bo Chen"])
    source = folder / "hostile.csv"
    for kind, content, _ in HOSTILE.values():
        source.write_bytes(content)
        for extra in ([], ["--dry-run"]):
            before = file_snapshot(path)
            done = prize("import", kind, str(source), "--db", str(path), *extra, home=folder)
            row["tried"] += 1
            row["wrong outcomes"] += not one_line_exit_2(done)
            row["damaged records"] += file_snapshot(path) != before
    formulas = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)"]
    source.write_text("name\n" + "\n".join(f'"{f.replace(chr(34), 2 * chr(34))}"'
                                            for f in formulas) + "\n")
    done = prize("import", "csv", str(source), "--db", str(path), home=folder)
    row["tried"] += 1
    row["wrong outcomes"] += done.returncode != 0
    on_disk = names_on_disk(path)
    if on_disk is None:
        row["unreadable files"] += 1
    else:
        row["confirmed edits lost"] += len({"Ann Lee", "Bo Chen"} - set(on_disk))
        row["damaged records"] += len(set(formulas) - set(on_disk))  # stored literally


# -- the table ------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=300, help="SIGKILLs (default 300)")
    parser.add_argument("--runs", type=int, default=10, help="runs of the other faults")
    parser.add_argument("--seed", type=int, default=20260310)
    parser.add_argument("--child-read-only", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    rows: dict[str, Counter] = {}
    rows_of = lambda name: rows.setdefault(name, Counter())  # noqa: E731
    if args.child_read_only:
        read_only({n: rows_of(n) for n in ("read-only folder", "unwritable backup folder")},
                  Path(args.child_read_only), args.runs)
        print(json.dumps(rows))
        return 0
    rng = random.Random(args.seed)
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="prize-tally-") as tmp:
        def folder(name: str) -> Path:
            made = Path(tmp) / "".join(c if c.isalnum() else "-" for c in name)
            made.mkdir(mode=0o700)
            return made

        def case(name: str, run, *more) -> None:
            """Run one fault class; a case that crashes is a wrong outcome, not the end."""
            try:
                run(rows_of(name), folder(name), *more)
            except (Exception, pytest.fail.Exception) as exc:
                rows_of(name)["wrong outcomes"] += 1
                print(f"{name}: stopped by {type(exc).__name__}: {exc}", file=sys.stderr)

        case("SIGKILL during writes", sigkill, args.kills, rng)
        case("ENOSPC during a write", write_fails, args.runs, rng, errno.ENOSPC)
        case("EIO during a write", write_fails, args.runs, rng, errno.EIO)
        read_only_rows = ("read-only folder", "unwritable backup folder")
        run_read_only_cases({n: rows_of(n) for n in read_only_rows}, folder("read-only"),
                            args.runs)
        case("backup folder replaced by a file or link", backup_folder_replaced, args.runs)
        case("file deleted while open", changed_under, args.runs, "delete")
        case("file replaced while open (rename)", changed_under, args.runs, "rename")
        case("file replaced while open (in place)", changed_under, args.runs, "in place")
        case("second instance", holder_then, max(1, args.runs // 2), False)
        case("stale lock (holder SIGKILLed)", holder_then, max(1, args.runs // 2), True)
        unreadable_rows = _Rows()
        unreadable(unreadable_rows, folder("unreadable"))
        rows.update(unreadable_rows)
        case("hostile import files", hostile_imports)
    width = max(len(n) for n in rows) + 2
    print(f"{'fault class':<{width}}" + " | ".join(f"{c:>9}" for c in COLUMNS))
    for name, row in rows.items():
        print(f"{name:<{width}}" + " | ".join(f"{row[c]:>{max(9, len(c))}}" for c in COLUMNS))
    total = Counter()
    for row in rows.values():
        total.update(row)
    print(f"{'total':<{width}}" + " | ".join(f"{total[c]:>{max(9, len(c))}}" for c in COLUMNS))
    kills = rows["SIGKILL during writes"]
    print(f"({kills['killed mid-write']} of the {kills['tried']} kills landed inside a write, "
          f"a temp file half-written; {time.monotonic() - began:.0f} s, --kills {args.kills} "
          f"--runs {args.runs} --seed {args.seed})")
    return int(any(total[c] for c in COLUMNS[1:]))


class _Rows(dict):
    """A dict of Counters that makes the missing ones."""

    def __missing__(self, key: str) -> Counter:
        self[key] = Counter()
        return self[key]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
