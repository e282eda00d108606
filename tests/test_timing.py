"""bp.timing: the book's one timer. Its result, not how fast anything is, is tested."""

import pytest

from bp.timing import Timing, best_time


def test_returns_the_shortest_time_and_the_result():
    calls = []
    t = best_time(lambda: calls.append(1) or len(calls), repeat=4)
    assert isinstance(t, Timing)
    assert len(calls) == 4
    assert t.result == 4
    assert 0 <= t.seconds < 1


def test_shortest_of_the_runs(monkeypatch):
    ticks = iter([0.0, 5.0, 10.0, 11.0, 20.0, 23.0])  # runs of 5, 1 and 3 seconds
    monkeypatch.setattr("bp.timing.time.perf_counter", lambda: next(ticks))
    assert best_time(lambda: None, repeat=3).seconds == 1.0


def test_unpacks_as_seconds_and_result():
    seconds, result = best_time(lambda: "done", repeat=1)
    assert result == "done"
    assert seconds >= 0


def test_not_callable_is_refused():
    with pytest.raises(TypeError, match="f must be callable; got int"):
        best_time(3)


@pytest.mark.parametrize(
    ("repeat", "error"), [(0, ValueError), (2.5, TypeError), (True, TypeError)]
)
def test_bad_repeat_is_refused(repeat, error):
    calls = []
    with pytest.raises(error, match="repeat must be"):
        best_time(lambda: calls.append(1), repeat=repeat)
    assert calls == []
