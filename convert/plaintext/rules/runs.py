"""Measures of a run (consecutive non-blank lines), computed once per run.

Several rules ask "what share of the lines from here to the end of the run
are code / aligned / broken on purpose?".  Prefix counts, computed the first
time a run is asked about, answer each question in O(1), so a rule tried at
many positions of one long run stays linear.
"""

from __future__ import annotations

from dataclasses import dataclass

from convert.plaintext.lines import Kind
from convert.plaintext.rules.shapes import aligned, box_drawing, chosen_break, code_like, column_starts
from convert.plaintext.state import State


@dataclass
class RunStats:
    start: int
    end: int
    code: list[int]
    """code[k]: lines among the first k of the run that read as code."""
    grid: list[int]
    """grid[k]: lines among the first k that belong to a table (column gaps, box drawing, or
    indented to a column the line above opened)."""
    chosen: list[int]
    """chosen[k]: breaks among the first k lines that were chosen, not forced by the margin."""
    items: list[int]
    """items[k]: list-marker lines among the first k."""

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
    """The measures of the run holding ``position`` (computed once per run)."""
    start = state.run_start(position)
    memo = state.cache.setdefault("runs", {})
    if start in memo:
        return memo[start]
    end = state.run_end(position)
    lines = state.lines[start:end]
    width = state.profile.width
    code, grid, chosen, items = [0], [0], [0], [0]
    previous_columns: set[int] = set()
    for offset, line in enumerate(lines):
        columns = column_starts(line)
        in_grid = bool(columns) or box_drawing(line.text) or (line.indent in previous_columns and line.indent > 0)
        previous_columns = columns or (previous_columns if in_grid else set())
        code.append(code[-1] + code_like(line))
        grid.append(grid[-1] + in_grid)
        following = lines[offset + 1] if offset + 1 < len(lines) else None
        chosen.append(chosen[-1] + bool(following and chosen_break(line, following, width)))
        items.append(items[-1] + (line.kind in _ITEM_KINDS))
    stats = RunStats(start, end, code, grid, chosen, items)
    memo[start] = stats
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
