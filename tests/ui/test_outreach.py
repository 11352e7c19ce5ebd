"""Outreach from a template: filled for the contact, counted against LinkedIn's
limits, copied and logged as reached out in one key; the person's own templates."""

from __future__ import annotations

import os
from pathlib import Path

from tests.screen import on_disk, screen_text, type_text
from tui.model.contacts import Contact
from tui.model.outreach import count_line, fill, values_for


def test_fill_leaves_what_it_cannot_fill_and_counts_against_the_limits():
    text = fill("Hi {first_name}, {shared}. At {company}? {unknown}",
                values_for("Ann Lee", "Acme", "", ""))
    assert text == "Hi Ann, {shared}. At Acme? {unknown}"
    assert count_line(text).endswith("fill in {shared}, {unknown}")
    assert count_line("x" * 200).startswith("200 characters · fits a free connection note")
    assert "1 over a free note (200); fits Premium (300)" in count_line("x" * 201)
    assert "5 over any connection note (300)" in count_line("x" * 305)


async def test_write_copy_and_log_in_one_key(repo, make_app, db_path):
    repo.contacts.add(Contact(name="Ann Lee", company="Acme", created="2026-11-01"))
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "w")
        await pilot.pause()
        text = screen_text(app)
        assert "Write to Ann Lee · Acme" in text and "fill in {shared}" in text
        await pilot.press("tab")
        await type_text(pilot, "we both studied at Columbia")
        await pilot.pause()
        assert "fits a free connection note (200)" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.clipboard.startswith("Hi Ann, we both studied at Columbia. I'm exploring "
                                        "roles at Acme")
        assert type(app.screen).__name__ == "MainScreen"
    [logged] = on_disk(db_path, "interactions")
    assert logged["kind"] == "message" and logged["note"].startswith("coffee chat: Hi Ann")
    assert logged["at"] == "2026-11-26T09:30:00+01:00"  # now, in the machine's zone
    assert on_disk(db_path, "contacts")[0]["stage"] == "reached out"


async def test_own_templates_from_the_config_folder(repo, make_app, db_path):
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "prize" / "outreach"
    folder.mkdir(parents=True)
    (folder / "alumni_intro.txt").write_text("Hello {first_name} from a fellow alum!\n")
    (folder / "broken.txt").write_bytes(b"\xff\xfe bad")
    repo.contacts.add(Contact(name="Bo Ek", company="Initech", created="2026-11-01"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("2", "w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "★ alumni intro" in screen_text(app)
        assert "outreach template broken.txt left out" in screen_text(app)
        await pilot.press("end")  # the last template: the person's own
        await pilot.pause()
        await pilot.press("ctrl+y")  # copy only: nothing logged
        await pilot.pause()
        assert app.clipboard == "Hello Bo from a fellow alum!"
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert on_disk(db_path, "interactions") == []
