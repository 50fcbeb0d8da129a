"""One exception tree for everything Dateline raises on purpose.

Foreign errors (OSError, SQLAlchemy's, JSON's) are translated into these at the
boundary where they occur, so callers catch ``DatelineError`` and nothing else.
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base class of every error Dateline raises."""


class InputError(DatelineError):
    """An input file or record cannot be read as an article.

    The message names the file (and record) and the reason, so that a batch can
    report it in one line and go on.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return InputError, (self.path, self.reason)  # pickled whole across worker processes


class StoreError(DatelineError):
    """The store cannot be opened, migrated, read or written."""


class StoreUnavailable(StoreError):
    """The store itself failed, not the record being written: disk full, read-only, connection lost.

    Nothing further can be stored, so a batch stops at once instead of rejecting every
    remaining article one by one.
    """


class BatchStopped(StoreError):
    """A batch stopped because the store became unavailable; the counts say how far it got."""

    def __init__(self, cause: StoreError, *, stored: int, unchanged: int, rejected: int, not_attempted: int) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.stored = stored
        self.unchanged = unchanged
        self.rejected = rejected
        self.not_attempted = not_attempted

    def summary(self) -> str:
        return (
            f"stored {self.stored}, unchanged {self.unchanged}, rejected {self.rejected}, "
            f"not attempted {self.not_attempted}"
        )


class WorkerError(DatelineError):
    """The worker processes or the Dask cluster cannot be started, reached or used."""


class ModelError(DatelineError):
    """The NLP model cannot be loaded."""


class UsageError(DatelineError):
    """A command was called with arguments that do not fit."""


class NotFoundError(DatelineError):
    """An asked-for record (event, actor, series) does not exist in the store."""
