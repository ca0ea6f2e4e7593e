"""The plain-text reader: a deterministic grammar from lines to the IDM.

The steps, one module each:

1. :mod:`.lines` splits the text, removes what no output can carry, and
   classifies every line on its own;
2. :mod:`.profile` measures the whole document once (paragraph style,
   indentation of the running text, wrap width, man page, fortune file,
   outline);
3. :mod:`.rules.title` finds the title;
4. :mod:`.rules` runs the ordered rule table over the lines — one module
   per family of rules — and :mod:`.rules.links` marks URLs and addresses.

``docs/plain-text.md`` is the grammar's reference, with an example of every
rule; ``convert FILE --inspect`` shows each decision with its reason.
"""

from __future__ import annotations

from convert.errors import Diagnostic, InputError
from convert.model import Document, Heading, Meta
from convert.plugin.formats import ReadContext, ReadResult
from convert.plaintext.lines import split_lines
from convert.plaintext.profile import profile
from convert.plaintext.rules import parse_blocks
from convert.plaintext.rules.links import add_links
from convert.plaintext.rules.title import find_title
from convert.plaintext.state import State
from convert.text.decoding import decode
from convert.text.language import document_language
from convert.text.patterns import lazy_compile

__all__ = ["parse_text", "read_plain_text"]


def read_plain_text(data: bytes, context: ReadContext) -> ReadResult:
    """Decode a plain-text file's bytes (see :mod:`convert.text.decoding`) and parse them."""
    text, decoding_notes = decode(data, context.source_name, context.options.get("encoding"))
    result = parse_text(text, context)
    return ReadResult(result.document, decoding_notes + result.warnings, result.notes)


def parse_text(text: str, context: ReadContext) -> ReadResult:
    """Parse decoded plain text into a document.

    :param context: the source's name, hash and date, and reader options
        (``paragraphs=lines|wrapped`` forces a paragraph style).
    :raises InputError: the text has no visible content.
    """
    lines, diagnostics = split_lines(text)
    if not any(line.text for line in lines):
        what = "is empty" if not text else "contains only whitespace"
        raise InputError(f"{context.source_name}: {what}; nothing to convert")
    measures, decision = profile(lines)
    forced = context.options.get("paragraphs")
    if forced in ("lines", "wrapped"):
        measures = measures._replace(style=forced)
        decision = Diagnostic("paragraph-style", f"{forced} (forced by option)")
    state = State(lines, measures)
    title = find_title(state)
    if state.skip:
        state.find_runs()
    blocks = add_links(parse_blocks(state))
    language = document_language(context.options.get("language"), title.text if title else "", blocks)
    meta = Meta(
        title=title.text if title else context.fallback_title,
        language=language.language,
        source_name=context.source_name,
        source_sha256=context.sha256,
        modified=context.modified,
        title_lines=title.lines if title else None,
    )
    notes = [Diagnostic(decision.code, decision.message, None, "info"),
             Diagnostic("profile", measures.describe(), None, "info"),
             Diagnostic("language", language.reason, None, "info")]
    if title is not None:
        line = title.lines[0] if title.lines else None
        notes.append(Diagnostic("rule", title.why, line, "info"))
    notes.extend(state.notes)
    warnings = diagnostics + state.warnings + _numbering_warnings(blocks)
    warnings.sort(key=lambda diagnostic: diagnostic.line or 0)
    return ReadResult(Document(meta, tuple(blocks)), warnings, notes)


_HEADLINE_NUMBER = lazy_compile(r"\d+\.")


def _numbering_warnings(blocks) -> list[Diagnostic]:
    """Numbered headlines that do not count up by one (they are kept as written)."""
    warnings = []
    expected = None
    for block in blocks:
        if not (isinstance(block, Heading) and block.number and _HEADLINE_NUMBER.fullmatch(block.number)):
            continue
        number = int(block.number[:-1])
        if expected is None:
            if number > 1:
                warnings.append(Diagnostic("numbering-gap", f"headline numbering starts at {number}", block.lines[0]))
        elif number != expected:
            warnings.append(Diagnostic("numbering-gap", f"headline numbering jumps from {expected - 1} to {number}",
                                       block.lines[0]))
        expected = number + 1
    return warnings
