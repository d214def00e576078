"""The PySide6 face of Integration Journal. Talks to app/ only through its public API."""
