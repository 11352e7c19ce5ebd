"""Key press to screen and peak memory, in a real terminal (tmux), against a minimal app.

A key is sent with `tmux send-keys`; the clock stops when capture-pane shows
a screen different from the one before the key. Each capture takes ~3 ms, so
that figure moves in steps of about that: a program that answers in 1.5 ms
(the minimal app) is sometimes seen at the first capture and sometimes at the
second, and its median jumps between ~4 and ~7 ms from run to run. So the
same key is also timed to the program's first output, as tmux receives it
(control mode), which has no such steps: both figures are reported.
"""

from __future__ import annotations

import queue
import statistics
import subprocess
import tempfile
import threading
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

# The same app, whose key also writes a new page of 20 lines of 110 columns:
# the reference for a key that redraws a whole pane (the week), which makes
# the terminal take in ~4 KB where the one-line key writes ~170 bytes.
MINIMAL_PAGE_APP = '''
from textual.app import App
from textual.widgets import Footer, Header, Static
WORDS = "Meeting Engage LinkedIn Message targets Research video phone Email".split()
def page(n):
    lines = (" ".join(WORDS[(i * 7 + j + n) % len(WORDS)] for j in range(16))
             for i in range(20))
    return "\\n".join(line[:110] for line in lines)
class Minimal(App):
    BINDINGS = [("x", "bump", "Bump")]
    n = 0
    def compose(self):
        yield Header()
        yield Static("MINIMAL-READY 0", id="n")
        yield Static(page(0), id="page")
        yield Footer()
    def action_bump(self):
        self.n += 1
        self.query_one("#n").update(f"MINIMAL-READY {self.n}")
        self.query_one("#page").update(page(self.n))
Minimal().run()
'''


def _capture(session: str) -> str:
    return subprocess.run([*TMUX, "capture-pane", "-p", "-e", "-t", session],
                          capture_output=True, text=True).stdout


class OutputWatch:
    """When the program in a tmux session writes to its terminal, to the
    microsecond: a tmux control-mode client is told of every write."""

    def __init__(self, session: str):
        self._proc = subprocess.Popen([*TMUX, "-C", "attach-session", "-t", session],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL)
        self._writes: queue.Queue[float] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self._proc.stdout:  # type: ignore[union-attr]
            if line.startswith(b"%output"):
                self._writes.put(time.perf_counter())

    def first_after(self, start: float) -> float | None:
        """Milliseconds from `start` to the first write after it (None: none yet)."""
        while True:
            try:
                at = self._writes.get_nowait()
            except queue.Empty:
                return None
            if at >= start:
                return (at - start) * 1000

    def close(self) -> None:
        self._proc.stdin.close()  # type: ignore[union-attr]
        self._proc.terminate()
        self._proc.wait()


def _key_ms(session: str, key: str, watch: OutputWatch | None = None,
            outputs: list | None = None, timeout: float = 5.0) -> float:
    """Key to a changed screen (capture-pane); with `watch`, key to first output
    is added to `outputs`."""
    before = _capture(session)
    if watch is not None:
        watch.first_after(time.perf_counter())  # (what the last key wrote)
    start = time.perf_counter()
    subprocess.run([*TMUX, "send-keys", "-t", session, key], check=True)
    while time.perf_counter() - start < timeout:
        if (now := _capture(session)) != before:
            elapsed = (time.perf_counter() - start) * 1000
            if watch is not None and outputs is not None:
                written = watch.first_after(start)
                if written is not None:
                    outputs.append(written)
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


# One round: each key both ways, with the minimal apps' keys among them, so
# that every figure is taken under the same load as its reference (taken
# seconds apart, a ratio moved by up to ±0.4 from one run to the next).
ROUND = (("minimal", "x", "minimal"), ("prize", "l", "day_cursor"),
         ("prize", "h", "day_cursor"), ("minimal", "x", "minimal"),
         ("prize", "2", "pane"), ("prize", "1", "pane"),
         ("page", "x", "minimal_page"), ("prize", "]", "week"),
         ("page", "x", "minimal_page"), ("prize", "[", "week"))


def _rounds(sessions: dict[str, str], rounds: int) -> dict[str, tuple[float, float]]:
    """Medians of key to screen (capture-pane) and key to first output (control
    mode) per kind of key, in two passes: a control client attached changes how
    soon tmux shows the output, so the first figure is taken without one."""
    screens: dict[str, list[float]] = {}
    outputs: dict[str, list[float]] = {}
    for _ in range(rounds):
        for app, key, name in ROUND:
            screens.setdefault(name, []).append(_key_ms(sessions[app], key))
    watches = {app: OutputWatch(session) for app, session in sessions.items()}
    try:
        for _ in range(rounds):
            for app, key, name in ROUND:
                _key_ms(sessions[app], key, watch=watches[app],
                        outputs=outputs.setdefault(name, []))
    finally:
        for watch in watches.values():
            watch.close()
    return {name: (_median(screens[name]),
                   _median(outputs[name]) if outputs.get(name) else float("nan"))
            for name in screens}


def bench_keys(data_file: Path, presses: int = 32) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="prize-bench-"))
    (folder / "minimal.py").write_text(MINIMAL_APP)
    (folder / "minimal_page.py").write_text(MINIMAL_PAGE_APP)
    py = python_as_installed()
    sessions: dict[str, str] = {}
    results: dict = {}
    try:
        sessions["minimal"] = _session(f"{py} {folder / 'minimal.py'}", "MINIMAL-READY")
        sessions["page"] = _session(f"{py} {folder / 'minimal_page.py'}", "MINIMAL-READY")
        sessions["prize"] = _session(f"{py} -m tui --db {data_file}", "contacts ·")
        for name, (screen, output) in _rounds(sessions, presses // 2).items():
            results[f"{name}_key_ms"], results[f"{name}_output_ms"] = screen, output
        results["minimal_peak_mib"] = _peak_rss_mib(sessions["minimal"])
        prize = sessions["prize"]
        _key_ms(prize, "2")
        results["list_move_ms"] = _median([_key_ms(prize, "j") for _ in range(presses)])
        _key_ms(prize, "/")
        search = [_key_ms(prize, ch) for ch in "anna lee"[:presses]]
        results["search_key_ms"] = _median(search)
        results["prize_peak_mib"] = _peak_rss_mib(prize)
    finally:
        for session in sessions.values():
            subprocess.run([*TMUX, "kill-session", "-t", session])
    base, first = results["minimal_key_ms"], results["minimal_output_ms"]
    keys = ("day_cursor", "pane", "week")
    results["ratios"] = {
        **{f"{k}_key": round(results[f"{k}_key_ms"] / base, 2) for k in keys},
        **{f"{k}_output": round(results[f"{k}_output_ms"] / first, 2) for k in keys},
        "week_key_vs_page": round(results["week_key_ms"] / results["minimal_page_key_ms"], 2),
        "week_output_vs_page": round(
            results["week_output_ms"] / results["minimal_page_output_ms"], 2),
        "memory": round(results["prize_peak_mib"] / results["minimal_peak_mib"], 2),
    }
    return results


__all__ = ["bench_keys", "time_to_text"]
