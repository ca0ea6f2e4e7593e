"""What is never a heading, whatever rule would make one of it.

None of these is ever a heading: a line repeating the title (a running
title), a figure or table caption (``Figure 1: The Basic PAM Architecture``),
an admonition label (``Note``, ``Warning``, ``Tip``), a place and year
(``HARTFORD, 1876.``), a lead-in ending with a
colon (``Each member has the following structure:``), a reStructuredText
directive (``.. code:: python``) or literal-block lead-in (``…::``),
a line ending with a word that leads on (``… can be sent by email to``),
a version or date line, an Emacs mode line, a copyright line, a
``Name: value`` field, a lone address or URL, a line that reads as code, or a
line ending with ``,`` ``;`` ``!``.
"""

from __future__ import annotations

from convert.plaintext.lines import display_width, is_caps
from convert.plaintext.rules.shapes import address_only, ends_sentence, header_field, mode_line, norm, version_or_date
from convert.plaintext.state import State
from convert.text.patterns import lazy_compile

_CAPTION = lazy_compile(r"(?i:figure|fig\.|table|listing|exhibit|plate|abbildung|tableau|tabelle|图|表|図)\s*[\dIVX]+[a-z]?\s*[.:：]")
_ADMONITIONS = frozenset({"Note", "Warning", "Caution", "Important", "Tip", "Hint", "Danger", "Attention"})
_LEAD_IN_WIDTH = 30
_DATELINE = lazy_compile(r"[^\d,]{2,40},[ \t]*(?:\d{1,2} \w+ )?\d{4}\.?")
_COPYRIGHT = lazy_compile(r"(?i:copyright\s*(?:\(c\)|©|\d|\[|<)|©|\(c\)\s)")
_COPYRIGHT_ANYWHERE = lazy_compile(r"©|(?i:copyright\s*\(c\))")
_DECORATION = "*=~#!-_ \t"
_RUNS_ON_WORDS = frozenset({"to", "and", "or", "of", "the", "an", "by", "with", "for", "from", "that", "which"})
"""English words a heading does not end with: a line ending with one breaks a sentence
(not "a": "Appendix A")."""


def plausible(state: State, text: str) -> bool:
    """A line that could be a heading at all (see the module's list of exclusions)."""
    stripped = text.strip()
    if not any(char.isalpha() for char in stripped):
        return False
    if state.title_text and norm(stripped) == state.title_text:
        return False
    if version_or_date(stripped) or mode_line(stripped) or _COPYRIGHT.match(stripped) or _COPYRIGHT_ANYWHERE.search(stripped):
        return False
    if state.title_text and norm(stripped).startswith(state.title_text + " by "):
        return False  # "Paradise Lost by John Milton": the title with its author
    if header_field(stripped) and not stripped.endswith(":"):
        value = stripped.split(":", 1)[1].strip()
        if len(value.split()) <= 2 or any(char in value for char in "@<>/=$"):
            return False  # Package: <name>, Forwarded: foo@example.com
    if address_only(stripped) or stripped.endswith((",", ";", "!", "-")):
        return False
    if caption(stripped):
        return False  # "Figure 1: The Basic PAM Architecture" labels the figure above it
    if _DATELINE.fullmatch(stripped):
        return False  # "HARTFORD, 1876.": where and when a preface was signed
    if stripped.rstrip(":") in _ADMONITIONS:
        return False  # "Note" over an indented remark: a label inside the text, not a section
    if stripped.split()[-1].lower() in _RUNS_ON_WORDS:
        return False  # "… can be sent by email to": a sentence going on, not a heading
    if lead_in(stripped):
        return False  # "Each member has the following structure:" introduces what follows
    if stripped.startswith(".. ") or stripped.endswith("::"):
        return False  # a reStructuredText directive or the line before a literal block
    inner = stripped.strip(_DECORATION)
    if inner != stripped and ends_sentence(inner) and len(inner.split()) > 3:
        return False  # ** Press  x  to delete the character under the cursor. **
    return True


def lead_in(text: str) -> bool:
    """A sentence introducing what follows: ending with a colon, and starting in
    lower case, holding code, of more than four words, or (CJK) wider than a label."""
    if not text.endswith((":", "：")) or is_caps(text):
        return False  # a label in capitals is a heading's shape, however long: "BUG REPORTS AND FIXES (Un*x systems):"
    words = text.split()
    return text[0].islower() or "``" in text or len(words) > 4 or display_width(text) > _LEAD_IN_WIDTH


def caption(text: str) -> bool:
    """``Figure 1: …``, ``Table 2. …``: the label of a figure or table."""
    return bool(_CAPTION.match(text))
