"""A signal's action waits for the article being stored and counted (dateline.steps)."""

from __future__ import annotations

import pytest

from dateline.steps import after_step, whole_step


def test_an_action_runs_at_once_outside_a_step() -> None:
    ran: list[str] = []
    after_step(lambda: ran.append("now"))
    assert ran == ["now"]


def test_an_action_given_inside_a_step_runs_when_the_step_ends() -> None:
    ran: list[str] = []
    with whole_step():
        after_step(lambda: ran.append("stop"))
        ran.append("stored and counted")
    assert ran == ["stored and counted", "stop"]


def test_an_action_that_raises_ends_the_caller_after_the_step() -> None:
    class Stop(BaseException):
        pass

    def stop() -> None:
        raise Stop

    counted = []
    with pytest.raises(Stop), whole_step():
        after_step(stop)
        counted.append(1)
    assert counted == [1]
    after_step(lambda: counted.append(2))  # the step is over: nothing is left waiting
    assert counted == [1, 2]
