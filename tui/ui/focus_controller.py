"""The glue between the focus widgets and the pure model (`tui.model.focus`, `focus_time`).

One controller per app (`focus_controller(app)`). It reads the running session from
the repository, applies each key with a pure function, writes the result back at once
(one edit through `app.apply`, which saves it off the key path) and runs the flows that ask
something in a dialog (quick start, outcome, past session, "stop the running one
first?", the forgotten timer), which are in `FocusDialogs` (focus_dialogs.py).
Nothing is counted in ticks: every view is derived from the stored timestamps.
What the clock says on its own (budget, plan, pomodoro) is `FocusGuard`'s job.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from weakref import WeakKeyDictionary

from textual.app import SystemCommand

from tui.model import focus, focus_time
from tui.model.blocks import Occurrence
from tui.model.budget import channel_minutes, day_minutes
from tui.model.contacts import CHANNELS, Contact
from tui.model.daily_edits import save_session
from tui.model.edit import Change, Edit
from tui.model.instants import local_tz
from tui.model.plan import goals_in_force
from tui.model.sessions import FocusSession
from tui.model.week_dates import iso_week_label, week_start
from tui.store.spans import unended_sessions
from tui.ui.focus_dialogs import FocusDialogs
from tui.ui.focus_guard import FocusGuard, Usage

_CONTROLLERS: WeakKeyDictionary = WeakKeyDictionary()


def focus_controller(app) -> FocusController:
    """The app's one controller (made on first use)."""
    controller = _CONTROLLERS.get(app)
    if controller is None:
        controller = _CONTROLLERS[app] = FocusController(app)
    return controller


