"""Time to content: the first frame shows the data, not a placeholder.

The file is read whole before the app starts (quick when the open cache knows
it: tests/store/test_open_cache.py), so the contact list and the review's
figures are in the first frame, and keys typed at once go where they belong.
"""

from __future__ import annotations

import orjson
import pytest

from tests.conftest import TODAY
from tests.screen import screen_text
from tests.ui.input_helpers import burst
from tui.store import Repository
from tui.store.demo import write_demo


@pytest.fixture
def demo_file(db_path):
    repo = Repository.open(db_path, today=TODAY)
    write_demo(repo, contacts=50, weeks=2, seed=5, today=TODAY)
    repo.contact_index.entries()  # (kept in the open cache, as a run of the app keeps it)
    repo.close()
    return db_path


def _names(path) -> list[str]:
    return sorted(c["name"] for c in orjson.loads(path.read_bytes())["contacts"].values())


@pytest.mark.parametrize("cached", [False, True], ids=["first open", "open cache"])
async def test_the_first_frame_lists_the_contacts(demo_file, make_app, cached):
    if not cached:
        from tui.store import open_cache

        open_cache.forget(demo_file)
    repo = Repository.open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)):
        text = screen_text(app)  # the first frame: no pause, no key
        assert "contacts ·" in text and "Loading" not in text
        assert sum(name in text for name in _names(demo_file)) >= 5
    repo.close()


async def test_the_review_shows_its_figures_in_the_first_frame(demo_file, make_app):
    repo = Repository.open(demo_file, today=TODAY)
    app = make_app(repo, start="review")
    async with app.run_test(size=(120, 40)):
        text = screen_text(app)
        assert "Time spent against plan" in text and "Follow-ups:" in text
        assert "Reading the data file" not in text
    repo.close()


async def test_keys_typed_as_the_app_opens_go_where_they_belong(demo_file, make_app):
    name = _names(demo_file)[7]
    repo = Repository.open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "2", "slash", *name, "enter")  # typed before anything was handled
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#contact-search").value == name
        text = screen_text(app)
        assert name in text and "of 50" in text  # the search ran over every contact
        assert "New contact" not in text  # no letter of the name reached a pane's keys
    repo.close()


async def test_the_open_cache_follows_edits_while_the_app_runs(demo_file, make_app):
    """Kept by the disk watch's look (every 2 s), so that a run killed after an edit
    (a closed terminal) still leaves the next start quick."""
    from tui.store import open_cache

    repo = Repository.open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", ">")  # a stage change, saved at once
        await app.workers.wait_for_complete()
        assert open_cache.read(demo_file, demo_file.read_bytes()) is None  # behind the file
        app.disk_watch.look()  # as its timer does
        await app.workers.wait_for_complete()
        kept = open_cache.read(demo_file, demo_file.read_bytes())
        assert kept is not None and kept.entries() is not None
        # What the next run will list is what this one lists after the edit.
        columns = kept.entries()
        assert [columns["stage_names"][c] for c in columns["stage"]] == \
            [e.stage for e in repo.contact_index.entries()]
    repo.close()


async def test_the_first_frames_rows_are_the_list_and_the_cursor_stays_when_it_is_built(
        demo_file, make_app):
    """The first rows come from the open cache's columns; the list is built right
    after the first frame, under a cursor already moved."""
    repo = Repository.open(demo_file, today=TODAY)
    expected = [e.key for e in repo.contact_index.sorted_by("due")]
    repo.close()
    repo = Repository.open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one("#contacts-pane")
        assert pane.entries is None  # the first frame: not built
        assert [row.key for row in pane.table.rows] == expected
        first = screen_text(app)
        burst(app, "2", "j", "j", "j")
        await pilot.pause()
        await pilot.pause()
        assert pane.entries is not None
        assert pane.table.selected_key == expected[3]
        assert "50 contacts ·" in first and "50 contacts ·" in screen_text(app)
    repo.close()


@pytest.mark.parametrize("size, rows", [((120, 40), 16), ((80, 24), 12)])
async def test_the_first_frame_has_the_bottom_row_its_terminal_gets(
        demo_file, make_app, monkeypatch, size, rows):
    """Set at the first resize, a tall terminal's taller bottom row came in a
    second layout: the panes moved, the whole screen painted again ~20 ms after
    the first frame. The panes are laid out once, at their height."""
    from tui.ui.widgets.contacts_pane import ContactsPane

    heights = []
    real = ContactsPane.on_resize

    def on_resize(self):
        heights.append(self.outer_size.height)
        real(self)

    monkeypatch.setattr(ContactsPane, "on_resize", on_resize)
    repo = Repository.open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert heights == [rows]
        assert app.screen.query_one("#focus-pane").outer_size.height == rows
    repo.close()


async def test_the_first_frame_builds_no_hidden_search_box_or_detail(demo_file, make_app):
    # Each is a few million instructions of the first frame where it would not show.
    repo = Repository.open(demo_file, today=TODAY)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one("#contacts-pane")
        assert not pane.query("#contact-search") and not pane.query("#contact-detail")
        await pilot.press("2", "z")  # zoomed, the pane is wide enough for the detail
        await pilot.pause()
        assert pane.query_one("#contact-detail").display
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is pane.query_one("#contact-search")
    repo.close()
