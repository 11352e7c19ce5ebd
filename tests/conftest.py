"""Shared fixtures. Every test gets its own data file and its own home folder."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

# One fixed zone for every test, so rendered times do not depend on the machine.
os.environ["TZ"] = "Europe/Paris"
time.tzset()

# Thursday 26 November 2026, 09:30 in Paris.
NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory):
    """Never touch the real home folder: user data, config, cache and state point
    into a temp folder. (A patch of its own: a test's `monkeypatch.undo()` must not
    undo it, or a repository closed after it writes its cache in the real home.)"""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
        patch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        patch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
        patch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
        patch.delenv("PRIZE_DB", raising=False)
        yield home
    # A test that changed TZ had it put back by its monkeypatch (torn down before
    # this), but a C library call made meanwhile (mktime, through icalendar or
    # dateutil) may have taken the other zone: later tests in this worker would
    # render New York's clock against Paris's snapshots.
    time.tzset()


class FakeClock:
    """A clock the test moves by hand: no real waiting, no sleeps."""

    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "prize.json"


@pytest.fixture
def repo(db_path: Path) -> Iterator:
    from tui.store import Repository

    repository = Repository.open(db_path, today=TODAY)
    yield repository
    repository.close()


@pytest.fixture
def demo_repo(db_path: Path) -> Iterator:
    """A repository filled with the deterministic demo data set (small)."""
    from tui.store import Repository
    from tui.store.demo import write_demo

    repository = Repository.open(db_path, today=TODAY)
    write_demo(repository, contacts=60, weeks=3, seed=7, today=TODAY)
    repository.flush()
    yield repository
    repository.close()


@pytest.fixture
def make_app(clock: FakeClock):
    from tui.ui.app import PrizeApp

    def build(repository, start: str = "main", theme: str | None = None,
              welcome: bool = False) -> PrizeApp:
        # (No welcome unless a test asks: most start from an empty file.)
        return PrizeApp(repository, start=start, theme_name=theme, clock=clock,
                        welcome=welcome)

    return build
