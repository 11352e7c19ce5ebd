"""Where keys go when they come faster than the app: handed again to the focus
when a key before them moved it."""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class KeyRouting:
    """Mixed into PrizeApp (before App)."""

    def init_key_routing(self) -> None:
        self._handed_to: dict[events.Key, Widget | None] = {}  # key → focus it went to

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._handed_to[event] = self.focused  # (Textual hands it there next)
            while len(self._handed_to) > 64:  # keys a widget used never come back
                del self._handed_to[next(iter(self._handed_to))]
        await super().on_event(event)  # type: ignore[misc]

    def on_key(self, event: events.Key) -> None:
        """A key no widget used, back at the app to run a binding.

        Textual hands each key to the widget focused when the key arrives, so in
        a burst (a fast typist, a busy moment) the keys after `2` or `/` were
        all queued where the focus was before: `2/ann` lost the name. A key
        whose widget lost the focus meanwhile is handed again, to where the
        focus is now. (A dialog opened by a worker, as `a` opens one, comes too
        late for the keys of the same burst: those still go where they were.)
        """
        handed = self._handed_to.pop(event, None)
        if handed is not None and handed is not self.focused and self.focused is not None:
            event.prevent_default()  # (no binding run against the old focus)
            self.hand_on(event)

    def hand_on(self, event: events.Key) -> None:
        """Send a key that reached a widget after the focus left it to where the
        focus is now (also for a widget that would have used it, as a search box)."""
        self.post_message(events.Key(event.key, event.character))