class FocusController(FocusDialogs):
    def __init__(self, app):
        self.app = app
        self._views: list[Callable[[], None]] = []
        self._busy = False
        self._asked_at_start = False
        self._guard = FocusGuard()

    # -- reading -------------------------------------------------------------

    @property
    def repo(self):
        return self.app.repo

    def session(self) -> FocusSession | None:
        """The running (or paused) session; the latest started if the file holds several."""
        running = [s for s in unended_sessions(self.repo) if s.running]
        return max(running, key=lambda s: (datetime.fromisoformat(s.started), s.id or 0),
                   default=None)

    def usage(self, channel: str, now: datetime, *, without: int | None = None) -> Usage:
        today = self.app.today()
        start = week_start(today, self.repo.settings().first_weekday)
        sessions = [s for s in self.repo.sessions.all() if s.channel == channel
                    and (without is None or s.id != without)]
        tz = local_tz()
        week = channel_minutes(sessions, channel, start, tz, now)
        day = day_minutes(sessions, today, tz, now).get(channel, 0)
        label = iso_week_label(start)
        goals = goals_in_force(self.repo.goals.all(), label)
        return Usage(day, week, goals.budgets.get(channel) if goals else None)

    def block_and_contact(self, s: FocusSession) -> tuple[str, str]:
        block = self.repo.blocks.get(s.block_id) if s.block_id is not None else None
        contact = self.repo.contacts.get(s.contact_id) if s.contact_id is not None else None
        return (block.activity if block else "", contact.name if contact else "")

    def channels(self) -> tuple[str, ...]:
        used = [b.channel for b in self.repo.blocks.all()]
        used += [s.channel for s in self.repo.sessions.all()[-200:]]
        return tuple(dict.fromkeys((*CHANNELS, *used)))

    # -- views ---------------------------------------------------------------

    def subscribe(self, view: Callable[[], None]) -> None:
        self._views.append(view)

    def unsubscribe(self, view: Callable[[], None]) -> None:
        if view in self._views:
            self._views.remove(view)

    def update_views(self) -> None:
        for view in list(self._views):
            view()

    def _say(self, message: str, *, warn: bool = False) -> None:
        self.app.notify(message, severity="warning" if warn else "information", markup=False)

    # -- writing -------------------------------------------------------------

    def _save(self, s: FocusSession, *, label: str = "session", undoable: bool = False,
              also: tuple[Change, ...] = ()) -> FocusSession:
        """Apply the session as it is now (and `also`) as one edit; the session as stored."""
        before = self.repo.sessions.get(s.id) if s.id is not None else None
        edit = save_session(before, s, label)
        applied = self.app.apply(Edit(edit.label, (*edit.changes, *also)), undoable=undoable)
        self.update_views()
        stored = [c.after for c in applied.changes if c.table == "sessions"] if applied else []
        return stored[0] if stored and isinstance(stored[0], FocusSession) else s

    def _forget(self, session_id: int | None) -> None:
        self._guard.forget(session_id)

    def _run(self, flow: Callable[[], Coroutine]) -> None:
        """Run a flow with dialogs in a worker; one flow at a time (a second is dropped).
        The worker makes the coroutine as it starts: one made earlier was never
        awaited when the app closed first (a RuntimeWarning)."""
        if self._busy:
            return
        self._busy = True

        async def guarded() -> None:
            try:
                await flow()
            finally:
                self._busy = False
                self.update_views()

        self.app.run_worker(guarded, group="focus")

    # -- keys ----------------------------------------------------------------

    def key_space(self) -> None:
        """Start a quick session when none runs; otherwise pause or resume."""
        if self.session() is None:
            self._run(self._quick_start)
        else:
            self._key(focus.toggle)

    def key_stop(self) -> None:
        if self.session() is None:
            self._say("No session is running: space starts one.")
        else:
            self._run(self._stop)

    def key_extend(self, minutes: int) -> None:
        self._key(lambda s, now: focus.extend(s, minutes, now))

    def key_mode(self) -> None:
        self._key(lambda s, now: focus.touch(focus.cycle_mode(s), now))

    def key_add_past(self) -> None:
        self._run(self._add_past)

    def key_correct(self) -> None:
        self._run(self._correct_last)

    def system_commands(self) -> list[SystemCommand]:
        """The focus keys for the command palette (they work from any screen)."""
        return [
            SystemCommand("Focus: start, pause or resume", "space in the Focus pane",
                          self.key_space),
            SystemCommand("Focus: stop", "s in the Focus pane: asks what came of it",
                          self.key_stop),
            SystemCommand("Focus: five minutes more", "+ in the Focus pane",
                          lambda: self.key_extend(focus.STEP_MINUTES)),
            SystemCommand("Focus: five minutes less", "- in the Focus pane",
                          lambda: self.key_extend(-focus.STEP_MINUTES)),
            SystemCommand("Focus: change mode", "p: countdown, pomodoro, count-up",
                          self.key_mode),
            SystemCommand("Focus: add a past session", "a in the Focus pane",
                          self.key_add_past),
            SystemCommand("Focus: correct the last session", "c in the Focus pane",
                          self.key_correct),
        ]

    def _key(self, apply: Callable[[FocusSession, datetime], FocusSession]) -> None:
        s = self.session()
        if s is None:
            self._say("No session is running: space starts one.")
        elif focus_time.idle_tail(s, self.app.now(), self.repo.settings()) is not None:
            self._run(lambda: self._idle_then(apply))
        else:
            self._save(apply(s, self.app.now()))

    async def _idle_then(self, apply) -> None:
        if await self._idle_check() and (s := self.session()) is not None:
            self._save(apply(s, self.app.now()))

    # -- starting from elsewhere ----------------------------------------------

    def start_for_block(self, occurrence: Occurrence) -> None:
        """Start a countdown for one block occurrence (length = the block's)."""
        b = occurrence.block
        self._run(lambda: self._start(lambda now: focus.start_session(
            b.channel, now, planned_minutes=b.minutes, block_id=b.id, block_day=occurrence.day)))

    def start_for_contact(self, contact: Contact) -> None:
        """Start a quick-length session on the contact's channel (or the quick channel)."""
        settings = self.repo.settings()
        channel = contact.channel or settings.quick_channel
        self._run(lambda: self._start(lambda now: focus.start_session(
            channel, now, planned_minutes=settings.quick_minutes, contact_id=contact.id)))

    def check_forgotten(self) -> None:
        """Once per run, when a clock first shows: ask about a forgotten timer."""
        if self._asked_at_start:
            return
        self._asked_at_start = True
        s = self.session()
        if s is not None and focus_time.idle_tail(
                s, self.app.now(), self.repo.settings()) is not None:
            self._run(self._idle_check)

    # -- the guard (every tick) ----------------------------------------------

    def guard(self, now: datetime) -> None:
        """Say what the clock has to say (budget, plan, overrun, pomodoro), each once."""
        s = self.session()
        if s is None or s.id is None:
            return
        settings = self.repo.settings()
        news = self._guard.check(s, now, settings, self.usage(s.channel, now),
                                 lambda: self.usage(s.channel, now, without=s.id).week)
        for message in news:
            self._say(message, warn=True)
        if news and settings.bell:
            self.app.bell()
