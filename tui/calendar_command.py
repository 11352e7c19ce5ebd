"""`prize calendar connect|sync|status|disconnect` (SPEC §3.9): each prints one
line (or a few, for status); every failure is one `prize: ...` line, and a sync
that could not finish leaves the data file as it was."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime

from tui.commands import CliError, _open_for_writing
from tui.store import paths


def add_parser(sub) -> list[argparse.ArgumentParser]:
    """The `calendar` sub-command; its actions' parsers (for the common options)."""
    cal = sub.add_parser("calendar", help="sync the plan and meetings with a CalDAV calendar")
    actions = cal.add_subparsers(dest="action", metavar="ACTION", required=True)
    connect = actions.add_parser("connect", help="connect a CalDAV calendar (once)")
    connect.add_argument("url", metavar="URL", help="the server or account URL")
    connect.add_argument("--user", required=True, metavar="USER")
    connect.add_argument("--calendar", default="Prize", metavar="NAME",
                         help="the calendar to use, made when missing (default: Prize)")
    connect.add_argument("--titles", choices=["names", "private"], default=None,
                         help="meeting titles with the contact's name, or just 'Meeting'")
    sync = actions.add_parser("sync", help="one two-way sync now")
    sync.add_argument("--dry-run", action="store_true",
                      help="say what would change; change nothing")
    status = actions.add_parser("status", help="what is connected and when it last synced")
    disconnect = actions.add_parser("disconnect",
                                    help="forget the calendar (its events stay there)")
    return [connect, sync, status, disconnect]


def run(args: argparse.Namespace) -> int:
    return {"connect": _connect, "sync": _sync, "status": _status,
            "disconnect": _disconnect}[args.action](args)


def _ask(prompt: str) -> str:
    import getpass

    if not sys.stdin.isatty():
        raise CliError("no calendar password: set PRIZE_CALDAV_PASSWORD "
                       "(or run this in a terminal to type it)")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise CliError("no calendar password given") from None


def _connect(args: argparse.Namespace) -> int:
    from tui.model.daily_edits import change_settings
    from tui.model.edit import Edit, removed
    from tui.store import calendar_secret
    from tui.store.caldav_client import connect
    from tui.store.caldav_sync import SyncError

    url = args.url.strip()
    if not url.startswith(("http://", "https://")):
        raise CliError(f"{url!r} is not a URL: write it like https://caldav.example.com/")
    password = calendar_secret.password(url, args.user, _ask)
    if not password:
        raise CliError("no calendar password given")
    try:
        calendar_url, auth = connect(url, args.user, password, args.calendar)
    except SyncError as exc:
        raise CliError(str(exc)) from None
    repo = _open_for_writing(paths.data_path(args.db))
    try:
        before = repo.settings()
        changes = {"calendar_url": calendar_url, "calendar_user": args.user,
                   "calendar_name": args.calendar, "calendar_auth": auth}
        if args.titles:
            changes["calendar_titles"] = args.titles
        if before.calendar_url != calendar_url:  # another calendar: what Prize knew is void
            changes["calendar_ctag"] = ""
            links = [removed(link) for link in repo.calendar_links.all()]
            if links:
                repo.apply(Edit("calendar connect", tuple(links)))
        repo.apply(change_settings(before, "calendar connect", **changes))
        repo.flush()
    finally:
        repo.close()
    kept = calendar_secret.store(calendar_url, args.user, password)
    where = ("the password is kept in the system keyring" if kept else
             "no system keyring here, so the password is not stored: set "
             "PRIZE_CALDAV_PASSWORD or type it at each sync")
    print(f"Connected to the calendar {args.calendar!r} ({calendar_url}) as {args.user}; "
          f"{where}. Run `prize calendar sync`.")
    return 0


def _connection(settings) -> tuple[str, str]:
    if not settings.calendar_url:
        raise CliError("no calendar connected: prize calendar connect URL --user USER")
    return settings.calendar_url, settings.calendar_user


def _sync(args: argparse.Namespace) -> int:
    from tui.store import Repository, calendar_secret
    from tui.store.caldav_client import CalDAVServer
    from tui.store.caldav_sync import SyncError, sync_repo

    path = paths.data_path(args.db)
    settings = Repository.open_read_only(path).settings()
    url, user = _connection(settings)
    password = calendar_secret.password(url, user, _ask)
    if not password:
        raise CliError("no calendar password given")
    repo = _open_for_writing(path)
    try:
        try:
            server = CalDAVServer.open(url, user, password, settings.calendar_auth)
            outcome = sync_repo(repo, server, now=datetime.now(UTC), dry_run=args.dry_run)
        except SyncError as exc:
            raise CliError(f"calendar sync: {exc}; nothing was changed") from None
        repo.flush()
    finally:
        repo.close()
    print(outcome.summary())
    return 0


def _status(args: argparse.Namespace) -> int:
    from tui.store import Repository, calendar_secret

    repo = Repository.open_read_only(paths.data_path(args.db))
    settings = repo.settings()
    if not settings.calendar_url:
        print("No calendar connected (prize calendar connect URL --user USER).")
        return 0
    url, user = settings.calendar_url, settings.calendar_user
    if os.environ.get(calendar_secret.ENV):
        secret = f"password from {calendar_secret.ENV}"
    elif calendar_secret.stored(url, user):
        secret = "password in the system keyring"
    else:
        secret = "password asked at each sync"
    synced = "never synced"
    if settings.calendar_synced:
        when = datetime.fromisoformat(settings.calendar_synced).astimezone()
        synced = f"last change synced {when:%a %d %b %H:%M}"
    links = repo.calendar_links.all()
    print(f"Calendar {settings.calendar_name!r} at {url} as {user}; {synced}; "
          f"{len(links)} events linked; meeting titles: {settings.calendar_titles}; {secret}.")
    return 0


def _disconnect(args: argparse.Namespace) -> int:
    from tui.model.daily_edits import change_settings
    from tui.model.edit import Edit, removed
    from tui.store import calendar_secret

    repo = _open_for_writing(paths.data_path(args.db))
    try:
        before = repo.settings()
        if not before.calendar_url:
            print("No calendar connected.")
            return 0
        links = [removed(link) for link in repo.calendar_links.all()]
        if links:
            repo.apply(Edit("calendar disconnect", tuple(links)))
        repo.apply(change_settings(before, "calendar disconnect", calendar_url="",
                                   calendar_user="", calendar_name="", calendar_ctag="",
                                   calendar_auth=""))
        repo.flush()
    finally:
        repo.close()
    calendar_secret.forget(before.calendar_url, before.calendar_user)
    print(f"Disconnected from {before.calendar_url}; the events Prize put there stay there, "
          "and the password was forgotten.")
    return 0
