"""Random input ("monkey"): no key, paste or click ends the app with an error.

The app runs on the demo data at 80x24 and at 120x40, and for a fixed time a seeded
`random.Random` sends it keys (one at a time through the pilot, or a few at once as a
fast typist sends them), pastes, and single, double and triple clicks anywhere on the
screen. Forms and dialogs open, fill and close; `q` may leave the app: a clean exit
(return code 0) is not a failure, the app is started again on the same data. An
exception in the app is: Textual re-raises it out of `run_test`, and the test fails
with the seed and the last inputs that led to it.

    PRIZE_MONKEY_SECONDS   time per screen size (default 60)
    PRIZE_MONKEY_SEED      replay a failure: its message names the seed; the same seed
                           sends the same inputs (timing may still differ)

What it found is pinned, the shortest way, in test_crash_regressions.py.
"""

from __future__ import annotations

import os
import random
import time
from collections import deque
from dataclasses import dataclass, field

import pytest
from textual import events

from tests.ui.input_helpers import burst, click
from tui.ui.app import PrizeApp

SIZES = [(80, 24), (120, 40)]


def ids(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


SECONDS = float(os.environ.get("PRIZE_MONKEY_SECONDS", "60"))
HISTORY = 30  # inputs named in a failure

LETTERS = list("abcdefghijklmnopqrstuvwxyz") + ["A", "T", "N", "Q", "Z"]
DIGITS = list("0123456789")
PUNCTUATION = [
    "question_mark", "slash", "left_square_bracket", "right_square_bracket", "minus",
    "plus", "equals_sign", "less_than_sign", "greater_than_sign", "comma", "full_stop",
    "colon", "semicolon", "apostrophe", "quotation_mark", "exclamation_mark", "at",
    "number_sign", "dollar_sign", "percent_sign", "ampersand", "asterisk",
    "left_parenthesis", "right_parenthesis", "underscore", "backslash", "vertical_line",
    "tilde", "grave_accent", "circumflex_accent",
]
NAMED = [
    "tab", "shift+tab", "enter", "escape", "space", "up", "down", "left", "right",
    "pageup", "pagedown", "home", "end", "backspace", "delete", "ctrl+p",
    "ctrl+s", "ctrl+n", "ctrl+a", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+w", "ctrl+z",
    "ctrl+end", "ctrl+home", "shift+up", "shift+down", "ctrl+left", "ctrl+right",
]
LEAVING = ["q", "ctrl+q", "ctrl+c"]  # may end the app (cleanly): then it starts again
# Many of a pane's keys open a form: enter and escape often, so forms also close.
KEYS = LETTERS * 2 + DIGITS + PUNCTUATION + NAMED * 3 + ["enter", "escape"] * 12

PASTES = [
    "", " ", "Ann Lee", "tomorrow 9:00", "2026-11-30", "45", "-1", "0", "99999999",
    "line one\nline two\r\nthree", "\t\ttabs", "[bold]markup[/bold] [link=x]y[/]",
    "\x1b[31mred\x1b[0m", "émoji 👩‍💻 中文 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u200b\u202e\ufeff", "x" * 3000,
    "a,b,c\n1,2,3", "FREQ=WEEKLY;BYDAY=MO", "/tmp/nowhere.csv", "mailto:a@b.c",
]


@dataclass
class Monkey:
    """Random input for one app at a time, and the record of what it sent."""

    rnd: random.Random
    size: tuple[int, int]
    history: deque[str] = field(default_factory=lambda: deque(maxlen=HISTORY))
    sent: int = 0
    restarts: int = 0

    def key(self) -> str:
        roll = self.rnd.random()
        if roll < 0.01:
            return self.rnd.choice(LEAVING)
        return self.rnd.choice(KEYS)

    async def step(self, pilot, app: PrizeApp) -> None:
        rnd = self.rnd
        width, height = self.size
        roll = rnd.random()
        if roll < 0.66:
            key = self.key()
            self.note(f"press {key}")
            await pilot.press(key)
        elif roll < 0.74:
            # A fast typist: posted at once, handled after one another (no wait between).
            keys = [self.key() for _ in range(rnd.randint(2, 6))]
            self.note(f"burst {' '.join(keys)}")
            burst(app, *keys)
            await pilot.pause()
        elif roll < 0.79:
            text = rnd.choice(PASTES)
            self.note(f"paste {text[:40]!r}{'…' if len(text) > 40 else ''}")
            app.post_message(events.Paste(text))  # to the focus, as the driver's paste
            await pilot.pause()
        else:
            times = rnd.choices([1, 2, 3], weights=[6, 3, 1])[0]
            x, y = rnd.randrange(width), rnd.randrange(height)
            self.note(f"click x{times} at {(x, y)}")
            await click(pilot, app, x, y, times)
        self.sent += 1

    def note(self, what: str) -> None:
        self.history.append(what)

    def report(self, seed: int) -> str:
        return (f"seed {seed} (replay: PRIZE_MONKEY_SEED={seed}), {ids(self.size)}, "
                f"{self.sent} inputs, {self.restarts} clean exits; the last "
                f"{len(self.history)} inputs:\n  " + "\n  ".join(self.history))


@pytest.mark.parametrize("size", SIZES, ids=ids)
async def test_no_input_ends_the_app_with_an_error(demo_repo, make_app, size):
    seed = int(os.environ.get("PRIZE_MONKEY_SEED") or random.SystemRandom().randrange(2**32))
    print(f"monkey seed {seed} at {ids(size)}")
    monkey = Monkey(random.Random(seed), size)
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        app = make_app(demo_repo)
        try:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                while time.monotonic() < deadline and app.return_code is None:
                    await monkey.step(pilot, app)
        except Exception as exc:  # the app's own, re-raised by run_test on the way out
            raise AssertionError(f"{exc!r}\n{monkey.report(seed)}") from exc
        if app.return_code is not None:
            assert app.return_code == 0, f"exit code {app.return_code}\n{monkey.report(seed)}"
            monkey.restarts += 1
            monkey.note("(the app exited cleanly: started again)")
    print(monkey.report(seed))
    assert monkey.sent > 0
