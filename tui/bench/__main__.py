"""`python -m tui.bench`: print SPEC §6 figures measured on this machine, now."""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    import tempfile

    # Every file the benchmark writes (demo data, minimal apps) goes in one
    # folder, removed at the end: a 30k-contact run writes ~100 MB.
    with tempfile.TemporaryDirectory(prefix="prize-bench-") as root:
        tempfile.tempdir = root
        try:
            return _run(argv)
        finally:
            tempfile.tempdir = None


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.bench", description=__doc__)
    parser.add_argument("what", nargs="*", metavar="store|paint|keys|commands",
                        help="which benchmarks (default: all)")
    parser.add_argument("--contacts", type=int, nargs="+", default=[10_000])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    args.what = args.what or ["store", "paint", "keys", "commands"]
    if unknown := set(args.what) - {"store", "paint", "keys", "commands"}:
        parser.error(f"unknown benchmark: {', '.join(sorted(unknown))}")
    results: dict = {"machine": f"{platform.machine()} {platform.processor()} "
                                f"python {platform.python_version()}", "store": []}
    if "store" in args.what:
        from tui.bench.store import bench_store

        print("One edit durably on disk (median of 30):")
        for n in args.contacts:
            r = bench_store(contacts=n)
            results["store"].append(r)
            print(f"  {n:>6} contacts ({r['file_bytes'] / 1e6:.1f} MB): prize "
                  f"{r['edit_durable_median_ms']} ms (in memory {r['edit_in_memory_median_ms']} ms)"
                  f" · stock JSONStorage {r['stock_jsonstorage_median_ms']} ms"
                  f" · {r['speedup_vs_stock']}× faster · target ≤ {r['target_ms']} ms")
    if "paint" in args.what:
        from tui.bench.paint import bench_paint

        results["paint"] = []
        print("Time to first paint in tmux, median of 7 (ms; ratio to a minimal Textual app):")
        for n in args.contacts:
            data = _demo(n)
            r = bench_paint(data)
            results["paint"].append({"contacts": n, **r})
            print(f"  {n:>6} contacts: minimal {r['minimal']} · " + " · ".join(
                f"{k} {r[k]} ({r['ratios'][k]}×)" for k in r["ratios"]) + " · target ≤ 1.5×")
    if "keys" in args.what:
        from tui.bench.keys import bench_keys

        results["keys"] = []
        print("Key press to screen (median ms) and peak memory (MiB), against a minimal app:")
        for n in args.contacts:
            data = _demo(n)
            r = bench_keys(data)
            results["keys"].append({"contacts": n, **r})
            print(f"  {n:>6} contacts: minimal key {r['minimal_key_ms']} · day cursor h l "
                  f"{r['day_cursor_key_ms']} ({r['ratios']['day_cursor_key']}×) · pane 1 2 "
                  f"{r['pane_key_ms']} ({r['ratios']['pane_key']}×) · week ] [ "
                  f"{r['week_key_ms']} ({r['ratios']['week_key']}×) (target ≤ 1.3×) · "
                  f"list j {r['list_move_ms']} · search {r['search_key_ms']} (target ≤ 50) · "
                  f"memory {r['prize_peak_mib']} vs {r['minimal_peak_mib']} "
                  f"({r['ratios']['memory']}×, target ≤ 2×)")
    if "commands" in args.what:
        from tui.bench.commands import bench_commands

        results["commands"] = []
        print("Commands, wall time (median ms):")
        for n in args.contacts:
            data = _demo(n)
            r = bench_commands(data)
            results["commands"].append({"contacts": n, **r})
            print(f"  {n:>6} contacts: " + " · ".join(f"{k} {v}" for k, v in r.items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


_DEMOS: dict[int, Path] = {}


def _demo(contacts: int) -> Path:
    """One demo data file per size, shared by the parts of the run."""
    if contacts not in _DEMOS:
        import tempfile

        from tui.bench.store import demo_file

        _DEMOS[contacts] = demo_file(Path(tempfile.mkdtemp(prefix="demo-")), contacts)
    return _DEMOS[contacts]


if __name__ == "__main__":
    sys.exit(main())
