"""Changelog entries: each entry's first line is a heading.

Two shapes are recognised, both at the left margin:

* a **Debian entry**: ``procmail (3.22-27) unstable; urgency=medium``;
* a **dated entry**, in a text where at least :data:`DATED_MIN` lines at
  the margin start with a date, or name a release and its date:
  ``1991/10/18: v2.30``, ``2009-01-01  Jane Doe  <jane@example.org>``,
  ``12 Mar 1999 - 1.2``, ``fetchmail-6.4.37 (released 2023-02-26, 31710 LoC):``,
  ``1.2.0 (2019-03-01)``, ``version 1.34 - Sergey Poznyakoff, 2021-02-13``,
  or a version number alone (``1.3.7``).

In a changelog, a contributor line ``[ Oliver O ]`` heads the changes that
person made in the entry: a level-2 heading.

One dated line alone is prose ("2020-01-01 was a Wednesday"); a run of them
down the margin is a history, and each line starts an entry — unless its
sentence wraps on into the line below (a lower-case word, or a break forced
by the margin after an open phrase): then the date opens a paragraph.
"""

from __future__ import annotations

from convert.model import Heading
from convert.plaintext.lines import Kind, Line
from convert.plaintext.rules.shapes import deliberate_break
from convert.plaintext.state import Found, State
from convert.text.patterns import lazy_compile

_DEBIAN_ENTRY = lazy_compile(r"[a-z0-9][a-z0-9.+~-]*[ \t]+\([^()\s]+\)(?:[ \t]+[\w./-]+)+;[ \t]*urgency=\w+.*")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH = rf"(?:{'|'.join(_MONTHS)})[a-z]{{0,6}}\.?"
_DATE = lazy_compile(
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"              # 1991/10/18, 2009-01-01
    rf"|\d{{1,2}}[ -]{_MONTH}[ -]\d{{4}}"              # 12 Mar 1999
    rf"|{_MONTH} \d{{1,2}},? \d{{4}}"                  # March 12, 1999
    rf"|(?:{'|'.join(_DAYS)})[a-z]{{0,6}},? +(?:\d{{1,2}} +)?{_MONTH})"  # Tue Mar 12 / Tue, 12 Mar
    r"(?![\w/.-])"
)
_DATE_WORDS = frozenset(_MONTHS + _DAYS)
"""A date starts with a digit or one of these (a cheap test before the pattern)."""
_CLOSED = (".", ")", '"', "”", "!", "?", ":")
"""A dated line ending so has said all it says."""
_RELEASE = lazy_compile(
    r"(?:[\w+-]*?[- ])?v?\d+(?:\.\d+)+[\w.+~-]*[ \t]+\((?:released[ \t]+)?"  # fetchmail-6.4.37 (released
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2},? \d{4})"  # 2023-02-26
)
_NAMED_RELEASE = lazy_compile(r"(?i:version|release)[ \t]+v?\d+(?:\.\d+)+\b")
"""``version 1.34 - Sergey Poznyakoff, 2021-02-13``: a release named at the start of its line (with a date)."""
_VERSION = lazy_compile(r"v?\d+(?:\.\d+)+(?:[-.]?[a-z]+\d*)?:?")
"""A version number alone on its line (``1.3.7``, ``2.0b1``): an entry in a history."""
_CONTRIBUTOR = lazy_compile(r"\[ [^\[\]]{1,60} \]")
_KEY = "changelog"
DATED_MIN = 3
"""Lines at the margin starting with a date that make a text a history."""
ENTRY_MAX = 100
"""An entry line is a heading line: longer lines are prose that starts with a date."""


def debian_entry(text: str) -> bool:
    """``procmail (3.22-27) unstable; urgency=medium``: a Debian changelog entry's first line."""
    return "urgency=" in text and bool(_DEBIAN_ENTRY.fullmatch(text))  # the substring first: cheaper


def dated(line: Line) -> bool:
    """A line at the margin that starts with a date, or names a release and its
    date, and is short enough for an entry."""
    text = line.text
    if line.indent or len(text) > ENTRY_MAX:
        return False
    if (text[:1].isdigit() or text[:3] in _DATE_WORDS) and _DATE.match(text):
        return True
    if text[:1] in "vVrR" and _NAMED_RELEASE.match(text):
        return bool(_DATE.search(text))
    return bool(("(" in text and _RELEASE.match(text)) or _VERSION.fullmatch(text))


def is_history(lines: list[Line]) -> bool:
    """Enough dated lines down the margin to read the text as a changelog."""
    count = 0
    for line in lines:
        if dated(line) or (not line.indent and debian_entry(line.text)):
            count += 1
            if count >= DATED_MIN:
                return True
    return False


def _runs_on(state: State, position: int) -> bool:
    """The dated line starts a sentence that wraps on below it
    (``2018.11.11 - GNU nano 3.2 "Het kromme hout" changes the default binding``
    / ``for the linter…``): a paragraph, not an entry's heading."""
    following = state.line(position + 1)
    if following is None or state.blank(position + 1) or dated(following):
        return False
    line = state.lines[position]
    if following.text[:1].islower():
        return True
    forced = not deliberate_break(line, following, state.profile.width)
    return forced and following.kind is Kind.TEXT and not line.text.endswith(_CLOSED)


def contributor(state: State, position: int) -> Found | None:
    """``  [ Ville Skyttä ]`` over a contributor's changes, in a changelog."""
    line = state.lines[position]
    if not _CONTRIBUTOR.fullmatch(line.text) or not _in_changelog(state):
        return None
    return Found([Heading(2, line.text, None, (line.number, line.number))], position + 1,
                 "heading level 2: a changelog entry's contributor ('[ Name ]')")


def _in_changelog(state: State) -> bool:
    if _KEY not in state.cache:
        state.cache[_KEY] = state.profile.history or any(
            not line.indent and debian_entry(line.text) for line in state.lines)
    return state.cache[_KEY]


def entry(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if line.indent:
        return None
    if debian_entry(line.text):
        why = "heading: changelog entry 'package (version) distribution; urgency=…'"
    elif state.profile.history and dated(line) and not _runs_on(state, position):
        why = "heading: a dated changelog entry (a history: dated lines down the margin)"
    else:
        return None
    return Found([Heading(1, line.text, None, (line.number, line.number))], position + 1, why)
