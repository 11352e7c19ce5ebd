"""The edits of the day that are not the plan's or a contact's: a focus session
started, changed or discarded, tomorrow's top three, and the settings."""

from __future__ import annotations

from datetime import date

from tui.model.edit import Edit, added, removed, updated
from tui.model.plan import DailyReview, Settings
from tui.model.sessions import FocusSession


def save_session(before: FocusSession | None, after: FocusSession, label: str = "session") -> Edit:
    """A session added (`before` None) or moved on (paused, extended, stopped…)."""
    if before is None:
        return Edit(label, (added(after),))
    return Edit.of(label, [None if after == before else updated(before, after)])


def discard_session(session: FocusSession) -> Edit:
    return Edit("discard session", (removed(session),),
                f"Discarded the {session.channel} session. u undoes.")


def set_top_three(review: DailyReview | None, day: date, items: list[str]) -> Edit:
    """Tomorrow's top three (`review`: the day's review so far, if any)."""
    if review is None:
        return Edit.of("top three", [added(DailyReview(day=day.isoformat(), top3=items))
                                     if items else None])
    return Edit.of("top three", [None if review.top3 == items
                                 else updated(review, review.replace(top3=items))])


def change_settings(before: Settings, label: str, **changes) -> Edit:
    after = before.replace(id=before.id or 1, **changes)
    return Edit.of(label, [None if after == before else updated(before.replace(id=after.id),
                                                                after)])
