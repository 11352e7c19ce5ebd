"""Past weeks' figures, kept between runs: of the trends' 8 weeks, 7 are over,
and a week that is over keeps its figures until one of its own records changes.

Each week's figures are kept under a key made of everything they are computed
from: the rows of its days (interactions, meetings booked or held, marks, the
sessions that ran in it or timed its blocks, the blocks that may occur in it,
the contacts created in it), the week's goals, every contact's roles, the zone,
and the code that computes them. An edit of another week, or of anything the
figures do not read, leaves the key as it was; an edit of one of its rows gives
another key, and the figures are worked out again. A week is kept only once it
is over and no session that ran in it is still running: its figures then no
longer move with the clock.

One small file per data file, in the user cache folder (mode 0600), checked by
its CRC-32: a file that cannot be read, or fails its check, is simply not used.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import zlib
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

import orjson
import platformdirs

from tui.model.instants import combine_local
from tui.model.period_figures import PeriodMetrics, figures_doc, figures_from_doc
from tui.model.plan import goals_in_force
from tui.model.week_dates import iso_week_label
from tui.store.atomic import write_cache_file
from tui.store.indexes import day_of, role_set
from tui.store.open_cache import zone
from tui.store.paths import APP, file_key
from tui.store.spans import SLACK, ids_between

FORMAT = 1
TABLES = ("blocks", "marks", "sessions", "interactions", "meetings")  # rows a week reads
KEPT = 64  # weeks kept per data file: the trends' 8, and room for other zones and spans


def memo_path(data_path: Path) -> Path:
    return Path(platformdirs.user_cache_dir(APP, appauthor=False)) / "weeks" / \
        f"{file_key(data_path)}.json"


class WeekMemo:
    """The figures kept for one data file, by key; `save` writes this run's weeks."""

    def __init__(self, data_path: Path):
        self.path = memo_path(data_path)
        self._kept = _read(self.path)
        self._run: dict[str, dict] = {}  # this run's weeks, taken or added
        self._added = False

    def get(self, key: str) -> PeriodMetrics | None:
        doc = self._kept.get(key)
        try:
            found = None if doc is None else figures_from_doc(doc)
        except (TypeError, ValueError, KeyError, AttributeError):
            return None  # (written by another version of this code, under the same key)
        if found is not None:
            self._run[key] = doc
        return found

    def put(self, key: str, m: PeriodMetrics) -> None:
        """Keep `m` if it comes back as it is: a damaged value that JSON cannot
        hold (an infinite or a 65-bit number) is worked out at each run instead."""
        doc = figures_doc(m)
        try:
            if figures_from_doc(orjson.loads(orjson.dumps(doc))) == m:
                self._run[key], self._added = doc, True
        except (TypeError, ValueError, KeyError, AttributeError):
            pass

    def save(self) -> None:
        """Write the weeks added, and keep this run's weeks last: the oldest go
        first past KEPT (or this run's number). A failure only costs a later run
        the work again."""
        if not self._added:
            return
        others = [(k, v) for k, v in _read(self.path).items() if k not in self._run]
        room = KEPT - len(self._run)  # (another run may have added its own meanwhile)
        kept = {**dict(others[-room:] if room > 0 else []), **self._run}
        line = orjson.dumps({"format": FORMAT, "weeks": kept})
        write_cache_file(self.path, [b"%08x\n" % zlib.crc32(line), line])
        self._added = False


def _read(path: Path) -> dict[str, dict]:
    try:
        crc, _, line = path.read_bytes().partition(b"\n")
        if crc != b"%08x" % zlib.crc32(line):
            return {}
        found = orjson.loads(line)
        weeks = found["weeks"] if found["format"] == FORMAT else {}
        return weeks if isinstance(weeks, dict) else {}
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return {}


class _Hash:
    """CRC-32 and Adler-32 of everything given, with its length (zlib's: hashlib's
    OpenSSL takes ~3 ms to load, paths.file_key)."""

    def __init__(self, *parts: str):
        self.crc, self.adler, self.size = 0, 1, 0
        for part in parts:
            self.text(part)

    def bytes(self, data: bytes) -> None:
        self.crc, self.adler = zlib.crc32(data, self.crc), zlib.adler32(data, self.adler)
        self.size += len(data)

    def text(self, text: str) -> None:
        data = text.encode()
        self.bytes(b"%d:" % len(data))
        self.bytes(data)

    def rows(self, table: str, ids: list[int], text: bytes) -> None:
        self.text(f"{table} {ids}")
        self.text(f"{len(text)}")
        self.bytes(text)

    def key(self) -> str:
        return f"{self.crc:08x}{self.adler:08x}{self.size:x}"


