"""Snapshots of the Trends screen at 80x24 and 120x40 on the demo data (fixed clock
and seed), once its figures are worked out."""

from __future__ import annotations

import pytest

SIZES = [(80, 24), (120, 40)]


async def _open_trends(pilot) -> None:
    await pilot.press("g")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_trends(snap_compare, demo_repo, make_app, size):
    assert snap_compare(make_app(demo_repo), terminal_size=size, run_before=_open_trends)
