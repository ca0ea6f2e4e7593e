"""The block parser's state: the lines, the document's profile, what has been
built so far and why.

Rules (:mod:`convert.plaintext.rules`) read lines through the helpers here,
which are all O(1) after one O(n) pass, so that every rule stays linear in
the input.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from convert.errors import Diagnostic
from convert.model import Block
from convert.plaintext.lines import Kind, Line
from convert.plaintext.profile import Profile


@dataclass
class Found:
    """What a rule recognised: blocks for lines ``start`` up to ``end`` (exclusive)."""

    blocks: list[Block]
    end: int
    why: str | None = None
    """Why, for ``--inspect``: one line, e.g. ``heading: setext underline '==='``."""


@dataclass
class State:
    """Lines (0-based positions), the profile and shared look-ups."""

    lines: list[Line]
    profile: Profile
    title_text: str = ""
    """The document title once found (a line repeating it is a running title)."""
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    skip: set[int] = field(default_factory=set)
    """Positions already consumed before the block rules ran (the title)."""
    inject: dict[int, list[Block]] = field(default_factory=dict)
    """Blocks to emit when the parser reaches a position (what is left of a title line)."""
    last: Found | None = None
    """What the previous rule found."""
    last_end: int = 0
    """Position after the previous block."""
    cache: dict = field(default_factory=dict)
    """Per-document memos of rules (run measures, sibling look-ups), keyed by rule."""
    _run_end: list[int] = field(default_factory=list)
    _run_start: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.find_runs()

    def find_runs(self) -> None:
        """Where each run of non-blank lines starts and ends (skipped lines end runs);
        called again once the title's lines are skipped."""
        count = len(self.lines)
        self._run_end = [0] * count
        self._run_start = [0] * count
        end = count
        for index in range(count - 1, -1, -1):
            if self.lines[index].blank or index in self.skip:
                end = index
            self._run_end[index] = end
        start = 0
        for index, line in enumerate(self.lines):
            if line.blank or index in self.skip:
                start = index + 1
            self._run_start[index] = start

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, index: int) -> Line | None:
        """The line at ``index``, or None outside the text."""
        return self.lines[index] if 0 <= index < len(self.lines) else None

    def blank(self, index: int) -> bool:
        """True for a blank line, a skipped line, or a position outside the text."""
        line = self.line(index)
        return line is None or line.blank or index in self.skip

    def run_end(self, index: int) -> int:
        """Position just after the last line of the blank-separated run holding ``index``."""
        return self._run_end[index]

    def run_start(self, index: int) -> int:
        """Position of the first line of the run holding ``index``."""
        return self._run_start[index]

    def isolated(self, index: int) -> bool:
        """True when the line stands alone between blank lines (or the text's edges)."""
        return self.blank(index - 1) and self.blank(index + 1)

    def next_text(self, index: int, limit: int = 4) -> int | None:
        """Position of the next non-blank line after ``index``, looking at most ``limit`` lines ahead."""
        for position in range(index + 1, min(len(self.lines), index + 1 + limit)):
            if not self.blank(position):
                return position
        return None

    def previous_text(self, index: int, limit: int = 4) -> int | None:
        """Position of the previous non-blank line before ``index``, at most ``limit`` lines back."""
        for position in range(index - 1, max(-1, index - 1 - limit), -1):
            if not self.blank(position):
                return position
        return None

    def note(self, why: str, line: int) -> None:
        self.notes.append(Diagnostic("rule", why, line, "info"))

    def warn(self, code: str, message: str, line: int | None) -> None:
        self.warnings.append(Diagnostic(code, message, line))


def span(lines: list[Line]) -> tuple[int, int]:
    """Source lines (first, last) of consecutive lines."""
    return lines[0].number, lines[-1].number


def verbatim_text(lines: list[Line]) -> str:
    """Lines as written, their common indentation removed (blank lines kept)."""
    return textwrap.dedent("\n".join(line.raw for line in lines)).strip("\n")


def joined_text(lines: list[Line]) -> str:
    """Lines as one paragraph: trimmed and joined with single spaces."""
    return " ".join(line.body if line.glued_break else line.text for line in lines if line.kind is not Kind.BLANK)
