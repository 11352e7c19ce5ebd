"""The calendar password: from PRIZE_CALDAV_PASSWORD, else the system keyring (the
`keyring` library), else asked. Never written to the data file or any plain file;
where there is no keyring it is not stored at all."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

ENV = "PRIZE_CALDAV_PASSWORD"
SERVICE = "prize-calendar"


def _key(url: str, user: str) -> str:
    return f"{user} {url}"


def _keyring():
    """The system keyring, or None where there is none (or it does not work)."""
    try:
        import keyring

        backend = keyring.get_keyring()
        return keyring if backend.priority > 0 else None
    except Exception:  # a broken backend is no keyring
        return None


def has_keyring() -> bool:
    return _keyring() is not None


def stored(url: str, user: str) -> str | None:
    ring = _keyring()
    if ring is None:
        return None
    try:
        return ring.get_password(SERVICE, _key(url, user))
    except Exception:  # locked, refused, no session bus: as if none
        return None


def store(url: str, user: str, password: str) -> bool:
    """Keep the password in the keyring; False when there is none to keep it in."""
    ring = _keyring()
    if ring is None:
        return False
    try:
        ring.set_password(SERVICE, _key(url, user), password)
    except Exception:
        return False
    return True


def forget(url: str, user: str) -> None:
    ring = _keyring()
    if ring is not None:
        with contextlib.suppress(Exception):
            ring.delete_password(SERVICE, _key(url, user))


def password(url: str, user: str, ask: Callable[[str], str] | None) -> str | None:
    """The password to use now: the variable, the keyring, else `ask` (None: no asking,
    as in the app's background sync)."""
    if os.environ.get(ENV):
        return os.environ[ENV]
    found = stored(url, user)
    if found:
        return found
    if ask is None:
        return None
    return ask(f"Password for {user} at {url}: ")
