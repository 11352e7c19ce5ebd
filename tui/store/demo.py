"""A realistic, deterministic sample data set for `prize demo` and for benchmarks.

Same seed, `today` and time zone give the same file, byte for byte: all data comes
from seeded `random.Random` streams and from `today`, never from the clock.
Bulk inserts go through `add_many`: 10,000 contacts and 52 weeks take well under a second.
"""

from __future__ import annotations

import functools
import random
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil import tz as dtz

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact, Interaction, Meeting, Stage
from tui.model.plan import DailyReview, Settings, WeekGoals
from tui.model.recurrence import build_rrule, occurrences
from tui.model.sessions import FocusSession
from tui.store import demo_names as N
from tui.store.repository import Repository


def write_demo(repo: Repository, *, contacts: int = 300, weeks: int = 8, seed: int = 7,
               today: date | None = None, tz: tzinfo | None = None) -> dict[str, int]:
    """Fill an empty repository with sample data, flush it, return the count per table.

    The plan covers `weeks` weeks ending with the week of `today`; contacts and their
    history span the year before `today`. `tz` is the zone of wall-clock times
    (blocks, meetings, interactions); default the local zone. Raises ValueError for
    negative sizes or a repository that already holds data.
    """
    if contacts < 0 or weeks < 0:
        raise ValueError("contacts and weeks must be zero or more")
    if len(repo.contacts) or len(repo.blocks) or len(repo.sessions):
        raise ValueError(f"{repo.path} already holds data; the demo needs an empty file")
    g = _Demo(seed, today or date.today(), tz or dtz.tzlocal())
    repo.save_settings(Settings(reminders=list(N.REMINDERS)))
    people = repo.contacts.add_many(g.contacts(contacts))
    touches, meetings = g.history(people)
    repo.interactions.add_many(touches)
    repo.meetings.add_many(meetings)
    series = repo.blocks.add_many(g.series(weeks))
    blocks = series + repo.blocks.add_many(g.one_offs(weeks, series))
    marks = repo.marks.add_many(g.marks(blocks))
    goals = repo.goals.add_many(g.goals(weeks))
    sessions = repo.sessions.add_many(g.sessions(people))
    reviews = repo.reviews.add_many(g.reviews(weeks, people))
    repo.flush()
    return {"settings": 1, "contacts": len(people), "interactions": len(touches),
            "meetings": len(meetings), "blocks": len(blocks), "marks": len(marks),
            "goals": len(goals), "sessions": len(sessions), "reviews": len(reviews)}


@functools.lru_cache(maxsize=4096)
def _slug(text: str) -> str:
    """ASCII words joined by dashes, for URLs and e-mails ("Zoë Ørsted" → zoe-orsted)."""
    text = unicodedata.normalize("NFKD", text.translate(N.TRANSLIT))
    return "-".join("".join(c for c in text if c.isascii() and (c.isalnum() or c in " -"))
                    .lower().split())


