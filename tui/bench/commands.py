"""Wall time of the commands a status bar or a script runs: `prize status`, `prize report`,
`prize trends`."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

from tui.bench.paint import python_as_installed


def _wall_ms(command: list[str], runs: int) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        samples.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(samples))


def bench_commands(data_file: Path, runs: int = 7) -> dict:
    py = python_as_installed().split()[-1]
    return {
        "python -c pass": _wall_ms([py, "-c", "pass"], runs),
        "prize status": _wall_ms([py, "-m", "tui", "status", "--db", str(data_file)], runs),
        "prize report": _wall_ms([py, "-m", "tui", "report", "--db", str(data_file)], runs),
        "prize report --format json": _wall_ms(
            [py, "-m", "tui", "report", "--format", "json", "--db", str(data_file)], runs),
        "prize trends": _wall_ms([py, "-m", "tui", "trends", "--db", str(data_file)], runs),
    }
