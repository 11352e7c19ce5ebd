"""Key press to screen and peak memory, in a real terminal (tmux), against a minimal app.

A key is sent with `tmux send-keys`; the clock stops when capture-pane shows
a screen different from the one before the key.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tui.bench.paint import TMUX, python_as_installed, start_in_tmux, time_to_text

MINIMAL_APP = '''
from textual.app import App
from textual.widgets import Footer, Header, Static
class Minimal(App):
    BINDINGS = [("x", "bump", "Bump")]
    n = 0
    def compose(self):
        yield Header()
        yield Static("MINIMAL-READY 0", id="n")
        yield Footer()
    def action_bump(self):
        self.n += 1
        self.query_one("#n").update(f"MINIMAL-READY {self.n}")
Minimal().run()
'''


def _capture(session: str) -> str:
    return subprocess.run([*TMUX, "capture-pane", "-p", "-e", "-t", session],
                          capture_output=True, text=True).stdout


def _key_ms(session: str, key: str, timeout: float = 5.0) -> float:
    before = _capture(session)
    start = time.perf_counter()
    subprocess.run([*TMUX, "send-keys", "-t", session, key], check=True)
    while time.perf_counter() - start < timeout:
        if (now := _capture(session)) != before:
            elapsed = (time.perf_counter() - start) * 1000
            _settle(session, now)
            return elapsed
        time.sleep(0.001)
    raise TimeoutError(f"screen did not change after {key!r}")


def _settle(session: str, screen: str, quiet_s: float = 0.05) -> None:
    """Wait until the screen stops changing, so the next key starts from rest."""
    quiet_since = time.perf_counter()
    while time.perf_counter() - quiet_since < quiet_s:
        time.sleep(0.005)
        if (now := _capture(session)) != screen:
            screen, quiet_since = now, time.perf_counter()


def _peak_rss_mib(session: str) -> float:
    pid = subprocess.run([*TMUX, "list-panes", "-t", session, "-F", "#{pane_pid}"],
                         capture_output=True, text=True).stdout.split()[0]
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _session(command: str, marker: str) -> str:
    session = f"keys{time.monotonic_ns()}"
    start_in_tmux(session, f"exec {command}")
    deadline = time.perf_counter() + 20
    while marker not in _capture(session):
        if time.perf_counter() > deadline:
            raise TimeoutError(marker)
        time.sleep(0.01)
    time.sleep(0.5)  # let work scheduled after the first frame finish
    return session


def _median(samples: list[float]) -> float:
    return round(statistics.median(samples), 1)


def bench_keys(data_file: Path, presses: int = 31) -> dict:
    minimal = Path(tempfile.mkdtemp(prefix="prize-bench-")) / "minimal.py"
    minimal.write_text(MINIMAL_APP)
    results: dict = {}
    py = python_as_installed()
    session = _session(f"{py} {minimal}", "MINIMAL-READY")
    try:
        results["minimal_key_ms"] = _median([_key_ms(session, "x") for _ in range(presses)])
        results["minimal_peak_mib"] = _peak_rss_mib(session)
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session])
    session = _session(f"{py} -m tui --db {data_file}", "contacts ·")
    try:
        cursor = [_key_ms(session, k) for k in ["l", "h"] * (presses // 2 + 1)]
        results["day_cursor_key_ms"] = _median(cursor)
        panes = [_key_ms(session, k) for k in ["2", "1"] * (presses // 2 + 1)]
        results["pane_key_ms"] = _median(panes)
        week = [_key_ms(session, k) for k in ["]", "["] * (presses // 2 + 1)]
        results["week_key_ms"] = _median(week)
        _key_ms(session, "2")
        results["list_move_ms"] = _median([_key_ms(session, "j") for _ in range(presses)])
        _key_ms(session, "/")
        search = [_key_ms(session, ch) for ch in "anna lee"[:presses]]
        results["search_key_ms"] = _median(search)
        results["prize_peak_mib"] = _peak_rss_mib(session)
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session])
    base = results["minimal_key_ms"]
    results["ratios"] = {
        "day_cursor_key": round(results["day_cursor_key_ms"] / base, 2),
        "pane_key": round(results["pane_key_ms"] / base, 2),
        "week_key": round(results["week_key_ms"] / base, 2),
        "memory": round(results["prize_peak_mib"] / results["minimal_peak_mib"], 2),
    }
    return results


__all__ = ["bench_keys", "time_to_text"]
