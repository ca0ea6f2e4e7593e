"""The block parser's state: the lines, the document's profile, what has been
built so far and why.

Rules (:mod:`convert.plaintext.rules`) read lines through the helpers here,
which are all O(1) after one O(n) pass, so that every rule stays linear in
the input.
"""

from __future__ import annotations

from typing import NamedTuple

from convert.errors import Diagnostic
from convert.model import Block
from convert.plaintext.lines import Kind, Line
from convert.plaintext.profile import Profile


class Found(NamedTuple):
    """What a rule recognised: blocks for lines ``start`` up to ``end`` (exclusive)."""

    blocks: list[Block]
    end: int
    why: str | None = None
    """Why, for ``--inspect``: one line, e.g. ``heading: setext underline '==='``."""


class State:
    """Lines (0-based positions), the profile and shared look-ups."""

    __slots__ = ("lines", "profile", "title_text", "warnings", "notes", "skip", "inject", "last", "last_end",
                 "cache", "_count", "_blank", "_run_end", "_run_start")

    def __init__(self, lines: list[Line], profile: Profile) -> None:
        self.lines = lines
        self.profile = profile
        self.title_text = ""
        """The document title once found (a line repeating it is a running title)."""
        self.warnings: list[Diagnostic] = []
        self.notes: list[Diagnostic] = []
        self.skip: set[int] = set()
        """Positions already consumed before the block rules ran (the title): add them with :meth:`skip_lines`."""
        self.inject: dict[int, list[Block]] = {}
        """Blocks to emit when the parser reaches a position (what is left of a title line)."""
        self.last: Found | None = None
        """What the previous rule found."""
        self.last_end = 0
        """Position after the previous block."""
        self.cache: dict = {}
        """Per-document memos of rules (run measures, sibling look-ups), keyed by rule."""
        self._count = len(lines)
        # blank() is asked several times per line by every rule: one look-up answers it (a byte a line)
        self._blank = bytearray(line.kind is Kind.BLANK for line in lines)
        self._run_end: list[int] = []
        self._run_start: list[int] = []
        self.find_runs()

    def skip_lines(self, positions: range) -> None:
        """Consume lines before the block rules run (they read as blank from now on)."""
        self.skip.update(positions)
        for index in positions:
            self._blank[index] = 1

    def find_runs(self) -> None:
        """Where each run of non-blank lines starts and ends (skipped lines end runs);
        called again once the title's lines are skipped."""
        count = self._count
        blank = self._blank
        self._run_end = run_end = [0] * count
        self._run_start = run_start = [0] * count
        end = count
        for index in range(count - 1, -1, -1):
            if blank[index]:
                end = index
            run_end[index] = end
        start = 0
        for index in range(count):
            if blank[index]:
                start = index + 1
            run_start[index] = start

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, index: int) -> Line | None:
        """The line at ``index``, or None outside the text."""
        return self.lines[index] if 0 <= index < self._count else None

    def blank(self, index: int) -> bool:
        """True for a blank line, a skipped line, or a position outside the text."""
        return not 0 <= index < self._count or self._blank[index] == 1

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
    """Lines as written, their common indentation removed (blank lines kept).

    The indentation is the longest run of spaces and tabs, character for
    character, that every non-empty line starts with (as ``textwrap.dedent``
    has it: a raw line never ends with whitespace, so there is no line of
    whitespace alone to ignore).
    """
    raws = [line.raw for line in lines]
    margin = None
    for raw in raws:
        if not raw:
            continue
        indent = raw[:len(raw) - len(raw.lstrip(" \t"))]
        if margin is None or margin.startswith(indent):
            margin = indent
        elif not indent.startswith(margin):
            margin = margin[:next(i for i, (a, b) in enumerate(zip(margin, indent)) if a != b)]
        if not margin:
            break
    if margin:
        raws = [raw[len(margin):] for raw in raws]
    return "\n".join(raws).strip("\n")


def joined_text(lines: list[Line]) -> str:
    """Lines as one paragraph: trimmed and joined with single spaces."""
    if len(lines) == 1:  # one paragraph a line (a digest): nothing to join
        line = lines[0]
        return "" if line.kind is Kind.BLANK else line.body if line.glued_break else line.text
    return " ".join(line.body if line.glued_break else line.text for line in lines if line.kind is not Kind.BLANK)