def week_keys(repo, starts: list[date], *, tz: tzinfo, now: datetime) -> dict[date, str]:
    """The key of each week of `starts` whose figures may be kept: over by `now`,
    with no session that ran in it still running. None at all without the index of
    role sets at hand (a file opened the long way): every contact would be read.
    The same expressions as `period_metrics` pick each kind of record."""
    contacts = repo.contacts
    if not contacts.has_index("roles", role_set):
        return {}
    hashes: dict[date, _Hash] = {}
    rows: dict[str, list[list[int]]] = {table: [] for table in TABLES}
    with repo.lock:  # (the indexes are read here, and a merge may patch them meanwhile)
        roles = _Hash()
        for group, ids in sorted((g, sorted(i)) for g, i in
                                 contacts.index("roles", role_set).items() if g is not None):
            roles.text(f"{group} {ids}")
        common = (_code(), zone(), repr(tz), roles.key())
        sessions = list(repo.sessions.values("id", "started", "ended", "block_day"))
        repeating = repo.blocks.index("rrule", bool).get(True, ())
        created = repo.contacts.index("created", day_of)
        goals = repo.goals.all()
        for start in starts:
            end = start + timedelta(days=6)
            if combine_local(end + timedelta(days=1), time(0), tz) > now:
                continue  # not over: meetings are held and sessions run as the clock goes
            lo, hi = (start - SLACK).isoformat(), (end + SLACK).isoformat()
            ran = _ran(sessions, lo, hi)
            if any(not s[2] for s in ran):
                continue  # one is running (or was never stopped): its time moves with now
            first, last = start.isoformat(), end.isoformat()
            hashes[start] = _Hash(*common, start.isoformat(),
                                  repr(goals_in_force(goals, iso_week_label(start))),
                                  repr(sorted((d, sorted(ids)) for d, ids in created.items()
                                              if d and first <= d <= last)))
            for table, ids in (
                    ("blocks", {*repeating, *ids_between(repo.blocks, "day", lo, hi)}),
                    ("marks", ids_between(repo.marks, "day", lo, hi)),
                    ("sessions", (s[0] for s in ran)),
                    ("interactions", ids_between(repo.interactions, "at", lo, hi)),
                    ("meetings", {*ids_between(repo.meetings, "at", lo, hi),
                                  *ids_between(repo.meetings, "booked", lo, hi)})):
                # In the order the figures read them where it counts: of two marks
                # of one block and day (a file edited by hand), the last one holds.
                rows[table].append(list(ids) if table == "marks" else sorted(ids))
        collections = repo.tables()
        for table, groups in rows.items():  # (each table's rows found once for all weeks)
            for h, ids, text in zip(hashes.values(), groups,
                                    collections[table].stored_texts(groups), strict=True):
                h.rows(table, ids, text)
    return {start: h.key() for start, h in hashes.items()}


def _ran(sessions: list[tuple], lo: str, hi: str) -> list[tuple]:
    """Of (id, started, ended, block_day), the sessions the figures of the days `lo`
    to `hi` read: those that ran in them (`period_metrics`' test) or timed a block
    of them."""
    return [s for s in sessions if (s[1] and s[1][:10] <= hi and (not s[2] or s[2][:10] >= lo))
            or (s[3] and lo <= s[3][:10] <= hi)]


@functools.cache
def _code() -> str:
    """Prize's, Python's and dateutil's versions, and the modules that compute the
    figures by size and time of change: figures kept by another version of Prize
    are not taken for this one's."""
    import dateutil

    from tui import __version__

    h = _Hash(__version__, sys.version, dateutil.__version__)
    for folder in (Path(__file__).parent, Path(__file__).parent.parent / "model"):
        with contextlib.suppress(OSError):
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    h.text(f"{entry.name} {stat.st_size} {stat.st_mtime_ns}")
    return h.key()
