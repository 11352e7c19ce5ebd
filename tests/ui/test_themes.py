"""Themes: shipped files load, user files are added, broken ones are reported, choice persists."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tui.store import Repository
from tui.store.paths import user_themes_dir
from tui.ui.themes import load_theme_file, prize_themes, shipped_themes_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ["prize-calm", "prize-contrast", "prize-daylight"]


def test_each_shipped_theme_loads_with_prize_variables():
    themes, problems = prize_themes()
    assert problems == []
    names = {t.name: t for t, origin in themes if origin == "shipped"}
    assert sorted(names) == SHIPPED
    for theme in names.values():
        assert {"overdue", "due-today", "over-budget", "stage-met"} <= set(theme.variables)


@pytest.mark.parametrize("theme", SHIPPED)
def test_snapshot_in_each_theme(snap_compare, demo_repo, make_app, theme):
    assert snap_compare(make_app(demo_repo, theme=theme), terminal_size=(80, 24))


async def test_broken_user_theme_gives_a_notice_and_the_default(repo, make_app):
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "not-a-colour"\n')
    (folder / "good.toml").write_text('name = "good"\nprimary = "#336699"\n')
    repo.save_settings(repo.settings().replace(theme="mine"))
    app = make_app(repo)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "prize-calm"
        assert "good" in app.available_themes
    _, problems = prize_themes()
    assert [str(p.path.name) for p in problems] == ["mine.toml"]
    assert "primary = 'not-a-colour' is not a colour" in str(problems[0])


def test_invalid_toml_is_reported(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("name = \n")
    with pytest.raises(ValueError, match="not valid TOML"):
        load_theme_file(bad)


async def test_chosen_theme_survives_a_restart(db_path, make_app):
    repo = Repository.open(db_path)
    app = make_app(repo)
    async with app.run_test() as pilot:
        await pilot.pause()  # (the themes not shown are read after the first frame)
        app.theme = "prize-contrast"
        await pilot.pause()
        await app.workers.wait_for_complete()
    repo.close()
    repo = Repository.open(db_path)
    app = make_app(repo)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "prize-contrast"
    repo.close()


async def test_theme_flag_overrides_for_one_run_only(repo, make_app):
    repo.save_settings(repo.settings().replace(theme="prize-daylight"))
    app = make_app(repo, theme="prize-contrast")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "prize-contrast"
    assert repo.settings().theme == "prize-daylight"


def test_installed_wheel_ships_the_themes(tmp_path):
    """A real wheel (not the editable install) carries themes/ inside the package."""
    out = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300, env=dict(os.environ, PIP_NO_INDEX="1"),
    )
    assert build.returncode == 0, build.stderr
    [wheel] = out.glob("prize-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for theme in SHIPPED:
        assert f"tui/_shipped_themes/{theme}.toml" in names
    # Installed from the wheel into a folder, the package finds them there.
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = "from tui.ui.themes import shipped_themes_dir; print(shipped_themes_dir())"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(target)), cwd=tmp_path)
    assert found.stdout.strip() == str(target / "tui" / "_shipped_themes")
    assert shipped_themes_dir() == ROOT / "themes"


async def test_the_start_reads_its_own_theme_and_the_others_after_the_first_frame(
        repo, make_app, monkeypatch):
    from tui.ui import themes

    read = []
    real = themes.load_theme_file
    monkeypatch.setattr(themes, "load_theme_file",
                        lambda path: read.append(path.name) or real(path))
    app = make_app(repo)
    assert read == ["prize-calm.toml"] and app.theme == "prize-calm"
    async with app.run_test() as pilot:
        await pilot.pause()
        assert {"prize-calm", "prize-contrast", "prize-daylight"} <= set(app.available_themes)
    assert sorted(read) == sorted(["prize-calm.toml", *(f"{t}.toml" for t in SHIPPED)])


async def test_a_light_theme_started_with_is_whole_from_the_first_frame(repo, make_app):
    """The start's theme is set before the first frame without Textual's re-parse
    (PrizeApp._start_with_theme): its classes and colours are all there, and a
    theme chosen later still changes them."""
    from textual.color import Color

    app = make_app(repo, theme="prize-daylight")
    async with app.run_test() as pilot:
        await pilot.pause()
        theme = app.current_theme
        assert (theme.name, theme.dark) == ("prize-daylight", False)
        assert app.has_class("-light-mode", "-theme-prize-daylight")
        assert not app.has_class("-dark-mode")
        assert app.screen.styles.background == Color.parse(theme.background)
        app.theme = "prize-contrast"
        await pilot.pause()
        assert app.has_class("-dark-mode", "-theme-prize-contrast")
        assert not app.has_class("-light-mode") and not app.has_class("-theme-prize-daylight")
        assert app.screen.styles.background == Color.parse(app.current_theme.background)
