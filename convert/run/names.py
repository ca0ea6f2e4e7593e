"""File names as text: safe to put in a document, and safe to print.

POSIX file names are bytes; Python hands undecodable bytes over as lone
surrogates (U+DC80..U+DCFF), which no UTF-8 output can carry.  A name may
also hold a newline or an escape sequence, which printed as is could forge a
line of output or drive the terminal.
"""

from __future__ import annotations

import re

from convert.text.patterns import lazy_compile

# Most names and messages are printable (str.isprintable) and never need
# these patterns; compiling the second costs half a millisecond.
_UNDECODABLE = lazy_compile("[\udc80-\udcff]")
_UNPRINTABLE = lazy_compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def safe_name(name: str) -> str:
    """The name with each undecodable byte replaced by U+FFFD, as a document records it."""
    return name if name.isprintable() else _UNDECODABLE.sub("\ufffd", name)


def _escape(match: re.Match) -> str:
    character = match.group()
    code = ord(character)
    if character in _SHORT:
        return _SHORT[character]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` as one line that cannot drive a terminal: control characters,
    line and paragraph separators, bidirectional controls and undecodable
    bytes are written as backslash escapes (``\\n``, ``\\x1b``, ``\\x81``)."""
    # every character of the class is a control, a separator or a format
    # character, none of which str.isprintable accepts
    return text if text.isprintable() else _UNPRINTABLE.sub(_escape, text)


def readable_json_text(text: str) -> str:
    """``text`` fit for a UTF-8 JSON file: undecodable bytes written as ``\\xNN``."""
    return text if text.isprintable() else _UNDECODABLE.sub(_escape, text)
