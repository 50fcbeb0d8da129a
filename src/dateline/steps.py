"""Steps a signal must not cut in two: an article's commit and the count that reports it.

The batch runner stores an article and then counts it; a SIGINT or SIGTERM that lands between
the two would leave a stored article out of the "N stored" the command prints. The runner
marks each such step with :func:`whole_step`; a signal handler that arrives meanwhile hands its
action to :func:`after_step`, which runs it as soon as the step ends (at once when none runs).
Signal handlers run in the main thread, as the runner does, so a plain flag is enough.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

_running = False
_waiting: list[Callable[[], None]] = []


@contextmanager
def whole_step() -> Iterator[None]:
    """Within: actions given to after_step wait until the block has finished."""
    global _running
    _running = True
    try:
        yield
    finally:
        _running = False
        while _waiting:
            _waiting.pop(0)()


def after_step(action: Callable[[], None]) -> None:
    """Run ``action`` now, or when the step under way ends."""
    if _running:
        _waiting.append(action)
    else:
        action()
