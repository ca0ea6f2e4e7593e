"""The story as reportlab's layout loop consumes it, in linear time.

reportlab's ``build`` takes flowables off the front of a list one at a time
(``del flowables[0]``) and puts split remainders back there, each a shift of
the whole list: for a story of n flowables that is quadratic, and with a
hundred thousand headings (three flowables each) it dominated the time.  A
:class:`FlowableQueue` offers the few list operations the loop uses on a
deque, where both ends cost the same whatever the length.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Iterable, Iterator


class FlowableQueue:
    """A deque with the list operations reportlab's layout loop uses on its story."""

    def __init__(self, flowables: Iterable[Any]) -> None:
        self._items = deque(flowables)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self._items))
            return [self._items[i] for i in range(start, stop, step)]
        return self._items[index]

    def __delitem__(self, index: int | slice) -> None:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self._items))
            if start != 0 or step != 1:
                raise IndexError("only a slice from the front can be deleted")
            for _ in range(stop):
                self._items.popleft()
        elif index == 0:
            self._items.popleft()
        else:
            del self._items[index]

    def __setitem__(self, index: int | slice, value: Any) -> None:
        if isinstance(index, slice) and index.start in (0, None) and index.stop == 0:
            self._items.extendleft(reversed(list(value)))  # flowables[0:0] = S: S goes in front, in order
        elif isinstance(index, int):
            self._items[index] = value
        else:
            raise IndexError("only an insertion at the front is supported")

    def insert(self, index: int, value: Any) -> None:
        self._items.insert(index, value)

    def append(self, value: Any) -> None:
        self._items.append(value)

    def pop(self, index: int = -1) -> Any:
        if index == 0:
            return self._items.popleft()
        if index == -1:
            return self._items.pop()
        value = self._items[index]
        del self._items[index]
        return value
