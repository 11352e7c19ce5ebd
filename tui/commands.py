"""What each command does, once the arguments are parsed (see tui/cli.py)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import UTC, datetime
from pathlib import Path

from tui.store import paths


class CliError(Exception):
    """One line for the user; exit code 2."""


def _open_app(args: argparse.Namespace, start: str, path: Path | None = None) -> int:
    from concurrent.futures import ThreadPoolExecutor

    from tui.store import Repository

    # Read whole before the app starts: its first frame shows the data. Read while
    # Textual is imported: reading the file and its checksums hold no interpreter
    # lock (~12 ms less at 10k contacts). What opening imports is imported above.
    data_path = path or paths.data_path(args.db)
    # Textual writes each frame to the terminal from a thread of its own. With
    # Python's 5 ms switch interval, that thread waited for the interpreter while
    # the work after the first frame ran: the frame was out ~12 ms later.
    sys.setswitchinterval(0.001)
    with ThreadPoolExecutor(max_workers=1) as pool:
        opening = pool.submit(Repository.open, data_path)
        try:
            from tui.ui.app import PrizeApp
        except BaseException:  # (a broken install, ctrl+c: the file closed all the same)
            with contextlib.suppress(Exception):
                opening.result().close()
            raise
        repo = opening.result()
    try:
        app = PrizeApp(repo, start=start, theme_name=getattr(args, "theme", None))
        app.run()
    finally:
        repo.close()
    if app.then_demo:  # the welcome's third way: the demo, in a file of its own
        demo = argparse.Namespace(**{**vars(args), "db": None, "contacts": 300, "weeks": 8,
                                     "seed": 7, "no_open": False})
        return cmd_demo(demo)
    return app.return_code or 0


def _open_for_writing(path: Path):
    """Open for a command that writes; what the app would show as notices goes to stderr."""
    from tui.store import Repository

    repo = Repository.open(path)
    report = repo.report
    for warning in report.warnings:
        print(f"prize: warning: {warning}", file=sys.stderr)
    if report.migrated_from is not None:
        print(f"prize: data file upgraded from schema {report.migrated_from}; "
              f"the old copy is in {report.migration_backup}", file=sys.stderr)
    return repo


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
    try:
        line = status_line(session, datetime.now(UTC)) if session else ""
    except (TypeError, ValueError):
        line = ""  # a damaged session: a status bar must never show a traceback
    if line:
        print(line)
    return 0


def cmd_where(args: argparse.Namespace) -> int:
    from tui.store import journal
    from tui.store.backups import backup_dir
    from tui.store.open_cache import cache_path

    data = paths.data_path(args.db)
    print(f"data     {data}")
    print(f"backups  {backup_dir(data)}")
    print(f"config   {paths.config_dir()}")
    print(f"themes   {paths.user_themes_dir()}")
    print(f"cache    {cache_path(data)}")
    print(f"journal  {journal.folder()}")
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
        import tempfile

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


# -- report, import, export (no UI) -------------------------------------------------


def _week_of(args: argparse.Namespace, today):
    from tui.model.week_dates import week_start

    if getattr(args, "week", None):
        return week_option(args.week, today)
    return week_start(today)


def week_option(text: str, today):
    """The Monday of the week `--week` names: `2026-W50`, or `W50` (or `50`) for
    week 50 of this ISO year. Anything else is refused with the week it seems to
    ask for written as Prize reads it ("write 2026-W50"), else with this week's."""
    import re

    from tui.model.week_dates import iso_week_label, parse_iso_week

    year = today.isocalendar()[0]
    typed = text.strip()
    if m := re.fullmatch(r"[wW]?(\d{1,2})", typed):
        typed = f"{year}-W{int(m[1]):02d}"
    try:
        return parse_iso_week(typed)
    except ValueError as exc:
        reason = str(exc)
    if reason.startswith("not an ISO week"):
        years = re.findall(r"(?<!\d)\d{4}(?!\d)", typed)
        weeks = re.findall(r"(?<!\d)\d{1,2}(?!\d)", typed)
        if weeks:
            reason = f"write {years[0] if years else year}-W{int(weeks[0]):02d}"
        else:
            reason = f"write it like {iso_week_label(today)}"
        reason = f"not a week Prize reads: {reason}"
    raise CliError(f"--week {text}: {reason}")


def _date_arg(text: str | None, flag: str, today):
    from tui.model.dates import parse_date

    if not text:
        return None
    try:
        return parse_date(text, today)
    except ValueError as exc:
        raise CliError(f"{flag} {text}: {exc}") from None


def cmd_report(args: argparse.Namespace) -> int:
    from dateutil.tz import tzlocal

    from tui.model.report import report_csv, report_json, report_markdown
    from tui.model.verdict import verdict
    from tui.store import Repository
    from tui.store.queries import metrics_for

    now = datetime.now(UTC)
    repo = Repository.open_read_only(paths.data_path(args.db))
    start = _week_of(args, now.astimezone().date())
    metrics = metrics_for(repo, start, 7, tz=tzlocal(), now=now)
    render = {"md": report_markdown, "json": report_json, "csv": report_csv}[args.format]
    print(render(metrics, verdict(metrics, day=False)), end="")
    return 0


def cmd_trends(args: argparse.Namespace) -> int:
    from tui.trends_command import run

    return run(args)


