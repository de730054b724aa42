"""SQLite for embedded mode, with writers let in one at a time, in the order they came."""
