"""`python -m tui.bench`: print SPEC §6 figures measured on this machine, now."""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    import os
    import tempfile

    # Every file the benchmark writes (demo data, minimal apps, the open caches
    # and journals of its files) goes in one folder, removed at the end: a
    # 30k-contact run writes ~100 MB. Every process it starts (Prize in tmux)
    # finds the caches there.
    with tempfile.TemporaryDirectory(prefix="prize-bench-") as root:
        os.environ["XDG_CACHE_HOME"] = os.path.join(root, "cache")
        os.environ["XDG_STATE_HOME"] = os.path.join(root, "state")
        tempfile.tempdir = root
        try:
            return _run(argv)
        finally:
            tempfile.tempdir = None


def _store(n: int) -> tuple[dict, str]:
    from tui.bench.store import bench_store

    r = bench_store(contacts=n)
    return r, (f"({r['file_bytes'] / 1e6:.1f} MB): prize {r['edit_durable_median_ms']} ms "
               f"(in memory {r['edit_in_memory_median_ms']} ms; the file rewritten after it, "
               f"off the key path, {r['file_rewrite_median_ms']} ms; the disk's floor for "
               f"that, the bytes alone, {r['file_replace_floor_median_ms']} ms) · stock "
               f"JSONStorage {r['stock_jsonstorage_median_ms']} ms · "
               f"{r['speedup_vs_stock']}× faster · target ≤ {r['target_ms']} ms")


def _paint(n: int) -> tuple[dict, str]:
    from tui.bench.paint import bench_paint

    r = bench_paint(_demo(n), runs=PAINT_RUNS[0])
    return r, (f"minimal {r['minimal']} · " + " · ".join(
        f"{k} {r[k]} ({r['ratios'][k]}×)" for k in r["ratios"]) + " · target ≤ 1.5×")


def _keys(n: int) -> tuple[dict, str]:
    from tui.bench.keys import bench_keys

    r = bench_keys(_demo(n))
    ratio = r["ratios"]

    def key(name: str, label: str) -> str:
        return (f"{label} {r[f'{name}_key_ms']} ({ratio[f'{name}_key']}×) / "
                f"{r[f'{name}_output_ms']} ({ratio[f'{name}_output']}×)")

    return r, (f"[to screen / to first output] minimal key {r['minimal_key_ms']} / "
               f"{r['minimal_output_ms']} · {key('day_cursor', 'day cursor h l')} · "
               f"{key('pane', 'pane 1 2')} · {key('week', 'week ] [')} (target ≤ 1.3×) · "
               f"minimal key writing a 20-line page {r['minimal_page_key_ms']} / "
               f"{r['minimal_page_output_ms']}: week ] [ {ratio['week_key_vs_page']}× / "
               f"{ratio['week_output_vs_page']}× · "
               f"list j {r['list_move_ms']} · search {r['search_key_ms']} (target ≤ 50) · "
               f"memory {r['prize_peak_mib']} vs {r['minimal_peak_mib']} "
               f"({ratio['memory']}×, target ≤ 2×)")


def _commands(n: int) -> tuple[dict, str]:
    from tui.bench.commands import bench_commands

    r = bench_commands(_demo(n))
    return r, " · ".join(f"{k} {v}" for k, v in r.items())


# name → (heading, one size's figures and their line)
PARTS = {
    "store": ("One edit durably on disk (median of 30):", _store),
    "paint": ("Time to first paint in tmux, median of --runs (ms; ratio to a minimal Textual app):",
              _paint),
    "keys": ("Key press to screen (median ms) and peak memory (MiB), against a minimal app:",
             _keys),
    "commands": ("Commands, wall time (median ms):", _commands),
}


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.bench", description=__doc__)
    parser.add_argument("what", nargs="*", metavar="|".join(PARTS),
                        help="which benchmarks (default: all)")
    parser.add_argument("--contacts", type=int, nargs="+", default=[10_000])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--runs", type=int, default=7,
                        help="starts of each case for the paint medians (default 7; more: "
                             "steadier ratios on a noisy machine)")
    args = parser.parse_args(argv)
    PAINT_RUNS[0] = max(1, args.runs)
    args.what = args.what or list(PARTS)
    if unknown := set(args.what) - set(PARTS):
        parser.error(f"unknown benchmark: {', '.join(sorted(unknown))}")
    results: dict = {"machine": f"{platform.machine()} {platform.processor()} "
                                f"python {platform.python_version()}"}
    for name in args.what:
        heading, measure = PARTS[name]
        print(heading)
        results[name] = []
        for n in args.contacts:
            figures, line = measure(n)
            results[name].append({"contacts": n, **figures})
            print(f"  {n:>6} contacts{'' if name == 'store' else ':'} {line}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


_DEMOS: dict[int, Path] = {}
PAINT_RUNS = [7]


def _demo(contacts: int) -> Path:
    """One demo data file per size, shared by the parts of the run."""
    if contacts not in _DEMOS:
        import tempfile

        from tui.bench.store import demo_file

        path = demo_file(Path(tempfile.mkdtemp(prefix="demo-")), contacts)
        # As a run of the app leaves it (its disk watch keeps the open cache with the
        # list and the review's indexes): the start a person makes every day. The
        # paint part also measures a start without it.
        from tui.store import Repository

        repo = Repository.open(path)
        repo.keep_open_cache()
        repo.close()
        _DEMOS[contacts] = path
    return _DEMOS[contacts]


if __name__ == "__main__":
    sys.exit(main())
