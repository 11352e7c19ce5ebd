"""What the focus clock says on its own: a channel's budget reaching 80% and 100%, the
end of the plan, a session far past its plan, and pomodoro phase changes.

Each is said once per session per run: what was said is kept in memory only, so after
a restart a session already past a threshold says it once more (a useful reminder).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from tui.model import focus_time
from tui.model.budget import budget_state, crossed_thresholds
from tui.model.dates import format_duration
from tui.model.plan import Settings
from tui.model.sessions import FocusSession
from tui.model.status import clock_text


class Usage(NamedTuple):
    """Active minutes on one channel today and this week, and its weekly budget."""

    today: int
    week: int
    budget: int | None


class FocusGuard:
    def __init__(self) -> None:
        self._said: dict[int, set[str]] = {}
        self._week_seen: dict[int, int] = {}
        self._phase_seen: dict[int, tuple[str, int]] = {}

    def forget(self, session_id: int | None) -> None:
        """The session stopped (or was discarded): drop what was said about it."""
        for seen in (self._said, self._week_seen, self._phase_seen):
            seen.pop(session_id, None)

    def check(self, s: FocusSession, now: datetime, settings: Settings, usage: Usage,
              week_before_session: Callable[[], int]) -> list[str]:
        """The notices due at ``now`` for the running session ``s`` (usually none).

        ``usage`` includes ``s``; ``week_before_session`` gives the channel's week minutes
        without it, read on the first check of a run only: a session started on a channel
        already past 80% says so once, at its start.
        """
        said = self._said.setdefault(s.id, set())
        news = self._budget(s, usage, week_before_session, said)
        if s.mode != "count-up" and focus_time.remaining(s, now).total_seconds() <= 0 \
                and "plan" not in said:
            said.add("plan")
            news.append(f"{s.channel}: the {format_duration(s.planned_minutes)} planned are "
                        "up. s stops, + adds five minutes")
        if focus_time.is_far_past_plan(s, now, settings) and "overrun" not in said:
            said.add("overrun")
            news.append(f"{s.channel}: {clock_text(focus_time.overrun(s, now))} past the plan")
        if s.mode == "pomodoro":
            phase = focus_time.pomodoro_phase(s, now, settings)
            seen = self._phase_seen.get(s.id)
            self._phase_seen[s.id] = (phase.kind, phase.index)
            if seen is not None and seen != (phase.kind, phase.index):
                length = int((phase.phase_remaining + phase.phase_elapsed).total_seconds())
                news.append(f"Pomodoro: {phase.kind}, {format_duration(length // 60)}")
        return news

    def _budget(self, s: FocusSession, usage: Usage, week_before_session, said) -> list[str]:
        if s.id in self._week_seen:
            crossed = crossed_thresholds(self._week_seen[s.id], usage.week, usage.budget)
        else:
            before = week_before_session()
            crossed = crossed_thresholds(before, usage.week, usage.budget)
            crossed = [c for c in dict.fromkeys([budget_state(before, usage.budget), *crossed])
                       if c]
        self._week_seen[s.id] = usage.week
        new = [label for label in crossed if label not in said]
        said.update(crossed)
        if not new:
            return []
        # A jump over both thresholds is said once, at the higher one.
        return [f"{s.channel}: {new[-1]} of this week's {format_duration(usage.budget)} "
                "budget used"]
