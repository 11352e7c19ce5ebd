"""Time to first paint, measured end to end in a real terminal (tmux), against a minimal app.

The program is started in a fresh tmux window; the clock stops when a known
text is on the screen (polled with capture-pane every 5 ms).
"""

from __future__ import annotations

import os
import shlex
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


# A private tmux server, so the benchmark neither sees nor disturbs the user's sessions.
TMUX = ["tmux", "-L", "prize-bench"]


def _tmux(*args: str) -> str:
    return subprocess.run([*TMUX, *args], capture_output=True, text=True).stdout


def start_in_tmux(session: str, command: str, size=(120, 40)) -> float:
    """A new detached session running `command`; the perf_counter it started at.

    Retried, as a server that is just exiting (its last session was killed)
    refuses new sessions.
    """
    for _attempt in range(20):
        start = time.perf_counter()
        done = subprocess.run([*TMUX, "new-session", "-d", "-s", session, "-x", str(size[0]),
                               "-y", str(size[1]), command], capture_output=True)
        if done.returncode == 0:
            return start
        time.sleep(0.05)
    raise RuntimeError(f"tmux could not start: {done.stderr.decode().strip()}")


def time_to_text(command: str, marker: str, size=(120, 40), timeout: float = 20.0) -> float:
    session = f"bench{time.monotonic_ns()}"
    start = start_in_tmux(session, command, size)
    try:
        while time.perf_counter() - start < timeout:
            if marker in _tmux("capture-pane", "-p", "-t", session):
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(f"{marker!r} not on screen after {timeout}s: {command}")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def python_as_installed() -> str:
    """The interpreter as an installed Prize runs: with its bytecode compiled.

    pip compiles a wheel's modules at install time; an editable install under
    PYTHONDONTWRITEBYTECODE would recompile every module on every start (~50 ms),
    which no user sees. Textual's own modules are compiled already.
    """
    import compileall

    import tui

    package = Path(tui.__file__).parent
    compileall.compile_dir(package, quiet=1)
    # The package measured is the one imported here: a tmux server started
    # earlier from another checkout would otherwise pass on its PYTHONPATH.
    cache = os.environ.get("XDG_CACHE_HOME", "")
    state = os.environ.get("XDG_STATE_HOME", "")
    return (f"env -u PYTHONDONTWRITEBYTECODE PYTHONPATH={shlex.quote(str(package.parent))} "
            f"XDG_CACHE_HOME={shlex.quote(cache)} XDG_STATE_HOME={shlex.quote(state)} "
            f"{sys.executable}")


def bench_paint(data_file: Path, runs: int = 7) -> dict:
    if not shutil.which("tmux"):
        return {"error": "tmux is not installed"}
    minimal = Path(tempfile.mkdtemp(prefix="prize-bench-")) / "minimal.py"
    minimal.write_text(MINIMAL_APP)
    py = python_as_installed()
    prize = f"{py} -m tui --db {data_file}"
    # The first open after another machine's copy came in: no open cache fits it.
    # (A copy of the file, whose cache is removed before each run: the one measured
    # warm keeps its own.)
    from tui.store.open_cache import cache_path

    cold_file = data_file.with_name("cold-copy.json")
    shutil.copyfile(data_file, cold_file)
    cold_prize = f"{py} -m tui --db {cold_file}"
    cold = f"sh -c {shlex.quote(f'rm -f {cache_path(cold_file)}; exec {cold_prize}')}"
    cases = {
        "minimal": (f"{py} {minimal}", "MINIMAL-READY"),
        # First frame: the week, the clock, the top bar (and, read before it, the rest).
        "prize": (prize, "1 Strategy"),
        "prize, contacts listed": (prize, "contacts ·"),
        "prize, contacts listed, no open cache": (cold, "contacts ·"),
        "prize review": (f"{py} -m tui review --db {data_file}", "Today's blocks"),
        "prize review, figures shown": (f"{py} -m tui review --db {data_file}",
                                        "Time spent against plan"),
        "prize timer": (f"{py} -m tui timer --db {data_file}", "Prize · focus"),
    }
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):  # interleaved, so a busy moment does not hit one case only
        for name, (command, marker) in cases.items():
            samples[name].append(time_to_text(command, marker))
    results: dict = {name: round(statistics.median(s) * 1000) for name, s in samples.items()}
    base = results["minimal"]
    results["ratios"] = {k: round(v / base, 2) for k, v in results.items() if k != "minimal"}
    return results
