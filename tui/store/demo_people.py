"""The people in the demo data set: contacts at every stage, their interactions, and
the meetings they had or have booked.
"""

from __future__ import annotations

import functools
import random
import unicodedata
from datetime import date, datetime, timedelta, tzinfo

from tui.model.contacts import Contact, Interaction, Meeting, Stage
from tui.store import demo_names as N
from tui.store.demo_run import DemoRun


@functools.lru_cache(maxsize=4096)
def _slug(text: str) -> str:
    """ASCII words joined by dashes, for URLs and e-mails ("Zoë Ørsted" → zoe-orsted)."""
    text = unicodedata.normalize("NFKD", text.translate(N.TRANSLIT))
    return "-".join("".join(c for c in text if c.isascii() and (c.isalnum() or c in " -"))
                    .lower().split())


class DemoPeople(DemoRun):
    def __init__(self, seed: int, today: date, zone: tzinfo):
        super().__init__(seed, today, zone)
        self.roles = list(zip(*N.ROLES, strict=False))
        self.cities = list(zip(*N.CITIES, strict=False))

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
        return touches, self.booked(meetings)

    def booked(self, meetings: list[Meeting]) -> list[Meeting]:
        """When each meeting was booked: 2 to 14 days before a past one, 1 to 9 days
        ago for one still to come (a stream of its own: the rest of the demo is as it was)."""
        r = self.rng("booked")
        for m in meetings:
            at = datetime.fromisoformat(m.at)
            if at.date() < self.today:
                day = at.date() - timedelta(days=r.randint(2, 14))
            else:
                day = self.today - timedelta(days=r.randint(1, 9))
            m.booked = min(self.at(day, r.randint(8, 18), r.randrange(0, 60, 5)), at).isoformat()
        return meetings

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
