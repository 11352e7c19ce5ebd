"""Open a data file the way the app's entry point does: a StoreError is one line, exit 2.

Usage: python open_cli.py PATH
"""

from __future__ import annotations

import sys

import store_helpers  # noqa: F401  (makes `tui` importable)

from tui.store import Repository, StoreError


def main(argv: list[str]) -> int:
    try:
        repo = Repository.open(argv[1])
    except StoreError as exc:
        print(f"prize: {exc}", file=sys.stderr)
        return 2
    try:
        print(f"ok {len(repo.contacts)} contacts")
    finally:
        repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
