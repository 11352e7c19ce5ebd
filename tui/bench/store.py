"""One edit durably on disk at N contacts: Prize's store against stock TinyDB JSONStorage."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from tui.store import Repository
from tui.store.atomic import atomic_write
from tui.store.demo import write_demo


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def demo_file(folder: Path, contacts: int, weeks: int = 52) -> Path:
    """A demo data file of the benchmark's size, written once and closed."""
    path = folder / "prize.json"
    repo = Repository.open(path, today=date.today())
    write_demo(repo, contacts=contacts, weeks=weeks, seed=1)
    repo.close()
    return path


def bench_store(contacts: int = 10_000, weeks: int = 52, edits: int = 30) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="prize-bench-"))
    path = folder / "prize.json"
    repo = Repository.open(path, today=date(2026, 11, 26))
    write_demo(repo, contacts=contacts, weeks=weeks, seed=1, today=date(2026, 11, 26))
    repo.flush()
    ids = [c.id for c in repo.contacts.all()[:edits]]
    ours, edit_only, rewrite = [], [], []
    for i, contact_id in enumerate(ids):
        start = time.perf_counter()
        repo.contacts.update(repo.contacts.get(contact_id).replace(notes=f"bench {i}"))
        middle = time.perf_counter()
        repo.commit()  # durable: one line appended to the journal and synced
        ours.append(time.perf_counter() - start)
        edit_only.append(middle - start)
        start = time.perf_counter()
        repo.flush()  # the file itself: temp file, fsync, rename, fsync of the folder
        rewrite.append(time.perf_counter() - start)
    repo.close()
    size = path.stat().st_size
    raw, floor = path.read_bytes(), []
    for _ in range(10):  # the disk's own floor for replacing this file, no encoding
        start = time.perf_counter()
        atomic_write(folder / "floor.json", raw)
        floor.append(time.perf_counter() - start)

    stock_path = folder / "stock.json"
    stock_path.write_bytes(path.read_bytes())
    db = TinyDB(stock_path, storage=JSONStorage)
    table = db.table("contacts")
    stock = []
    for i, contact_id in enumerate(ids):
        start = time.perf_counter()
        table.update({"notes": f"stock {i}"}, doc_ids=[contact_id])
        stock.append(time.perf_counter() - start)
    db.close()
    return {
        "contacts": contacts,
        "file_bytes": size,
        "edit_durable_median_ms": _median_ms(ours),
        "edit_in_memory_median_ms": _median_ms(edit_only),
        "file_rewrite_median_ms": _median_ms(rewrite),
        "file_replace_floor_median_ms": _median_ms(floor),
        "stock_jsonstorage_median_ms": _median_ms(stock),
        "speedup_vs_stock": round(statistics.median(stock) / statistics.median(ours), 1),
        "target_ms": 10,
    }
