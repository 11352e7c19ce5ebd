"""The person's own outreach templates: `outreach/*.txt` in the config folder
(`prize where` shows it). Read off the key path (a worker calls this)."""

from __future__ import annotations

from pathlib import Path

from tui.model.outreach import OutreachTemplate, template_from_file
from tui.store.paths import config_dir

MOST = 50  # files read at most
FILE_MAX = 16 * 1024


def outreach_dir() -> Path:
    return config_dir() / "outreach"


def load_templates(folder: Path | None = None) -> tuple[list[OutreachTemplate], list[str]]:
    """(templates, problems): each readable UTF-8 `.txt` file, by name; a file that
    cannot be read is named in a problem and left out."""
    folder = folder or outreach_dir()
    found: list[OutreachTemplate] = []
    problems: list[str] = []
    try:
        files = sorted(p for p in folder.glob("*.txt") if p.is_file())[:MOST]
    except OSError:
        return [], []
    for path in files:
        try:
            raw = path.read_bytes()[:FILE_MAX]
            template = template_from_file(path.stem, raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"outreach template {path.name} left out: "
                            f"{getattr(exc, 'strerror', None) or 'not UTF-8 text'}")
            continue
        if template is not None:
            found.append(template)
    return found, problems
