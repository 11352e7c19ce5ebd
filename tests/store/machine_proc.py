"""One "machine" for the sync tests: a Prize process on its copy of the data file.
Every line it prints is flushed at once (os.write).

    machine_proc.py hold PATH    open PATH; print "ready"; then lines on stdin:
        add NAME       add a contact, save: "saved <count>"
        import N       add contacts "Import 1".."Import N" in one edit, save: "saved <count>"
        log NAME       log a call with the contact NAME, save: "saved <count>"
        sync           save (merging what a sync tool put in the file): "synced <count>"
        copies         merge the conflict copies beside the file: "copies <how many>"
        names          "names <JSON list>" of the contacts
        calls          "calls <JSON list>" of the names of the contacts with a call logged
        close          save, close, print "closed"
    machine_proc.py loop PATH    add contacts "w1", "w2"… and save, forever; after each
                                 save print "confirmed <n>"

Saving merges whatever another process or a sync tool put in the file (SPEC §3.8).
"""

from __future__ import annotations

import json
import os
import sys

import store_helpers

from tui.model import contact_edits
from tui.model.contacts import Contact, Interaction
from tui.store import Repository, StoreError
from tui.store.conflict_copies import merge_copies
from tui.store.importers import ImportPlan, import_edit


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def hold(path: str) -> int:
    repo = Repository.open(path, backup_days=0)
    say("ready")
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "close":
            repo.close()
            say("closed")
            return 0
        if command == "add":
            repo.apply(contact_edits.add_contact(Contact(name=arg)))
        elif command == "import":
            plan = ImportPlan(added=[Contact(name=f"Import {n}") for n in range(1, int(arg) + 1)])
            repo.apply(import_edit(repo, plan))
        elif command == "log":
            [who] = [c for c in repo.contacts.all() if c.name == arg]
            call = Interaction(contact_id=who.id, at="2026-11-26T10:00:00+01:00", kind="call")
            repo.apply(contact_edits.log_interaction(who, call, [], who_day()))
        elif command == "copies":
            say(f"copies {len(merge_copies(repo))}")
            continue
        elif command == "names":
            say("names " + json.dumps(sorted(c.name for c in repo.contacts.all())))
            continue
        elif command == "calls":
            called = {i.contact_id for i in repo.interactions.all() if i.kind == "call"}
            say("calls " + json.dumps(sorted(c.name for c in repo.contacts.all()
                                             if c.id in called)))
            continue
        try:
            repo.flush()
        except StoreError as exc:
            say(f"refused {type(exc).__name__} {exc}")
            continue
        say(f"{'synced' if command == 'sync' else 'saved'} {len(repo.contacts)}")
    return 0


def who_day():
    from datetime import date

    return date(2026, 11, 26)


def loop(path: str) -> int:
    repo = Repository.open(path, backup_days=0)
    n = 0
    while True:
        n += 1
        repo.contacts.add(Contact(name=f"w{n}"))
        repo.flush()
        say(f"confirmed {n}")


def main(argv: list[str]) -> int:
    assert store_helpers.ROOT
    try:
        if argv[1] == "hold":
            return hold(argv[2])
        if argv[1] == "loop":
            return loop(argv[2])
    except StoreError as exc:
        print(f"prize: {exc}", file=sys.stderr)
        return 2
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
