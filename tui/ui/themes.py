"""Themes: Textual's built-ins, the files shipped in themes/, and the user's own.

A theme file is TOML (fields documented in themes/prize-calm.toml). A file
that cannot be read or is invalid is reported, never fatal. The app reads the
theme it starts with first, and every other file after the first frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

import tui
from tui.store.paths import user_themes_dir

DEFAULT_THEME = "prize-calm"
_COLOUR_FIELDS = (
    "primary", "secondary", "accent", "foreground", "background", "surface",
    "panel", "boost", "warning", "error", "success",
)


class ThemeProblem(NamedTuple):
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"theme file {self.path} ignored: {self.reason}"


def shipped_themes_dir() -> Path:
    """themes/ in a source checkout, or its copy inside an installed wheel."""
    package = Path(tui.__file__).parent
    packaged = package / "_shipped_themes"
    return packaged if packaged.is_dir() else package.parent / "themes"


def load_theme_file(path: Path) -> Theme:
    """Parse one theme file; ValueError with a short reason when it is not usable."""
    import tomllib  # (only when there are theme files)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"not valid TOML ({exc})") from None
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("it needs a name = \"...\" line")
    if "primary" not in data:
        raise ValueError("it needs a primary colour")
    colours = {}
    for key in _COLOUR_FIELDS:
        if key in data:
            try:
                Color.parse(data[key])
            except (ColorParseError, TypeError, ValueError):
                raise ValueError(f"{key} = {data[key]!r} is not a colour") from None
            colours[key] = data[key]
    variables = data.get("variables", {})
    if not isinstance(variables, dict) or not all(
        isinstance(v, str) for v in variables.values()
    ):
        raise ValueError("[variables] must map names to colour strings")
    spread = data.get("luminosity_spread", 0.15)
    if not isinstance(spread, int | float):
        raise ValueError("luminosity_spread must be a number")
    return Theme(
        name=name.strip(),
        dark=bool(data.get("dark", True)),
        luminosity_spread=float(spread),
        variables=dict(variables),
        **colours,
    )


def load_theme_folder(folder: Path) -> tuple[list[Theme], list[ThemeProblem]]:
    themes, problems = [], []
    try:
        files = sorted(folder.glob("*.toml"))
    except OSError:
        return themes, problems
    for path in files:
        try:
            themes.append(load_theme_file(path))
        except ValueError as exc:
            problems.append(ThemeProblem(path, str(exc)))
    return themes, problems


def prize_themes() -> tuple[list[tuple[Theme, str]], list[ThemeProblem]]:
    """Shipped then user themes, each with its origin; a user theme may override."""
    shipped, problems = load_theme_folder(shipped_themes_dir())
    user, user_problems = load_theme_folder(user_themes_dir())
    found = [(t, "shipped") for t in shipped] + [(t, "user") for t in user]
    return found, problems + user_problems


def shipped_theme(name: str) -> Theme | None:
    """The shipped theme `name`, read from its own file (`<name>.toml`) alone, when
    the user has no theme files that could override it; else None (read them all).
    Start-up needs only the theme it shows: the others are read after the first
    frame (tomllib and three files, ~5 ms)."""
    try:
        if any(user_themes_dir().glob("*.toml")):
            return None
    except OSError:
        pass
    path = shipped_themes_dir() / f"{name}.toml"
    try:
        theme = load_theme_file(path) if path.is_file() else None
    except ValueError:
        return None  # (reported when all are read)
    return theme if theme is not None and theme.name == name else None


def available_themes() -> list[tuple[str, str]]:
    names = [(name, "built-in") for name in BUILTIN_THEMES]
    found, _ = prize_themes()
    return names + [(theme.name, origin) for theme, origin in found]