class _Demo:
    def __init__(self, seed: int, today: date, zone: tzinfo):
        self.seed, self.today, self.tz = seed, today, zone
        self.monday = today - timedelta(days=today.weekday())
        self.roles = list(zip(*N.ROLES, strict=False))
        self.cities = list(zip(*N.CITIES, strict=False))
        self.channels = [list(N.BLOCK_ACTIVITIES), [w for w, _ in N.BLOCK_ACTIVITIES.values()]]
        self.past: list[tuple[date, Block]] = []  # occurrences before today
        self.state: dict[tuple[int, date], str] = {}  # their marks

    def rng(self, part: str) -> random.Random:
        # One stream per part: changing the contact count leaves the plan unchanged.
        return random.Random(f"{self.seed}:{part}")

    def at(self, day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz)

    def first_week(self, weeks: int) -> date:
        return self.monday - timedelta(weeks=weeks - 1)

    # -- contacts ------------------------------------------------------------

    def contacts(self, n: int) -> list[Contact]:
        r = self.rng("contacts")
        stages = [s for s, share in N.STAGE_SHARES for _ in range(int(share * n))]
        stages += ["target"] * (n - len(stages))
        booked = stages.count("meeting booked")
        if n >= 10 and booked < 2:  # enough for a meeting today and one tomorrow
            stages[:2 - booked] = ["meeting booked"] * (2 - booked)
        r.shuffle(stages)
        literal = {i * max(n // 3, 1) + 1: names for i, names in enumerate(N.LITERAL_NAMES)}
        urls: set[str] = set()
        out = [self.contact(r, stage, literal.get(i), urls) for i, stage in enumerate(stages)]
        pending = [c for c in out if c.next_action and c.stage != "dormant"]
        due = r.sample(pending, min(5, len(pending)))
        for c, days in zip(due, (0, 0, -2, -6, -11), strict=False):
            c.follow_up = (self.today + timedelta(days=days)).isoformat()  # due and overdue
        return out

    def contact(self, r: random.Random, stage: str, literal, urls: set[str]) -> Contact:
        first, last = r.choice(N.FIRST_NAMES), r.choice(N.LAST_NAMES)
        name = f"{first} {last}"
        if literal:
            name, first, last = literal
        company, industry = r.choice(N.COMPANIES)
        advanced = stage in N.ADVANCED
        channel = r.choices(("LinkedIn", "Email", "X/Twitter", "In person", "Facebook"),
                            cum_weights=(75, 85, 92, 97, 100))[0]
        url = ""
        if channel == "LinkedIn" or r.random() < .6:
            while not url or url in urls:
                url = (f"https://www.linkedin.com/in/{_slug(first)}-{_slug(last)}-"
                       f"{r.getrandbits(24):06x}")
            urls.add(url)
        email = ""
        if channel == "Email" or r.random() < (.8 if advanced else .3):
            domain = (r.choice(N.EMAIL_PROVIDERS) if r.random() < .3
                      else _slug(company.split(",")[0]).replace("-", "") + ".com")
            email = f"{_slug(first).replace('-', '')}.{_slug(last).replace('-', '')}@{domain}"
        phone = ""
        if r.random() < (.5 if advanced else .1):
            phone = r.choice(N.PHONE_FORMATS).format(r.randrange(100))
        tags = r.sample(N.TAGS, r.choice((0, 1, 1, 2, 2, 3)))
        if r.random() < .4:
            tags.append(_slug(industry))
        created = self.today - timedelta(
            days=r.randint({"target": 1, "dormant": 210}.get(stage, 45), 365))
        action = ""
        if r.random() < {"target": .5, "dormant": .4}.get(stage, .75):
            action = r.choice(N.NEXT_ACTIONS[stage])
        follow = None
        if action and r.random() < .45:
            days = r.choices((r.randint(-14, -1), 0, r.randint(1, 21)), (2, 1, 7))[0]
            follow = (self.today + timedelta(days=days)).isoformat()
        cadence = None
        if (advanced or stage == "connected") and r.random() < .3:
            cadence = r.choice((14, 21, 30))
        return Contact(
            name=name, company=company, role=r.choices(*self.roles)[0], industry=industry,
            location=r.choices(*self.cities)[0], channel=channel, url=url, email=email,
            phone=phone, tags=tags, stage=Stage(stage).value, next_action=action,
            priority=r.choices((0, 1, 2, 3), (1, 3, 3, 2) if advanced else (3, 4, 2, 1))[0],
            notes=r.choice(N.CONTACT_NOTES) if r.random() < .15 else "",
            source="linkedin" if channel == "LinkedIn" and r.random() < .6 else "manual",
            follow_up=follow, cadence_days=cadence, created=created.isoformat())

    # -- interactions and meetings --------------------------------------------

    def history(self, people: list[Contact]) -> tuple[list[Interaction], list[Meeting]]:
        """Interactions for every contact past "target"; past and upcoming meetings."""
        r = self.rng("history")
        touches: list[Interaction] = []
        meetings: list[Meeting] = []
        for c in people:
            n = r.randint(*N.TOUCHES[c.stage])
            if not n:
                continue
            start = date.fromisoformat(c.created)
            quiet = r.randint(60, 200) if c.stage == "dormant" else r.randint(1, 40)
            span = max((self.today - timedelta(days=quiet) - start).days, 0)
            days = sorted(start + timedelta(days=r.randint(0, span)) for _ in range(n))
            met_at = n - 1 - r.randint(0, 1) if c.stage in ("met", "referral") else -1
            for i, day in enumerate(days):
                if day.weekday() > 4 and r.random() < .7:
                    day = max(day - timedelta(days=day.weekday() - 4), start)
                when = self.at(day, r.randint(8, 18), r.randrange(0, 60, 5))
                channel = c.channel if c.channel in N.CHANNEL_KINDS else "LinkedIn"
                if i and c.stage in N.ADVANCED and r.random() < .35:
                    channel = r.choice(("Email", "Email", "Phone", "Video call"))
                kind = r.choice(N.CHANNEL_KINDS[channel])
                if i == met_at:  # the meeting they had, logged as an interaction too
                    meetings.append(self.meeting(r, c.id, when))
                    channel = N.MEETING_CHANNEL[meetings[-1].kind]
                    kind = N.CHANNEL_KINDS[channel][0]
                touches.append(Interaction(
                    contact_id=c.id, at=when.isoformat(), channel=channel, kind=kind,
                    note=r.choice(N.INTERACTION_NOTES[kind]) if r.random() < .5 else ""))
        booked = [c for c in people if c.stage == "meeting booked"]
        meetings += [self.meeting(r, c.id, self.upcoming(r, k)) for k, c in enumerate(booked)]
        fair = self.at(self.today + timedelta(days=r.randint(3, 10)), 17, 0)
        meetings.append(Meeting(contact_id=None, at=fair.isoformat(), minutes=120,
                                kind="in person", note="Tech job fair: bring printed CVs",
                                place="Alte Münze, Molkenmarkt 2, Berlin"))
        return touches, meetings

    def upcoming(self, r: random.Random, k: int) -> datetime:
        """Booked meetings: today, tomorrow, later this week, then the next two weeks."""
        if k < 3:
            later = 2 if self.today.weekday() <= 2 else 0  # a weekday still in this week
            return self.at(self.today + timedelta(days=(0, 1, later)[k]), (16, 10, 11)[k], 30)
        day = self.today + timedelta(days=r.randint(1, 14))
        if day.weekday() > 4:
            day += timedelta(days=7 - day.weekday())
        return self.at(day, r.randint(9, 16), r.choice((0, 15, 30, 45)))

    def meeting(self, r: random.Random, contact_id: int, when: datetime) -> Meeting:
        kind = r.choice(("phone", "video", "video", "in person"))
        code = ["".join(r.choices("abcdefghijkmnpqrstuvwxyz", k=k)) for k in (3, 4, 3)]
        place = {"phone": "They call my mobile", "in person": r.choice(N.MEETING_PLACES),
                 "video": r.choice(N.VIDEO_LINKS).format(*code, n=r.randrange(10**9, 10**10))}
        return Meeting(contact_id=contact_id, at=when.isoformat(), kind=kind, place=place[kind],
                       minutes=r.choice((20, 30, 30, 45, 60)), note=r.choice(N.MEETING_NOTES))

    # -- the plan -------------------------------------------------------------

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
