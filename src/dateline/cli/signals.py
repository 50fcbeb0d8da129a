"""How a long command ends early: on SIGINT/SIGTERM, or when its store fails, with one message.

``interruptible()`` turns SIGINT and SIGTERM into :class:`Interrupted` (a BaseException, so no
per-article ``except Exception`` swallows it); the command then says how far it got and that
running it again finishes the work, and exits 130 (SIGINT) or 143 (SIGTERM), as shells do.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

import typer

from dateline.cli.render import warn
from dateline.steps import after_step

if TYPE_CHECKING:
    from dateline.errors import BatchStopped
    from dateline.pipeline import ProgressEvent

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived while a command was running."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, _frame: FrameType | None) -> None:
    def stop() -> None:
        raise Interrupted(signum)

    after_step(stop)  # an article being stored is also counted before the command ends


@contextmanager
def interruptible() -> Iterator[None]:
    """Within: SIGINT and SIGTERM raise Interrupted in the main thread (handlers restored after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise) for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def interrupted(signal_end: Interrupted, last: ProgressEvent | None) -> typer.Exit:
    """Print how far the batch got and exit 128 + the signal's number (130 SIGINT, 143 SIGTERM)."""
    stored = last.stored if last else 0
    left = last.files_total - last.files_done if last else "all"
    warn(f"interrupted: {stored} stored, {left} left; run the same command again to finish")
    return typer.Exit(128 + signal_end.signum)


def stopped(stop: BatchStopped) -> typer.Exit:
    """The store failed mid-batch: one error line, the summary, exit 2."""
    warn(f"error: {stop}")
    warn(f"stopped: {stop.summary()}; every stored article is kept, run the same command again to finish")
    return typer.Exit(2)
