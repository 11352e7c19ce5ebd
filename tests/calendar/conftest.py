"""Real CalDAV servers on 127.0.0.1 for the calendar sync tests (Radicale with
htpasswd auth; Xandikos, which has no auth of its own, for the tests that do not
need a password checked), and a keyring that lives in memory: no test touches the
person's real keyring."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER, PASSWORD = "ada", "s3cret pass"
_names = itertools.count(1)


@dataclass
class DavServer:
    url: str
    folder: Path
    process: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(process: subprocess.Popen, port: int, name: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{name} did not start") from None
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{name} did not listen in time")


def start_xandikos(folder: Path, port: int | None = None) -> DavServer:
    """Xandikos on 127.0.0.1 with its default user's calendar home (any password)."""
    folder.mkdir(parents=True, exist_ok=True)
    port = port or _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "xandikos", "serve", "-d", str(folder / "dav"), "--defaults",
         "-l", "127.0.0.1", "-p", str(port), "--state-dir", str(folder / "state")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "HOME": str(folder)},
    )
    _wait(process, port, "xandikos")
    return DavServer(f"http://127.0.0.1:{port}/", folder, process)


def start_radicale(folder: Path, port: int | None = None) -> DavServer:
    """Radicale on 127.0.0.1 (a free port, or `port` to start one again), storing in
    `folder`, with one user in an htpasswd file."""
    folder.mkdir(parents=True, exist_ok=True)
    users = folder / "users"
    users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    port = port or _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(folder / "collections"),
         "--auth-type", "htpasswd", "--auth-htpasswd-filename", str(users),
         "--auth-htpasswd-encryption", "plain", "--auth-delay", "0",
         "--rights-type", "owner_only", "--logging-level", "error"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "HOME": str(folder)},
    )
    _wait(process, port, "radicale")
    return DavServer(f"http://127.0.0.1:{port}/", folder, process)


SERVERS = {"radicale": start_radicale, "xandikos": start_xandikos}


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    """Radicale: the server that checks passwords."""
    server = start_radicale(tmp_path_factory.mktemp("radicale"))
    yield server
    server.stop()


@pytest.fixture(scope="session", params=sorted(SERVERS))
def dav(request: pytest.FixtureRequest, radicale: DavServer,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    """Each CalDAV server in turn, for the tests that run on both."""
    if request.param == "radicale":
        yield radicale
        return
    pytest.importorskip(request.param)
    server = SERVERS[request.param](tmp_path_factory.mktemp(request.param))
    yield server
    server.stop()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data file of a test whose calendar password is in PRIZE_CALDAV_PASSWORD."""
    monkeypatch.setenv("PRIZE_CALDAV_PASSWORD", PASSWORD)
    return tmp_path / "prize.json"


@pytest.fixture
def calendar_name() -> str:
    """A calendar of each test's own on the shared server."""
    return f"Prize {os.getpid()}-{next(_names)}"


class MemoryKeyring:
    """A keyring backend that keeps passwords in a dict (set for every test)."""

    priority = 1

    def __init__(self):
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, user):
        return self.passwords.get((service, user))

    def set_password(self, service, user, password):
        self.passwords[(service, user)] = password

    def delete_password(self, service, user):
        self.passwords.pop((service, user), None)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    import keyring
    from keyring.backend import KeyringBackend

    class Backend(MemoryKeyring, KeyringBackend):
        pass

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    monkeypatch.delenv("PRIZE_CALDAV_PASSWORD", raising=False)
    before = keyring.get_keyring()
    backend = Backend()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)
