"""The project's own error types: every failure a user can cause is one of these."""

from __future__ import annotations


class KgError(Exception):
    """Base class: a problem to report in one line, not a traceback."""


class DocumentError(KgError):
    """A source document that cannot be read or understood.

    ``str(err)`` is the one line a user sees: ``FILE: reason (line N)``.
    """

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f" (line {line})" if line else ""
        super().__init__(f"{self.path}: {reason}{where}")


class QueryError(KgError):
    """A malformed query, an unknown named query or a bad parameter."""


class StoreError(KgError):
    """The store cannot be opened or written (e.g. locked by another process)."""
