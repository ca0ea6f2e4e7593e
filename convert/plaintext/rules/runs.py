"""Measures of a run (consecutive non-blank lines), computed once per run.

Several rules ask "what share of the lines from here to the end of the run
are code / aligned / broken on purpose?".  Prefix counts, computed the first
time a run is asked about a measure, answer each question in O(1), so a
rule tried at many positions of one long run stays linear.
"""

from __future__ import annotations

from functools import cached_property

from convert.plaintext.lines import Kind, Line
from convert.plaintext.rules.shapes import aligned, box_drawing, chosen_break, code_like, column_starts
from convert.plaintext.state import State


def _prefix(flags) -> list[int]:
    counts = [0]
    for flag in flags:
        counts.append(counts[-1] + bool(flag))
    return counts


class RunStats:
    """Prefix counts over the lines ``start``..``end`` of one run."""

    def __init__(self, lines: list[Line], start: int, end: int, width: int) -> None:
        self.lines = lines
        self.start = start
        self.end = end
        self.width = width

    @cached_property
    def code(self) -> list[int]:
        """code[k]: lines among the first k of the run that read as code."""
        return _prefix(code_like(line) for line in self.lines)

    @cached_property
    def _columns(self) -> list[set[int]]:
        return [column_starts(line) for line in self.lines]

    @cached_property
    def gaps(self) -> list[int]:
        """gaps[k]: lines among the first k with column gaps or box drawing themselves."""
        return _prefix(columns or box_drawing(line.text) for line, columns in zip(self.lines, self._columns))

    @cached_property
    def grid(self) -> list[int]:
        """grid[k]: lines among the first k that belong to a table (column gaps,
        box drawing, or indented to a column the line above opened)."""
        flags = []
        previous: set[int] = set()
        for line, columns in zip(self.lines, self._columns):
            flags.append(columns or box_drawing(line.text) or (line.indent in previous and line.indent > 0))
            previous = columns
        return _prefix(flags)

    @cached_property
    def chosen(self) -> list[int]:
        """chosen[k]: breaks after the first k lines that were chosen, not forced by the margin."""
        lines = self.lines
        return _prefix(
            offset + 1 < len(lines) and chosen_break(line, lines[offset + 1], self.width)
            for offset, line in enumerate(lines)
        )

    def share(self, counts: list[int], start: int, end: int | None = None) -> float:
        """The share of lines ``start``..``end`` (positions) counted in ``counts``."""
        end = self.end if end is None else end
        if end <= start:
            return 0.0
        return (counts[end - self.start] - counts[start - self.start]) / (end - start)

    def count(self, counts: list[int], start: int, end: int | None = None) -> int:
        end = self.end if end is None else end
        return counts[end - self.start] - counts[start - self.start]


_ITEM_KINDS = (Kind.BULLET, Kind.ORDERED, Kind.NUMBERED, Kind.DECIMAL)


def run_stats(state: State, position: int) -> RunStats:
    """The measures of the run holding ``position`` (each computed once per run)."""
    start = state.run_start(position)
    memo = state.cache.setdefault("runs", {})
    stats = memo.get(start)
    if stats is None:
        end = state.run_end(position)
        stats = memo[start] = RunStats(state.lines[start:end], start, end, state.profile.width)
    return stats


def aligned_pair(state: State, position: int) -> bool:
    """Line ``position`` and the next share a table column, or both draw a box."""
    line, following = state.line(position), state.line(position + 1)
    if line is None or following is None or line.blank or following.blank:
        return False
    if box_drawing(line.text) and box_drawing(following.text):
        return True
    columns = column_starts(line)
    if not columns:
        return False
    return bool(columns & (column_starts(following) | {following.indent})) or (
        aligned(following) and box_drawing(line.text)
    )
