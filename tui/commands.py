"""What each command does, once the arguments are parsed (see tui/cli.py)."""

from __future__ import annotations

import argparse
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from tui.store import paths


class CliError(Exception):
    """One line for the user; exit code 2."""


def _open_app(args: argparse.Namespace, start: str, path: Path | None = None) -> int:
    from tui.store import Repository

    repo = Repository.open(path or paths.data_path(args.db))
    try:
        from tui.ui.app import PrizeApp

        app = PrizeApp(repo, start=start, theme_name=getattr(args, "theme", None))
        app.run()
    finally:
        repo.close()
    return app.return_code or 0


def cmd_plan(args: argparse.Namespace) -> int:
    return _open_app(args, "main")


def cmd_timer(args: argparse.Namespace) -> int:
    return _open_app(args, "timer")


def cmd_review(args: argparse.Namespace) -> int:
    return _open_app(args, "review")


def cmd_status(args: argparse.Namespace) -> int:
    from tui.model.status import status_line
    from tui.store.peek import running_session

    session = running_session(paths.data_path(args.db))
    line = status_line(session, datetime.now(timezone.utc)) if session else ""
    if line:
        print(line)
    return 0


def cmd_where(args: argparse.Namespace) -> int:
    from tui.store.backups import backup_dir

    data = paths.data_path(args.db)
    print(f"data     {data}")
    print(f"backups  {backup_dir(data)}")
    print(f"config   {paths.config_dir()}")
    print(f"themes   {paths.user_themes_dir()}")
    return 0


def cmd_themes(args: argparse.Namespace) -> int:
    from tui.ui.themes import available_themes

    for name, origin in available_themes():
        print(f"{name:<24} {origin}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from tui.store import Repository
    from tui.store.demo import write_demo

    if args.db:
        path = Path(args.db).expanduser().resolve()
        if path.exists() and path.stat().st_size > 0:
            raise CliError(f"{path} already exists; demo data goes only into a new file.")
    else:
        folder = Path(tempfile.mkdtemp(prefix="prize-demo-"))
        path = folder / "prize-demo.json"
    repo = Repository.open(path)
    try:
        counts = write_demo(repo, contacts=args.contacts, weeks=args.weeks, seed=args.seed)
        repo.flush()
    finally:
        repo.close()
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    print(f"Demo data written to {path} ({summary}).")
    if args.no_open:
        return 0
    return _open_app(args, "main", path)
