"""What every part of one demo run shares: the seed, today, the zone of wall-clock
times, and one seeded random stream per part.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, tzinfo


class DemoRun:
    def __init__(self, seed: int, today: date, zone: tzinfo):
        self.seed, self.today, self.tz = seed, today, zone

    def rng(self, part: str) -> random.Random:
        # One stream per part: changing the contact count leaves the plan unchanged.
        return random.Random(f"{self.seed}:{part}")

    def at(self, day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz)
