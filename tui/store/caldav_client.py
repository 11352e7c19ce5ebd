"""The CalDAV server of calendar sync, spoken through the `caldav` library (3.x):
its client does the HTTP, authentication and account discovery; the few requests
sync needs (a PROPFIND for the ctag, a time-range calendar-query for ETags, a
multiget, conditional PUT and DELETE) are written here, so each one is exactly
what caldav_sync.Server promises: If-Match / If-None-Match on every write, and
every failure turned into one line (caldav_sync.SyncError and its kinds).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from tui.store.caldav_sync import AuthFailed, CalendarGone, Precondition, SyncError, Unreachable

TIMEOUT_S = 15  # per request: a server slower than this is "not answering"
_NS = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav", "cs": "http://calendarserver.org/ns/"}
_PROBE = """<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
<d:prop><d:resourcetype/><cs:getctag/><d:sync-token/></d:prop></d:propfind>"""
_QUERY = """<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
<d:prop><d:getetag/></d:prop>
<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
<c:time-range start="{start}" end="{end}"/></c:comp-filter></c:comp-filter></c:filter>
</c:calendar-query>"""
_MULTIGET = """<?xml version="1.0" encoding="utf-8"?>
<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
<d:prop><d:getetag/><c:calendar-data/></d:prop>{hrefs}</c:calendar-multiget>"""
_FETCH_BATCH = 100  # hrefs per multiget


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


@contextlib.contextmanager
def speaking(url: str, user: str) -> Iterator[None]:
    """Every failure of talking to the server as one SyncError line."""
    from caldav.lib import error
    from caldav.lib.http_sync import requests as http

    try:
        yield
    except SyncError:
        raise
    except Precondition:
        raise
    except error.AuthorizationError:
        raise AuthFailed(f"the calendar server at {_host(url)} refused user {user!r}: "
                         "check the user and password") from None
    except error.NotFoundError:
        raise CalendarGone(f"the calendar {url} is not on the server any more: connect "
                           "again (prize calendar connect)") from None
    except (http.exceptions.Timeout, TimeoutError):
        raise Unreachable(f"the calendar server at {_host(url)} did not answer within "
                          f"{TIMEOUT_S} s; try again later") from None
    except (http.exceptions.RequestException, OSError) as exc:
        raise Unreachable(f"cannot reach the calendar server at {_host(url)} "
                          f"({type(exc).__name__}); try again later") from None
    except error.DAVError as exc:
        raise SyncError(f"the calendar server at {_host(url)} answered with an error "
                        f"({str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__})"
                        ) from None
    except Exception as exc:  # an answer that is not the XML it should be, and the like
        raise SyncError(f"the calendar server at {_host(url)} sent an answer Prize cannot "
                        f"read ({type(exc).__name__}: {str(exc)[:60]})") from None


def client(url: str, user: str, password: str, auth: str = ""):
    """A caldav client; `auth` ("basic", "digest"), when known, is sent at once (else
    the first request goes without and learns it from the 401: a round trip that
    servers such as Radicale slow down on purpose)."""
    from caldav import DAVClient

    return DAVClient(url=url, username=user, password=password, timeout=TIMEOUT_S,
                     enable_rfc6764=False, auth_type=auth or None)


def auth_scheme(dav) -> str:
    """The scheme a client settled on ("" when none was needed)."""
    name = type(getattr(dav, "auth", None)).__name__.lower()
    return "digest" if "digest" in name else "basic" if "basic" in name else ""


def connect(url: str, user: str, password: str, name: str) -> tuple[str, str]:
    """The URL of the calendar named `name` in the account at `url` (made when the
    server allows it), and the auth scheme it uses. Raises SyncError (one line)."""
    with speaking(url, user):
        dav = client(url, user, password)
        return _calendar(dav, url, user, name), auth_scheme(dav)


def _calendar(dav, url: str, user: str, name: str) -> str:
    try:
        principal = dav.principal()
        calendars = principal.calendars()
    except Exception as exc:  # no principal: `url` may be the calendar itself
        from caldav.lib import error

        if isinstance(exc, error.AuthorizationError | OSError) or \
                type(exc).__module__.startswith(("niquests", "requests", "urllib3")):
            raise
        CalDAVServer(dav, url, user).probe()
        return url
    for calendar in calendars:
        shown = calendar.get_display_name() or ""
        last = str(calendar.url).rstrip("/").rsplit("/", 1)[-1]
        if name in (shown, last):
            return str(calendar.url)
    try:
        made = principal.make_calendar(name=name)
    except Exception:
        found = ", ".join(repr(c.get_display_name() or str(c.url)) for c in calendars[:5])
        raise SyncError(f"no calendar named {name!r} there and the server did not let "
                        f"Prize make one; calendars found: {found or 'none'}") from None
    return str(made.url)


class CalDAVServer:
    """caldav_sync.Server over one calendar collection."""

    def __init__(self, dav, calendar_url: str, user: str):
        self.dav = dav
        self.url = calendar_url if calendar_url.endswith("/") else calendar_url + "/"
        self.user = user

    @classmethod
    def open(cls, calendar_url: str, user: str, password: str, auth: str = "") -> CalDAVServer:
        with speaking(calendar_url, user):
            return cls(client(calendar_url, user, password, auth), calendar_url, user)

    def _request(self, url: str, method: str, body: str | bytes = "",
                 headers: dict | None = None):
        with speaking(self.url, self.user):
            return self.dav.request(url, method, body, headers or {})

    def probe(self) -> str:
        response = self._request(self.url, "PROPFIND", _PROBE, {"Depth": "0"})
        if response.status == 404:
            raise CalendarGone(f"the calendar {self.url} is not on the server any more: "
                               "connect again (prize calendar connect)")
        self._check(response, "read the calendar")
        tree = response.tree
        if tree is None or tree.find(".//c:calendar", _NS) is None:
            raise CalendarGone(f"{self.url} is not a calendar (any more): connect again "
                               "(prize calendar connect)")
        for path in (".//cs:getctag", ".//d:sync-token"):
            found = tree.find(path, _NS)
            if found is not None and found.text:
                return found.text.strip()
        return ""

    def listing(self, start: datetime, end: datetime) -> dict[str, str]:
        body = _QUERY.format(start=_stamp(start), end=_stamp(end))
        response = self._request(self.url, "REPORT", body, {"Depth": "1"})
        self._check(response, "list the calendar")
        return {href: etag for href, etag, _ in self._responses(response) if etag}

    def fetch(self, hrefs: list[str]) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for i in range(0, len(hrefs), _FETCH_BATCH):
            batch = hrefs[i:i + _FETCH_BATCH]
            items = "".join(f"<d:href>{_xml(urlsplit(h).path)}</d:href>" for h in batch)
            response = self._request(self.url, "REPORT", _MULTIGET.format(hrefs=items),
                                     {"Depth": "1"})
            self._check(response, "read events")
            for href, etag, data in self._responses(response):
                if data:
                    out[href] = (etag, data)
        return out

    def href_for(self, uid: str) -> str:
        return canonical(urljoin(self.url, quote(uid, safe="") + ".ics"))

    def create(self, href: str, body: bytes) -> str:
        return self._put(href, body, {"If-None-Match": "*"})

    def update(self, href: str, body: bytes, etag: str) -> str:
        return self._put(href, body, {"If-Match": etag})

    def _put(self, href: str, body: bytes, condition: dict) -> str:
        response = self._request(href, "PUT", body, {
            "Content-Type": "text/calendar; charset=utf-8", **condition})
        if response.status == 412:
            raise Precondition(href)
        self._check(response, "write an event")
        etag = response.headers.get("ETag") or response.headers.get("Etag")
        if etag:
            return etag
        found = self.fetch([href]).get(href)  # (a server that does not say it)
        return found[0] if found else ""

    def delete(self, href: str, etag: str) -> None:
        response = self._request(href, "DELETE", "", {"If-Match": etag} if etag else {})
        if response.status == 412:
            raise Precondition(href)
        if response.status != 404:
            self._check(response, "delete an event")

    def _check(self, response, doing: str) -> None:
        if response.status == 404 and doing != "write an event":
            raise CalendarGone(f"the calendar {self.url} is not on the server any more: "
                               "connect again (prize calendar connect)")
        if not 200 <= response.status < 300:
            raise SyncError(f"the calendar server at {_host(self.url)} would not {doing} "
                            f"(HTTP {response.status} {getattr(response, 'reason', '')})")

    def _responses(self, response) -> Iterator[tuple[str, str, str]]:
        tree = response.tree
        if tree is None:
            return
        for item in tree.findall("d:response", _NS):
            href = item.findtext("d:href", default="", namespaces=_NS).strip()
            if not href:
                continue
            ok = [p for p in item.findall("d:propstat", _NS)
                  if " 200 " in (p.findtext("d:status", default="", namespaces=_NS) + " ")]
            etag = data = ""
            for propstat in ok:
                etag = propstat.findtext(".//d:getetag", default=etag, namespaces=_NS).strip()
                data = propstat.findtext(".//c:calendar-data", default=data, namespaces=_NS)
            yield canonical(urljoin(self.url, href)), etag, data


def canonical(url: str) -> str:
    """One spelling of an event's URL, however the server quoted its path."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=quote(unquote(parts.path), safe="/@:+")))


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
