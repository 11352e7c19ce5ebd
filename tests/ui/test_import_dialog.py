"""The import dialog as a user types into it (issue points 7 and 12): `tab` never takes the
focus where the next keys are lost, every key on the dry run acts or says why not, and
the rows imported with a value made safe, or skipped, are listed by line."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.screen import on_disk, screen_text, type_text
from tui.ui.screens.import_screen import ImportScreen, PlanView

FIXTURES = Path(__file__).parents[1] / "store" / "fixtures" / "import"


async def dry_run(pilot, app) -> None:
    """Wait for the dialog's dry run (the pane's own worker waits on the dialog)."""
    await pilot.pause()
    for worker in [w for w in app.workers if w.group == "import-preview"]:
        await worker.wait()
    await pilot.pause()


def field(app, name: str) -> Input:
    return app.screen.query_one(f"#field-{name}", Input)


def keys_line(app) -> str:
    return str(app.screen.query_one("#form-keys").render())


def errors(app) -> dict[str, str]:
    return {e.id.removeprefix("error-"): str(e.render())
            for e in app.screen.query(".error.-shown")}


async def test_tab_then_typing_lands_in_a_field(repo, make_app, monkeypatch):
    """The issue: `tab`, then the path typed, was lost ("↑ the file cannot be empty")."""
    monkeypatch.chdir(FIXTURES)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "i")
        await pilot.pause()
        assert app.focused is field(app, "path")
        await pilot.press("tab")  # from the last field: round to the first, Kind
        assert app.focused is field(app, "kind")
        await type_text(pilot, "linkedin_connections.csv")
        await pilot.pause()
        assert field(app, "kind").value == "linkedin_connections.csv"  # not lost
        await pilot.press("enter", "enter")  # to File, then the dry run: refused, and why
        await dry_run(pilot, app)
        assert errors(app) == {
            "kind": "↑ 'linkedin_connection…' looks like a file: it goes in File, below; "
                    "the kind is linkedin, google or csv",
            "path": "↑ the file cannot be empty",
        }
        assert app.focused is field(app, "kind")
        await pilot.press("ctrl+a", "ctrl+k", *"linkedin", "tab", "tab")  # round again
        assert app.focused is field(app, "kind")
        await pilot.press("shift+tab")
        await type_text(pilot, "linkedin_connections.csv")
        await pilot.press("enter")
        await dry_run(pilot, app)
        assert "Dry run of linkedin_connections.csv: 4 to add" in screen_text(app)
        await pilot.press("escape")
    assert repo.contacts.all() == []


async def test_keys_the_dry_run_has_no_use_for_say_why(repo, make_app, db_path, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "i")
        await type_text(pilot, "linkedin_connections.csv")
        await pilot.press("enter")
        await dry_run(pilot, app)
        assert keys_line(app) == "enter or y imports · shift+tab back to the file · escape cancels"
        await pilot.press("n")  # as if typing on in the file field
        await pilot.pause()
        assert keys_line(app) == ("'n' does nothing here · enter or y imports · shift+tab back "
                                  "to the file · escape cancels")
        assert isinstance(app.screen, ImportScreen) and repo.contacts.all() == []
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert len(on_disk(db_path, "contacts")) == 4

        await pilot.press("i")  # the same file again: nothing to import, and y says so
        await type_text(pilot, "linkedin_connections.csv")
        await pilot.press("enter")
        await dry_run(pilot, app)
        assert "Nothing to import: every contact is already there." in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert keys_line(app) == ("Nothing to import: every contact is already there · "
                                  "escape closes · shift+tab back to pick another file")
        assert isinstance(app.screen, ImportScreen)
        await pilot.press("escape")
    assert len(on_disk(db_path, "contacts")) == 4


async def test_the_dry_run_lists_the_rows_to_check(repo, make_app, db_path, tmp_path):
    source = tmp_path / "people.csv"
    source.write_bytes(b"name,company,stage\nAnn Lee,Acme,met\n"
                       b"Eve\x1b[31m Red,Acme,\n,Beta,\nBo Chen,Initech,hot lead\n")
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "i")
        await pilot.press("shift+tab", *"csv", "tab")  # Kind (its text selected), then File
        await type_text(pilot, str(source))
        await pilot.press("enter")
        await dry_run(pilot, app)
        shown = str(app.screen.query_one(PlanView).render())
        assert "3 to add, 0 to update, 0 already there; rows to check: 1 skipped, 2 changed" \
            in shown
        assert "\nRows to check:\n  line 3: the name cell holds a control character (U+001B)" \
            in shown
        assert "\n  line 4: no name or email; row skipped\n" in shown
        assert "\n  line 5: stage “hot lead” is not one of" in shown
        text = screen_text(app)  # on the terminal, literal
        assert "Rows to check:" in text and "line 3: the name cell" in text
        assert "“Eve\\x1b[31m Red”" in shown and "\\x1b[31m" in text
        assert "\x1b" not in app.export_screenshot()
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
    names = sorted(doc["name"] for doc in on_disk(db_path, "contacts"))
    assert names == ["Ann Lee", "Bo Chen", "Eve\\x1b[31m Red"]
