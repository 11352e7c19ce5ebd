"""Calendar sync while the app runs (SPEC §3.9): every few minutes, and a little
after each edit, a thread does one pass (caldav_sync) off the key path;
what it brings is applied on the main thread as edits (`PrizeApp.apply`, not
undoable: the calendar is not something `u` takes back). The header says when it
last synced, or that it could not; the reason is said once as a notice.

The passes run in a daemon thread of their own rather than a Textual worker: a
server that does not answer must not hold `q` for its timeout (Textual's thread
workers are joined at exit). Such a thread stopped half-way is harmless: it only
reads Prize's data, and its results are applied on the main thread or not at all
(the next pass adopts what it wrote to the server).

The password is never asked here: it comes from PRIZE_CALDAV_PASSWORD or the
keyring, else the header says to run `prize calendar sync` (which asks).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.timer import Timer

from tui.model.edit import Edit

if TYPE_CHECKING:
    from tui.store.caldav_sync import Outcome
    from tui.ui.app import PrizeApp

EVERY_S = 300.0  # a pass every five minutes
AFTER_EDIT_S = 15.0  # and this long after the last edit (a burst of edits: one pass)
FIRST_S = 2.0  # the first pass, once the first frame is out
LABEL = "calendar sync"


class CalendarSync:
    def __init__(self, app: PrizeApp):
        self.app = app
        self.last: datetime | None = None  # the last pass that finished
        self.problem: str | None = None  # why the last pass did not
        self._told: str | None = None  # the problem last said as a notice
        self._running = False
        self._soon: Timer | None = None
        self._started = False
        self.thread: threading.Thread | None = None  # the latest pass's (tests join it)
        # A password typed in the connect form where there is no keyring: kept for
        # this run of the app only, in memory (never written anywhere).
        self._password: str | None = None

    @property
    def connected(self) -> bool:
        return bool(self.app.repo.settings().calendar_url)

    def start(self) -> None:
        if self._started or self.app.repo.read_only:
            return
        self._started = True
        self.app.set_interval(EVERY_S, self.sync_now)
        self._later(FIRST_S)

    def edited(self, edit: Edit) -> None:
        """After an edit: a pass soon (not for the sync's own edits)."""
        if self._started and edit.label != LABEL and self.connected:
            self._later(AFTER_EDIT_S)

    def _later(self, seconds: float) -> None:
        if self._soon is not None:
            self._soon.stop()
        self._soon = self.app.set_timer(seconds, self.sync_now)

    def label(self) -> str:
        """For the header: when it last synced, or that it could not."""
        if not self.connected:
            return ""
        if self.problem:
            return "✗ calendar not synced"
        if self.last is None:
            return "⇅ calendar …"
        return f"⇅ calendar {self.last.astimezone():%H:%M}"

    def sync_now(self, *, tell: bool = False) -> None:
        if self._running or not self.connected:
            if tell and not self.connected:
                self.app.notify("No calendar connected: prize calendar connect URL --user USER")
            return
        self._running = True
        self._background(lambda: self._pass(tell))

    @property
    def busy(self) -> bool:
        """A pass or a connect is under way (in its thread)."""
        return self._running

    def _background(self, work: Callable[[], None]) -> None:
        self.thread = threading.Thread(target=work, name="prize-calendar", daemon=True)
        self.thread.start()

    def _back(self, callback: Callable, *args) -> None:
        """Run `callback` on the main thread, unless the app has quit meanwhile."""
        # (No app to tell, or it quit while this waited: nothing was applied.)
        if not self.app.is_running:
            return
        with contextlib.suppress(RuntimeError, CancelledError):
            self.app.call_from_thread(callback, *args)

    def _pass(self, tell: bool) -> None:  # (the calendar's thread)
        from tui.store import calendar_secret
        from tui.store.caldav_client import CalDAVServer
        from tui.store.caldav_sync import Local, SyncError, sync
        from tui.store.export_ics import local_zone_name

        app = self.app
        try:
            settings = app.repo.settings()
            url, user = settings.calendar_url, settings.calendar_user
            password = calendar_secret.password(url, user, None) or self._password
            if not password:
                raise SyncError("no password in the keyring or PRIZE_CALDAV_PASSWORD: "
                                "run `prize calendar sync` to type it")
            server = CalDAVServer.open(url, user, password, settings.calendar_auth)
            outcome = sync(server, Local.of(app.repo), now=app.now(), tz_name=local_zone_name())
        except SyncError as exc:
            self._back(self._failed, str(exc))
            return
        except Exception as exc:  # never a traceback on screen for a background pass
            self._back(self._failed, f"{type(exc).__name__}: {str(exc)[:80]}")
            return
        self._back(self._done, outcome, tell)

    def _done(self, outcome: Outcome, tell: bool) -> None:
        from tui.store.caldav_sync import apply_outcome

        self._running = False
        applied = []

        def apply(edit: Edit) -> Edit | None:
            done = self.app.apply(Edit(LABEL, edit.changes), undoable=False)
            applied.append(done is not None)
            return done

        apply_outcome(outcome, apply)
        if not all(applied):  # changed in Prize meanwhile: the next pass reads it again
            self._later(AFTER_EDIT_S)
        self.last, self.problem, self._told = self.app.now(), None, None
        if tell or sum(outcome.counts.values()):
            self.app.notify(outcome.summary(), markup=False)
        self._show()

    def _failed(self, problem: str) -> None:
        self._running = False
        self.problem = problem
        if problem != self._told:
            self._told = problem
            self.app.notify(f"Calendar sync: {problem}.", severity="warning", markup=False,
                            timeout=12)
        self._show()

    def _show(self) -> None:
        from tui.ui.messages import Saved

        for screen in self.app.screen_stack:  # (the header is redrawn on Saved)
            screen.post_message(Saved(self.app.saved_generation))

    # -- connecting ------------------------------------------------------------------

    def ask_connect(self) -> None:
        from tui.ui.screens.calendar_form import CalendarForm

        s = self.app.repo.settings()
        self.app.push_screen(CalendarForm(s.calendar_url, s.calendar_user, s.calendar_name,
                                          s.calendar_titles), self._connect)

    def _connect(self, request) -> None:
        if request is not None:
            self.app.notify(f"Connecting to {request.url}…", markup=False)
            self._running = True
            self._background(lambda: self._reach(request))

    def _reach(self, request) -> None:  # (the calendar's thread)
        from tui.store import calendar_secret
        from tui.store.caldav_client import connect
        from tui.store.caldav_sync import SyncError

        password = request.password or calendar_secret.password(request.url, request.user, None)
        try:
            url, auth = connect(request.url, request.user, password or "", request.calendar)
        except SyncError as exc:
            self._back(self._not_connected, str(exc))
            return
        kept = bool(request.password) and calendar_secret.store(url, request.user, password)
        if request.password and not kept:
            self._password = request.password
        self._back(self._connected, request, url, auth, kept)

    def _not_connected(self, problem: str) -> None:
        self._running = False
        self.app.notify(f"Calendar not connected: {problem}.", severity="error", markup=False,
                        timeout=15)

    def _connected(self, request, url: str, auth: str, kept: bool) -> None:
        self._running = False
        from tui.model.daily_edits import change_settings
        from tui.model.edit import removed

        repo = self.app.repo
        before = repo.settings()
        links = () if before.calendar_url == url else tuple(
            removed(link) for link in repo.calendar_links.all())
        after = change_settings(before, "calendar connect", calendar_url=url,
                                calendar_user=request.user, calendar_name=request.calendar,
                                calendar_titles=request.titles, calendar_auth=auth,
                                calendar_ctag=before.calendar_ctag if not links else "")
        where = "the password is in the system keyring" if kept else (
            "no keyring here: the password is kept until Prize quits")
        if self.app.apply(Edit("calendar connect", links + after.changes,
                               f"Connected to the calendar {request.calendar!r}; {where}."),
                          undoable=False) is not None:
            self.problem = None
            self.start()
            self.sync_now(tell=True)

    def system_commands(self) -> list[SystemCommand]:
        commands = [SystemCommand("Calendar: connect…",
                                  "Sync the plan and meetings with a CalDAV calendar",
                                  self.ask_connect),
                    SystemCommand("Calendar: sync now",
                                  "One two-way pass with the connected CalDAV calendar",
                                  lambda: self.sync_now(tell=True)),
                    SystemCommand("Calendar: status", "What is connected, when it last synced",
                                  self.show_status)]
        if self.connected:
            private = self.app.repo.settings().calendar_titles == "private"
            commands.append(SystemCommand(
                "Calendar: meeting titles " + ("with names" if private else "private"),
                "Meeting titles in the calendar: " + (
                    "the contact's name" if private else "just 'Meeting' (shared calendars)"),
                lambda: self._titles("names" if private else "private")))
            commands.append(SystemCommand(
                "Calendar: disconnect", "Forget the calendar (its events stay there)",
                self.disconnect))
        return commands

    def show_status(self) -> None:
        settings = self.app.repo.settings()
        if not settings.calendar_url:
            self.app.notify("No calendar connected: prize calendar connect URL --user USER")
            return
        when = f"last synced {self.last.astimezone():%H:%M}" if self.last else "not synced yet"
        problem = f"; problem: {self.problem}" if self.problem else ""
        self.app.notify(f"Calendar {settings.calendar_name!r} at {settings.calendar_url} as "
                        f"{settings.calendar_user}; {when}{problem}.", markup=False, timeout=10)

    def _titles(self, titles: str) -> None:
        from tui.model.daily_edits import change_settings

        self.app.apply(change_settings(self.app.repo.settings(), "calendar titles",
                                       calendar_titles=titles))

    def disconnect(self) -> None:
        from tui.model.daily_edits import change_settings
        from tui.model.edit import removed

        repo = self.app.repo
        before = repo.settings()
        links = tuple(removed(link) for link in repo.calendar_links.all())
        after = change_settings(before, "calendar disconnect", calendar_url="",
                                calendar_user="", calendar_name="", calendar_ctag="",
                                calendar_auth="")
        done = self.app.apply(Edit("calendar disconnect", links + after.changes,
                                   f"Disconnected from {before.calendar_url}; its events stay "
                                   "there."), undoable=False)
        if done is not None:
            from tui.store import calendar_secret

            self._background(lambda: calendar_secret.forget(before.calendar_url,
                                                            before.calendar_user))
            self.problem = None
            self._show()