def cmd_employers(args: argparse.Namespace) -> int:
    from tui.employers_command import run

    return run(args)


def cmd_import(args: argparse.Namespace) -> int:
    if args.kind == "employers":
        from tui import employers_command

        return employers_command.run_import(args)
    if args.kind == "json":
        from tui.store.json_backup import import_json

        repo = _open_for_writing(paths.data_path(args.db))
        try:
            try:
                counts = import_json(repo, args.path, dry_run=args.dry_run)
            except ValueError as exc:
                raise CliError(str(exc)) from None
        finally:
            repo.close()
        verb = "would import" if args.dry_run else "imported"
        print(f"{verb}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
        return 0
    from tui.store.importers import import_file

    plan = run_import(args, lambda repo, **kw: import_file(repo, args.kind, args.path, **kw))
    for line in plan.describe() if args.dry_run else ():
        print(f"  {line}")
    print_row_notes(plan.row_notes)
    return 0


def run_import(args: argparse.Namespace, importer):
    """`importer(repo, dry_run=, today=)` on the data file, its summary printed;
    the plan it gave. A file it cannot read is one `prize:` line."""
    from tui.store.import_formats import ImportFormatError

    repo = _open_for_writing(paths.data_path(args.db))
    try:
        plan = importer(repo, dry_run=args.dry_run, today=datetime.now().date())
    except ImportFormatError as exc:
        raise CliError(f"{args.path}: {exc}") from None
    finally:
        repo.close()
    print(f"Dry run, nothing written: {plan.summary()}." if args.dry_run
          else f"{plan.summary(done=True)}.")
    return plan


def print_row_notes(notes) -> None:
    from tui.store.import_formats import row_report

    if notes:
        print("Rows to check:")
        for line in row_report(notes):
            print(f"  {line}")


def _refuse_own_files(target: Path, data: Path) -> None:
    """An export must never replace the data file, its lock or its backups."""
    from tui.store.backups import backup_dir
    from tui.store.lock import lock_path

    target = target.expanduser().resolve()
    if target in (data, lock_path(data)) or backup_dir(data) in target.parents:
        raise CliError(f"{target} is Prize's own data; export to another file.")


def cmd_export(args: argparse.Namespace) -> int:
    from tui.store import Repository

    now = datetime.now(UTC)
    today = now.astimezone().date()
    data = paths.data_path(args.db)
    _refuse_own_files(args.path, data)
    repo = Repository.open_read_only(data)
    start = _date_arg(args.date_from, "--from", today)
    end = _date_arg(args.date_to, "--to", today)
    if args.week:
        start = _week_of(args, today)
        end = start.fromordinal(start.toordinal() + 6)
    try:
        if args.kind == "ics":
            from tui.store.export_ics import export_ics

            count = export_ics(repo, args.path, start=start, end=end, now=now)
            print(f"Wrote {count} events to {args.path}.")
        elif args.kind == "worklog":
            from tui.store.export_csv import export_worklog

            start = start or today.fromordinal(today.toordinal() - 6)
            count = export_worklog(repo, args.path, start=start, end=end or today, now=now)
            print(f"Wrote {count} work-search entries ({start} to {end or today}) to {args.path}.")
        elif args.kind == "csv":
            from tui.store.export_csv import export_contacts_csv

            count = export_contacts_csv(repo, args.path, today=today)
            print(f"Wrote {count} contacts to {args.path}.")
        else:
            from tui.store.json_backup import export_json

            counts = export_json(repo, args.path, now=now)
            print(f"Wrote {sum(counts.values())} records to {args.path}.")
    except OSError as exc:
        raise CliError(f"cannot write {args.path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    """Fold another Prize file (an old laptop's, a copy) into the data file, record by
    record, by the rules of a sync merge (SPEC §3.8)."""
    from tui.model.validation import printable
    from tui.store.merging import merged_with
    from tui.store.opening import understood

    path = paths.data_path(args.db)
    other = Path(args.path)
    if other.resolve() == path.resolve():
        raise CliError(f"{other} is the data file itself: nothing to merge")
    try:
        raw = other.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {other}: {exc.strerror or exc}") from None
    data, _ = understood(other, raw)  # a foreign or damaged file: one line, nothing changed
    repo = _open_for_writing(path)
    try:
        if args.dry_run:
            with repo.lock:
                _, news, _, _ = merged_with(repo.raw_data(), data, repo.record_classes(),
                                            other.name)
        else:
            news = repo.take(data, other.name)
    finally:
        repo.close()
    verb = "Dry run, nothing written: would merge" if args.dry_run else "Merged"
    n = len(news.conflicts)
    print(f"{verb} {other}: {news.summary}; {n} conflict{'' if n == 1 else 's'}.")
    for line in news.by_table():
        print(f"  {line}")
    for c in news.conflicts[:20]:
        record = data.get(c["table"], {}).get(str(c["id"]), {})
        name = printable(str(record.get("name") or record.get("channel") or c["id"]))
        print(f"  conflict: {c['table']} {name!r} {c['field']}: kept {c['kept']!r}, "
              f"the other {c['lost']!r}{'' if args.dry_run else ' (ctrl+p → Conflicts)'}")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from tui.calendar_command import run

    return run(args)
