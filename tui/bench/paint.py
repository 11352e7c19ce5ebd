"""Time to first paint, measured end to end in a real terminal (tmux), against a minimal app.

The program is started in a fresh tmux window; the clock stops when a known
text is on the screen (polled with capture-pane every 5 ms).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL_APP = '''
from textual.app import App
from textual.widgets import Footer, Header, Static
class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("MINIMAL-READY")
        yield Footer()
Minimal().run()
'''


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def time_to_text(command: str, marker: str, size=(120, 40), timeout: float = 20.0) -> float:
    session = f"bench{time.monotonic_ns()}"
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(size[0]),
                    "-y", str(size[1]), command], check=True)
    try:
        while time.perf_counter() - start < timeout:
            if marker in _tmux("capture-pane", "-p", "-t", session):
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(f"{marker!r} not on screen after {timeout}s: {command}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def bench_paint(data_file: Path, runs: int = 5) -> dict:
    if not shutil.which("tmux"):
        return {"error": "tmux is not installed"}
    minimal = Path(tempfile.mkdtemp(prefix="prize-bench-")) / "minimal.py"
    minimal.write_text(MINIMAL_APP)
    py = sys.executable
    cases = {
        "minimal": (f"{py} {minimal}", "MINIMAL-READY"),
        "prize": (f"{py} -m tui --db {data_file}", "1 Strategy"),
        "prize, contacts listed": (f"{py} -m tui --db {data_file}", "contacts ·"),
        "prize review": (f"{py} -m tui review --db {data_file}", "Today's blocks"),
        "prize timer": (f"{py} -m tui timer --db {data_file}", "Quit"),
    }
    results: dict = {}
    for name, (command, marker) in cases.items():
        samples = [time_to_text(command, marker) for _ in range(runs)]
        results[name] = round(statistics.median(samples) * 1000)
    base = results["minimal"]
    results["ratios"] = {k: round(v / base, 2) for k, v in results.items() if k != "minimal"}
    return results
