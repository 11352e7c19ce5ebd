"""The plan in the demo data set: recurring and one-off blocks, their marks, weekly
goals, focus sessions on the blocks worked, and daily reviews.

`marks` must run before `sessions`: the sessions are drawn from the blocks it marked
done or partly.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, tzinfo

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact
from tui.model.plan import DailyReview, WeekGoals
from tui.model.recurrence import build_rrule, occurrences
from tui.model.sessions import FocusSession
from tui.store import demo_names as N
from tui.store.demo_run import DemoRun


class DemoPlan(DemoRun):
    def __init__(self, seed: int, today: date, zone: tzinfo):
        super().__init__(seed, today, zone)
        self.monday = today - timedelta(days=today.weekday())
        self.channels = [list(N.BLOCK_ACTIVITIES), [w for w, _ in N.BLOCK_ACTIVITIES.values()]]
        self.past: list[tuple[date, Block]] = []  # occurrences before today
        self.state: dict[tuple[int, date], str] = {}  # their marks

    def first_week(self, weeks: int) -> date:
        return self.monday - timedelta(weeks=weeks - 1)

    def series(self, weeks: int) -> list[Block]:
        """Three recurring series begun in the first week, each stored once with its rule."""
        if not weeks:
            return []
        first = self.first_week(weeks)
        out = []  # the Research one (index 1) has its first Monday moved, see one_offs
        for channel, activity, target, days, start, minutes, interval, skip in N.SERIES:
            skipped = [] if weeks < 2 or skip is None else [
                (first + timedelta(days=skip)).isoformat()]
            out.append(Block(channel=channel, activity=activity, target=target, start=start,
                             day=(first + timedelta(days=days[0])).isoformat(), minutes=minutes,
                             rrule=build_rrule(list(days), interval=interval), exdates=skipped))
        return out

    def occurrences(self, block: Block, until: date) -> list[date]:
        skip = [date.fromisoformat(d) for d in block.exdates]
        return occurrences(block.first_day, block.rrule, block.first_day, until, skip)

    def one_offs(self, weeks: int, series: list[Block]) -> list[Block]:
        """10–14 blocks a week, 08:30–17:00 on the quarter hour, not overlapping."""
        r = self.rng("blocks")
        out: list[Block] = []
        busy: dict[date, list[tuple[int, int]]] = {}
        for s in series:
            for day in self.occurrences(s, self.monday + timedelta(days=6)):
                m = s.start_time.hour * 60 + s.start_time.minute
                busy.setdefault(day, []).append((m, m + s.minutes))
        if weeks > 1:  # the first Monday's research was moved; the series keeps its rule
            moved = series[1]
            out.append(Block(channel="Research", activity=moved.activity, target=moved.target,
                             day=moved.day, start="15:30", minutes=60, series_id=moved.id,
                             notes="Moved: the call before ran long"))
            busy.setdefault(moved.first_day, []).append((930, 990))
        for w in range(weeks):
            week = self.first_week(weeks) + timedelta(weeks=w)
            planned = []
            for _ in range(r.randint(10, 14)):
                day = week + timedelta(days=5 if r.random() < .04 else r.randint(0, 4))
                for _try in range(30):
                    start = 510 + 15 * r.randint(0, 34)
                    minutes = r.choice((30, 45, 45, 60, 60, 60, 75, 90, 90, 120))
                    if all(start + minutes <= a or start >= b for a, b in busy.get(day, [])):
                        break
                busy.setdefault(day, []).append((start, start + minutes))
                channel = r.choices(*self.channels)[0]
                planned.append(Block(
                    channel=channel, activity=r.choice(N.BLOCK_ACTIVITIES[channel][1]),
                    target=r.choice(N.BLOCK_TARGETS), day=day.isoformat(),
                    start=f"{start // 60:02d}:{start % 60:02d}", minutes=minutes,
                    notes=r.choice(N.BLOCK_NOTES)))
            out += sorted(planned, key=lambda b: (b.day, b.start))
        return out

    def marks(self, blocks: list[Block]) -> list[BlockMark]:
        """Done, partly or missed for most occurrences before today; a few left unmarked."""
        r = self.rng("marks")
        self.past = sorted(((d, b) for b in blocks for d in self.occurrences(b, self.today)
                            if d < self.today), key=lambda x: (x[0], x[1].start, x[1].id))
        out = []
        for day, b in self.past:
            state = r.choices(("done", "partly", "missed", ""), (62, 18, 13, 7))[0]
            if state:
                self.state[(b.id, day)] = state
                out.append(BlockMark(block_id=b.id, day=day.isoformat(), state=state))
        return out

    def goals(self, weeks: int) -> list[WeekGoals]:
        r = self.rng("goals")
        out = []
        for w in range(weeks):
            year, num, _ = (self.first_week(weeks) + timedelta(weeks=w)).isocalendar()
            out.append(WeekGoals(
                week=f"{year}-W{num:02d}",
                budgets={c: max(v + r.choice((-30, -15, 0, 0, 0, 15, 30)), 0)
                         for c, v in N.BUDGETS.items()},
                goals={k: max(v + r.choice((-1, 0, 0, 0, 1)) * max(v // 4, 1), 1)
                       for k, v in N.GOALS.items()}))
        return out

    def sessions(self, people: list[Contact]) -> list[FocusSession]:
        """One to three sessions per past weekday, on blocks marked done or partly."""
        r = self.rng("sessions")
        callable_ids = [c.id for c in people if c.stage in N.ADVANCED]
        worked: dict[date, list[Block]] = {}
        for day, b in self.past:
            if self.state.get((b.id, day)) in ("done", "partly"):
                worked.setdefault(day, []).append(b)
        out = []
        for day in sorted({d for d, _ in self.past if d.weekday() < 5} | set(worked)):
            todo = worked.get(day, [])
            picked = r.sample(todo, min(len(todo), r.choice((1, 2, 2, 3))))
            for b in sorted(picked, key=lambda b: b.start):
                share = r.uniform(.85, 1.25) if self.state[(b.id, day)] == "done" \
                    else r.uniform(.35, .7)
                start = self.at(day, b.start_time.hour, b.start_time.minute) + timedelta(
                    minutes=r.randint(-5, 10))
                contact = None
                if callable_ids and b.channel in ("Phone", "Video call") and r.random() < .4:
                    contact = r.choice(callable_ids)
                out.append(self.session(r, b.channel, start, b.minutes,
                                        round(b.minutes * share), b.id, day, contact))
            if not picked or r.random() < .2:  # an unplanned quick session
                start = self.at(day, r.choice((12, 17)), r.choice((15, 30)))
                out.append(self.session(r, "LinkedIn", start, 30, r.randint(15, 45)))
        return out

    def session(self, r: random.Random, channel: str, start: datetime, planned: int,
                active: int, block_id=None, day=None, contact=None) -> FocusSession:
        start = start.astimezone(UTC)
        pauses, paused = [], 0
        if active > 20 and r.random() < .15:
            p0 = start + timedelta(minutes=r.randint(5, active - 10))
            paused = r.randint(3, 20)
            pauses.append([p0.isoformat(), (p0 + timedelta(minutes=paused)).isoformat()])
        end = start + timedelta(minutes=active + paused, seconds=r.randint(0, 59))
        outcome: dict = {}  # nothing came of it
        if r.random() > .25 and channel != "Research":
            reached = r.randint(1, 6)
            outcome = {"contacts": reached, "replies": r.randint(0, reached // 2 + 1),
                       "meetings": int(r.random() < .06), "note": r.choice(N.SESSION_NOTES)}
        mode = r.choices(("countdown", "pomodoro", "count-up"), (6, 2, 2))[0]
        return FocusSession(
            channel=channel, mode=mode if block_id else "count-up", planned_minutes=planned,
            started=start.isoformat(), ended=end.isoformat(), pauses=pauses,
            block_id=block_id, block_day=day.isoformat() if day else None, contact_id=contact,
            last_key=end.isoformat(), outcome=outcome)

    def reviews(self, weeks: int, people: list[Contact]) -> list[DailyReview]:
        """Reviews of about half the past weekdays, always yesterday's (today's top three)."""
        r = self.rng("reviews")
        pool = [c for c in people if c.stage != "target"] or people or [
            Contact(name="Priya Patel", company="Acme Corp", role="Staff Engineer")]
        out = []
        day = self.first_week(weeks) if weeks else self.today
        while day < self.today:
            if day == self.today - timedelta(days=1) or (day.weekday() < 5 and r.random() < .55):
                top3 = [text.format(name=c.name, company=c.company, role=c.role)
                        for text in r.sample(N.REVIEW_TOP3, 3) for c in [r.choice(pool)]]
                out.append(DailyReview(day=day.isoformat(), top3=top3,
                                       note=r.choice(N.REVIEW_NOTES)))
            day += timedelta(days=1)
        return out
