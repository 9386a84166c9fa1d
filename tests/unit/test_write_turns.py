"""Writers of one process take SQLite's write lock in the order they asked for it."""

from __future__ import annotations

import threading
import time

from app.transactions import _Turns


def _until(condition) -> None:
    deadline = time.monotonic() + 5
    while not condition():
        assert time.monotonic() < deadline, "the waiting writer never queued"
        threading.Event().wait(0.001)


def test_the_turn_passes_to_writers_in_the_order_they_came():
    turns, order = _Turns(), []
    assert turns.take(1)  # the job's batch holds the turn

    def writer(name: str) -> None:
        assert turns.take(5)
        order.append(name)
        turns.give_back()

    threads = []
    for name in ("first", "second", "third"):
        thread = threading.Thread(target=writer, args=(name,))
        thread.start()
        threads.append(thread)
        queued = len(threads)
        _until(lambda queued=queued: len(turns._waiting) == queued)
    turns.give_back()
    for thread in threads:
        thread.join(5)
    assert order == ["first", "second", "third"]
    assert turns.take(0)  # free again: the last one gave it back
    turns.give_back()


def test_a_writer_that_waited_too_long_goes_on_without_a_turn_and_leaves_no_trace():
    turns = _Turns()
    assert turns.take(1)
    assert turns.take(0.01) is False
    assert len(turns._waiting) == 0
    turns.give_back()
    assert turns.take(0)


def test_a_free_turn_is_taken_at_once():
    turns = _Turns()
    assert turns.take(0)
    turns.give_back()
    assert turns.take(0)
