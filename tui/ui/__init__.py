"""The Textual user interface. Talks to the data only through tui.store.Repository."""
