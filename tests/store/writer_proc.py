"""Subprocess for the crash tests. Every line it prints is flushed at once (os.write).

    writer_proc.py loop PATH SEED [commit]
                                    edit forever; per edit N print
                                        pending N <digest>     before saving it
                                        confirmed N <digest>   once flush() returned
                                                               (with `commit`: once commit()
                                                               returned, before the flush)
                                    ("confirmed 0 <digest>" is the state found on open)
    writer_proc.py hold PATH        open, add one contact, flush, print "ready <digest>";
                                    then lines on stdin:
                                      add NAME   add a contact and flush: "saved <count>",
                                                 or "refused <error class> <its line>"
                                      keep NAME  add a contact and commit it to the journal,
                                                 not to the file: "kept <count>"
                                      names      "names <JSON list>" of the contacts in memory
                                      close      close and print "closed" (a StoreError: exit 2)

<digest> is store_helpers.state_digest of every table it expects on disk,
tracked independently of the repository (and checked against it every edit).
"""

from __future__ import annotations

import json
import os
import random
import sys

import store_helpers
from store_helpers import repo_state, state_digest

from tui.model.blocks import Block, BlockMark
from tui.model.contacts import Contact, Interaction
from tui.model.plan import DailyReview, WeekGoals
from tui.model.sessions import FocusSession
from tui.store import Repository, StoreError

LOW, HIGH = 150, 400


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def loop(path: str, seed: int, confirm_on_commit: bool = False) -> int:
    rng = random.Random(seed)
    repo = Repository.open(path)
    state = repo_state(repo)  # what must be on disk, kept apart from the repository
    say(f"confirmed 0 {state_digest(state)}")
    n = 0
    while True:
        n += 1
        edit(repo, state, rng, n, seed)
        if repo_state(repo) != state:
            say("error: the repository disagrees with the expected state")
            return 3
        digest = state_digest(state)
        say(f"pending {n} {digest}")
        if confirm_on_commit:
            repo.commit()
            say(f"confirmed {n} {digest}")
            repo.flush()
        else:
            repo.flush()
            say(f"confirmed {n} {digest}")


def edit(repo, state, rng, n: int, seed: int) -> None:
    """One realistic edit on any of the tables the app writes, mirrored in `state`."""
    contacts = state["contacts"]
    op = rng.random()
    if len(contacts) < LOW:
        for c in repo.contacts.add_many(
            Contact(name=f"bulk {n}.{i}", tags=["bulk"]) for i in range(LOW)
        ):
            contacts[c.id] = c.to_doc()
    elif op < 0.25 and len(contacts) < HIGH:
        c = repo.contacts.add(Contact(name=f"added {seed % 10000}.{n}", company="ACME"))
        contacts[c.id] = c.to_doc()
    elif op < 0.45:
        cid = rng.choice(list(contacts))
        new = repo.contacts.get(cid).replace(notes=f"edit {n}")
        repo.contacts.update(new)
        contacts[cid] = new.to_doc()
    elif op < 0.55:
        cid = rng.choice(list(contacts))
        repo.contacts.remove(cid)
        del contacts[cid]
    elif op < 0.65:
        i = repo.interactions.add(Interaction(contact_id=rng.choice(list(contacts)),
                                              at=f"2026-11-{rng.randint(1, 28):02d}T10:00:00+00:00",
                                              kind="call", note=f"call {n}"))
        state["interactions"][i.id] = i.to_doc()
    elif op < 0.72:
        b = repo.blocks.add(Block(channel="LinkedIn", activity=f"block {n}", day="2026-11-26",
                                  rrule="FREQ=WEEKLY;BYDAY=TU" if n % 2 else ""))
        state["blocks"][b.id] = b.to_doc()
    elif op < 0.78 and state["blocks"]:
        m = repo.marks.add(BlockMark(block_id=rng.choice(list(state["blocks"])),
                                     day="2026-11-26", state="done"))
        state["marks"][m.id] = m.to_doc()
    elif op < 0.86:
        running = [i for i, d in state["sessions"].items() if d["ended"] is None]
        if running:
            s = repo.sessions.get(running[0]).replace(ended="2026-11-26T09:00:00+00:00",
                                                      outcome={"contacts": n % 5})
            repo.sessions.update(s)
        else:
            s = repo.sessions.add(FocusSession(channel="LinkedIn",
                                               started="2026-11-26T08:00:00+00:00"))
        state["sessions"][s.id] = s.to_doc()
    elif op < 0.91:
        g = repo.goals.add(WeekGoals(week=f"2026-W{n % 52 + 1:02d}", budgets={"LinkedIn": n}))
        state["goals"][g.id] = g.to_doc()
    elif op < 0.95:
        r = repo.reviews.add(DailyReview(day="2026-11-27", top3=[f"call {n}"]))
        state["reviews"][r.id] = r.to_doc()
    else:
        settings = repo.settings().replace(reminders=[f"reminder {n}"])
        repo.save_settings(settings)
        state["settings"] = {1: repo.settings().to_doc()}


def hold(path: str) -> int:
    repo = Repository.open(path)
    repo.contacts.add(Contact(name="from the holder"))
    repo.flush()
    say(f"ready {state_digest(repo_state(repo))}")
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "close":
            repo.close()
            say("closed")
            return 0
        if command == "add":
            repo.contacts.add(Contact(name=arg))
            try:
                repo.flush()
            except StoreError as exc:
                say(f"refused {type(exc).__name__} {exc}")
            else:
                say(f"saved {len(repo.contacts)}")
        elif command == "keep":
            repo.contacts.add(Contact(name=arg))
            repo.commit()
            say(f"kept {len(repo.contacts)}")
        elif command == "names":
            say("names " + json.dumps([c.name for c in repo.contacts.all()]))
    return 0


def main(argv: list[str]) -> int:
    assert store_helpers.ROOT
    try:
        if argv[1] == "loop":
            return loop(argv[2], int(argv[3]), argv[4:] == ["commit"])
        if argv[1] == "hold":
            return hold(argv[2])
    except StoreError as exc:
        print(f"prize: {exc}", file=sys.stderr)
        return 2
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
