"""Mail and Usenet: header blocks, PGP armour and signatures keep their lines.

* **Header block**: at the start of the text or after a blank line, an mbox
  ``From `` line and/or two or more ``Name: value`` fields (continuation
  lines indented), at least one of them a mail header (``From``, ``Subject``,
  ``Received``, ``X-…`` ...) — verbatim, kind ``headers``.
* **PGP armour**: ``-----BEGIN PGP SIGNATURE-----`` to ``-----END PGP
  SIGNATURE-----`` — verbatim; ``-----BEGIN PGP SIGNED MESSAGE-----`` and
  its ``Hash:`` line too.
* **Signature**: the delimiter line ``-- `` and up to six lines after it —
  a line block; so is a mailing list's footer, a rule of underscores over
  the list's name and addresses (``_______`` / ``Twisted-commits mailing list``).
"""

from __future__ import annotations

from convert.model import LineBlock, Verbatim
from convert.plaintext.rules.shapes import header_field, mail_header_name
from convert.plaintext.state import Found, State, span, verbatim_text
from convert.text.patterns import lazy_compile

_MBOX_FROM = lazy_compile(r"From \S+ .*\d{4}\s*")
_ARMOUR = lazy_compile(r"-----BEGIN PGP ([A-Z ]+)-----")
_ARMOUR_LIMIT = 400
_SIGNATURE_LINES = 6
_LIST_FOOTER = lazy_compile(r"_{30,}")


def headers(state: State, position: int) -> Found | None:
    if not state.blank(position - 1):
        return None
    end = position
    fields = known = 0
    first = state.lines[position]
    if _MBOX_FROM.fullmatch(first.text) and first.indent == 0:
        end += 1
    while end < len(state) and not state.blank(end):
        line = state.lines[end]
        if line.indent == 0 and header_field(line.text):
            fields += 1
            known += mail_header_name(line.text) is not None
        elif not (line.indent > 0 and fields):
            break
        end += 1
    if fields < 2 or not known or not state.blank(end):
        return None
    lines = state.lines[position:end]
    block = Verbatim(verbatim_text(lines), "headers", None, span(lines))
    return Found([block], end, f"mail headers: {fields} fields")


def armour(state: State, position: int) -> Found | None:
    text = state.lines[position].text
    match = text.startswith("-----BEGIN PGP ") and _ARMOUR.fullmatch(text)  # the prefix first: cheaper
    if not match:
        return None
    if match[1] == "SIGNED MESSAGE":
        end = position + 1
        while end < len(state) and not state.blank(end) and header_field(state.lines[end].text):
            end += 1
    else:
        closing = f"-----END PGP {match[1]}-----"
        limit = min(len(state), position + _ARMOUR_LIMIT)
        end = next((i + 1 for i in range(position + 1, limit) if state.lines[i].text == closing), None)
        if end is None:
            return None
    lines = state.lines[position:end]
    return Found([Verbatim(verbatim_text(lines), None, None, span(lines))], end, f"PGP armour: {match[1].lower()}")


def signature(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if (line.text != "--" and not _LIST_FOOTER.fullmatch(line.text)) or line.indent:
        return None
    end = position + 1
    while end < len(state) and not state.blank(end) and end - position <= _SIGNATURE_LINES:
        end += 1
    if end == position + 1 or not state.blank(end):
        return None
    lines = state.lines[position:end]
    return Found([LineBlock(verbatim_text(lines), span(lines))], end,
                 "signature: lines after the '-- ' delimiter or a list footer's rule")
