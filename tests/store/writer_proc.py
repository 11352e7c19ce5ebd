"""Subprocess for the crash tests. Every line it prints is flushed at once (os.write).

    writer_proc.py loop PATH SEED   edit forever; per edit N print
                                        pending N <digest>     before flushing it
                                        confirmed N <digest>   once flush() returned
                                    ("confirmed 0 <digest>" is the state found on open)
    writer_proc.py hold PATH        open, add one contact, flush, print "ready <digest>";
                                    then a line "close" on stdin closes and prints "closed"

<digest> is store_helpers.state_digest of the contacts it expects on disk,
tracked independently of the repository (and checked against it every edit).
"""

from __future__ import annotations

import os
import random
import sys

import store_helpers
from store_helpers import contacts_state, state_digest

from tui.model.contacts import Contact
from tui.store import Repository, StoreError

LOW, HIGH = 150, 400


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def loop(path: str, seed: int) -> int:
    rng = random.Random(seed)
    repo = Repository.open(path)
    state = contacts_state(repo.contacts.all())
    say(f"confirmed 0 {state_digest(state)}")
    n = 0
    while True:
        n += 1
        if len(state) < LOW:
            added = repo.contacts.add_many(
                Contact(name=f"bulk {n}.{i}", notes="", tags=["bulk"]) for i in range(LOW)
            )
            state.update(contacts_state(added))
        else:
            op = rng.random()
            if op < 0.4 and len(state) < HIGH:
                c = repo.contacts.add(Contact(name=f"added {seed % 10000}.{n}", company="ACME"))
                state[c.id] = (c.name, c.notes)
            elif op < 0.8:
                cid = rng.choice(list(state))
                old = repo.contacts.get(cid)
                repo.contacts.update(old.replace(notes=f"edit {n}"))
                state[cid] = (old.name, f"edit {n}")
            else:
                cid = rng.choice(list(state))
                repo.contacts.remove(cid)
                del state[cid]
        if contacts_state(repo.contacts.all()) != state:
            say("error: the repository disagrees with the expected state")
            return 3
        digest = state_digest(state)
        say(f"pending {n} {digest}")
        repo.flush()
        say(f"confirmed {n} {digest}")


def hold(path: str) -> int:
    repo = Repository.open(path)
    repo.contacts.add(Contact(name="from the holder"))
    repo.flush()
    say(f"ready {state_digest(contacts_state(repo.contacts.all()))}")
    for line in sys.stdin:
        if line.strip() == "close":
            repo.close()
            say("closed")
            return 0
    return 0


def main(argv: list[str]) -> int:
    assert store_helpers.ROOT
    try:
        if argv[1] == "loop":
            return loop(argv[2], int(argv[3]))
        if argv[1] == "hold":
            return hold(argv[2])
    except StoreError as exc:
        print(f"prize: {exc}", file=sys.stderr)
        return 2
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
