"""The focus flows that wait for a dialog: quick start, "stop the running one first?",
stop with its outcome, a past session, correcting the last one, and the forgotten timer.

`FocusDialogs` is mixed into `FocusController` (focus_controller.py), which runs each
flow in a worker (`_run`) because a dialog is awaited with `push_screen_wait`. The
screens are imported when a flow first runs, not when the app starts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tui.model import focus, focus_time
from tui.model.daily_edits import change_settings, discard_session
from tui.model.dates import format_duration
from tui.model.focus_records import last_recorded
from tui.model.sessions import FocusSession
from tui.model.status import clock_text, status_line

IDLE_CHOICES = {"k": "keep it", "t": "trim the idle time", "d": "discard the session"}


def outcome_summary(outcome: dict | None) -> str:
    if outcome is None:
        return "no outcome recorded"
    if not outcome:
        return "nothing came of it"
    counts = (("contacts", "contact", "contacts"), ("replies", "reply", "replies"),
              ("meetings", "meeting", "meetings"))
    return ", ".join(f"{(n := outcome.get(key, 0))} {one if n == 1 else many}"
                     for key, one, many in counts)


class FocusDialogs:
    """Mixed into FocusController, which provides `app`, `repo`, `session`, `channels`,
    `_save`, `_say` and `_forget`."""

    async def _start(self, make: Callable[[datetime], FocusSession]) -> None:
        from tui.ui.screens.choice import ChoiceScreen

        current = self.session()
        if current is not None:
            answer = await self.app.push_screen_wait(ChoiceScreen(
                f"{status_line(current, self.app.now())}: only one session runs at a time. "
                "Stop it first?", {"s": "stop it, then start the new one"}))
            if answer != "s" or not await self._stop():
                return
        try:
            s = make(self.app.now())
        except ValueError as exc:
            self._say(f"Cannot start: {exc}", warn=True)
            return
        s = self._save(s)
        self._say(f"Started {s.channel}: {format_duration(s.planned_minutes)} {s.mode}.")

    async def _quick_start(self) -> None:
        from tui.ui.screens.quick_start_form import QuickStartForm

        settings = self.repo.settings()
        s = await self.app.push_screen_wait(QuickStartForm(
            channel=settings.quick_channel, minutes=settings.quick_minutes,
            channels=self.channels(), now=self.app.now))
        if s is None or self.session() is not None:
            return
        remembered = change_settings(settings, "quick start", quick_channel=s.channel,
                                     quick_minutes=s.planned_minutes)
        self._save(s, also=remembered.changes)

    async def _stop(self) -> bool:
        """Ask what came of the session and stop it. True when no session runs after."""
        from tui.ui.screens.outcome_form import OutcomeForm

        if not await self._idle_check():
            return self.session() is None
        s = self.session()
        if s is None:
            return True
        stop_at = self.app.now()
        outcome = await self.app.push_screen_wait(OutcomeForm(
            f"{s.channel} · {clock_text(focus_time.elapsed(s, stop_at))} · what came of it?"))
        if outcome is None:
            self._say(f"{s.channel} keeps running.")
            return False
        stopped = self._save(focus.stop(self.repo.sessions.get(s.id) or s, stop_at, outcome))
        self._forget(s.id)
        spent = format_duration(focus_time.whole_minutes(focus_time.elapsed(stopped, stop_at)))
        self._say(f"Stopped {s.channel} after {spent}: {outcome_summary(outcome)}.")
        return True

    async def _ask_outcome(self, s: FocusSession, title: str, *, undoable: bool = False,
                           label: str = "session") -> None:
        from tui.ui.screens.outcome_form import OutcomeForm

        outcome = await self.app.push_screen_wait(
            OutcomeForm(title, escape_hint="escape leaves it unanswered"))
        if outcome is not None and (current := self.repo.sessions.get(s.id)) is not None:
            self._save(focus.stop(current, self.app.now(), outcome), label=label,
                       undoable=undoable)

    async def _add_past(self) -> None:
        from tui.ui.screens.past_session_form import PastSessionForm

        settings = self.repo.settings()
        s = await self.app.push_screen_wait(PastSessionForm(
            channel=settings.quick_channel, minutes=settings.quick_minutes,
            channels=self.channels(), now=self.app.now))
        if s is None:
            return
        s = self._save(s, label="add past session", undoable=True)
        start = datetime.fromisoformat(s.started).astimezone()
        self._say(f"Added {s.channel} {start:%a %d %b %H:%M}, "
                  f"{format_duration(s.planned_minutes)}.")
        # Undoable too: else `u` found the session added changed since, and refused.
        await self._ask_outcome(s, f"{s.channel} at {start:%H:%M} · what came of it?",
                                undoable=True, label="past session's outcome")

    async def _correct_last(self) -> None:
        from tui.ui.screens.past_session_form import PastSessionForm

        old = last_recorded(self.repo.sessions.all())
        if old is None:
            self._say("No finished session to correct yet.")
            return
        minutes = focus_time.whole_minutes(old.elapsed(self.app.now()))
        fixed = await self.app.push_screen_wait(PastSessionForm(
            channel=old.channel, minutes=minutes, channels=self.channels(), now=self.app.now,
            correcting=old))
        if fixed is None:
            return
        self._save(fixed, label="correct session", undoable=True)
        length = focus_time.whole_minutes(fixed.elapsed(self.app.now()))
        start = datetime.fromisoformat(fixed.started).astimezone()
        self._say(f"Corrected: {fixed.channel} from {start:%a %H:%M} for "
                  f"{format_duration(length)}.")

    async def _idle_check(self) -> bool:
        """The forgotten-timer question. True when the key may go on (no question, or keep)."""
        from tui.ui.screens.choice import ChoiceScreen

        s = self.session()
        settings = self.repo.settings()
        tail = focus_time.idle_tail(s, self.app.now(), settings) if s else None
        if tail is None:
            return True
        since = focus_time.last_activity(s).astimezone()
        answer = await self.app.push_screen_wait(ChoiceScreen(
            f"{s.channel} has run {format_duration(int(tail.total_seconds()) // 60)} with no "
            f"key pressed (since {since:%H:%M}). Was the timer forgotten?", IDLE_CHOICES))
        s = self.repo.sessions.get(s.id) or s
        if answer == "k":
            self._save(focus.touch(s, self.app.now()))
            return True
        if answer == "t":
            trimmed = self._save(focus.trim_idle(s, self.app.now(), settings))
            self._forget(s.id)
            self._say(f"Trimmed: {s.channel} stopped at {since:%H:%M}.")
            await self._ask_outcome(trimmed, f"{s.channel} until {since:%H:%M} · what came of it?")
        elif answer == "d":
            self.app.apply(discard_session(s))
            self._forget(s.id)
            self.update_views()
        return False
