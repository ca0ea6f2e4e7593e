"""What the Markdown reader has to say about a document: warnings a user
should see, and the decisions ``--inspect`` shows."""

from __future__ import annotations

from collections import Counter

from convert.errors import Diagnostic


def shorten(text: str, width: int = 60) -> str:
    """One line of at most ``width`` characters, for a message."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Findings:
    """Collects diagnostics while a document is built."""

    def __init__(self) -> None:
        self.warnings: list[Diagnostic] = []
        self.notes: list[Diagnostic] = []
        self.relative_links = 0
        """Links to other files or to anchors, kept as text (counted, not warned)."""
        self.other_schemes: Counter[str] = Counter()
        """Links with a scheme no writer makes clickable (``xref:``), kept as text, by scheme."""
        self.comments = 0
        """HTML comments left out (counted, not warned)."""

    def warn(self, code: str, message: str, line: int | None) -> None:
        self.warnings.append(Diagnostic(code, message, line))

    def reason(self, message: str, line: int) -> None:
        """Why a top-level block is what it is (``--inspect`` shows it beside the block)."""
        self.notes.append(Diagnostic("rule", message, line, "info"))

    def decision(self, code: str, message: str) -> None:
        """A decision about the whole document (``--inspect`` shows it at the top)."""
        self.notes.append(Diagnostic(code, message, None, "info"))
