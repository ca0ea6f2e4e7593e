"""The story as reportlab's layout loop consumes it, in linear time and memory.

reportlab's ``build`` takes flowables off the front of a list one at a time
(``del flowables[0]``) and puts split remainders back there, each a shift of
the whole list: for a story of n flowables that is quadratic, and with a
hundred thousand headings (three flowables each) it dominated the time.  A
:class:`FlowableQueue` offers the few list operations the loop uses on a
deque, where both ends cost the same whatever the length.

It also makes the flowables only as the layout reaches them, from an
iterator: a story held whole costs a few kilobytes per heading (its
paragraph, its contents entry), hundreds of megabytes for a book of a hundred
thousand headings, while the page being laid out needs only a few of them.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Iterable, Iterator


BATCH = 32
"""Flowables made at a time: enough that the layout loop rarely waits on the
story, few enough to hold."""


class FlowableQueue:
    """A deque with the list operations reportlab's layout loop uses on its
    story, filled from an iterator as the loop reads further.

    The loop asks for the length, the first item and its removal for every
    flowable, so those take the shortest path; the rest fill as needed."""

    def __init__(self, flowables: Iterable[Any]) -> None:
        self._items: deque[Any] = deque()
        self._rest: Iterator[Any] | None = iter(flowables)

    def _fill(self, count: int) -> None:
        """Make at least ``count`` flowables ready, or all there are."""
        items, rest = self._items, self._rest
        while rest is not None and len(items) < count:
            try:
                items.append(next(rest))
            except StopIteration:
                self._rest = rest = None

    def _refill(self) -> None:
        """Make a batch ready, and more until the last is not kept with the
        next: reportlab groups such chains by looking ahead from the front, up
        to the length it is told, so a chain must be ready whole.  Flowables
        go back or away only at the front, so the last stays a safe end."""
        items = self._items
        self._fill(len(items) + BATCH)
        while self._rest is not None and items[-1].getKeepWithNext():
            self._fill(len(items) + 1)

    def _fill_all(self) -> None:
        if self._rest is not None:
            self._items.extend(self._rest)
            self._rest = None

    def __len__(self) -> int:
        # a lower bound until the iterator is spent, but never 0 before
        if self._rest is not None and not self._items:
            self._refill()
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        self._fill_all()
        return iter(self._items)

    def __getitem__(self, index: int | slice) -> Any:
        if index.__class__ is int and 0 <= index < len(self._items):
            return self._items[index]
        if isinstance(index, slice):
            if index.stop is None or index.stop < 0 or (index.start or 0) < 0:
                self._fill_all()
            else:
                self._fill(index.stop)
            start, stop, step = index.indices(len(self._items))
            return [self._items[i] for i in range(start, stop, step)]
        self._fill(index + 1) if index >= 0 else self._fill_all()
        return self._items[index]

    def __delitem__(self, index: int | slice) -> None:
        if index == 0 and self._items:
            self._items.popleft()
        elif isinstance(index, slice):
            if index.stop is None or index.stop < 0:
                self._fill_all()
            else:
                self._fill(index.stop)
            start, stop, step = index.indices(len(self._items))
            if start != 0 or step != 1:
                raise IndexError("only a slice from the front can be deleted")
            for _ in range(stop):
                self._items.popleft()
        else:
            self._fill(index + 1) if index >= 0 else self._fill_all()
            del self._items[index]

    def __setitem__(self, index: int | slice, value: Any) -> None:
        if isinstance(index, slice) and index.start in (0, None) and index.stop == 0:
            self._items.extendleft(reversed(list(value)))  # flowables[0:0] = S: S goes in front, in order
        elif isinstance(index, int):
            self._fill(index + 1) if index >= 0 else self._fill_all()
            self._items[index] = value
        else:
            raise IndexError("only an insertion at the front is supported")

    def insert(self, index: int, value: Any) -> None:
        self._fill(index) if index >= 0 else self._fill_all()
        self._items.insert(index, value)

    def append(self, value: Any) -> None:
        self._fill_all()
        self._items.append(value)

    def pop(self, index: int = -1) -> Any:
        if index == 0:
            self._fill(1)
            return self._items.popleft()
        self._fill(index + 1) if index >= 0 else self._fill_all()
        value = self._items[index]
        del self._items[index]
        return value
