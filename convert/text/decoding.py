"""Turning a file's bytes into text, or refusing with a reason.

The rule, in order (documented in ``docs/plain-text.md``):

1. A byte-order mark decides: UTF-8, UTF-16 LE/BE or UTF-32 LE/BE.
2. Files that look binary are refused: a known binary signature (PNG, JPEG,
   GIF, PDF, ZIP, gzip, ELF, ...) or, in the first 64 KiB, more than 1 % NUL
   bytes or 10 % other control bytes (and more than eight of them).  The
   backspaces of terminal overstrike (``N\bNA\bAM\bME\bE``, ``_\bb``, as a
   man page prints) are text: the cleaning rule removes them.
3. ``encoding=`` given by the user: decode strictly with it.
4. UTF-8, strictly.
5. Otherwise Windows-1252 (a superset of printable Latin-1, and the usual
   legacy encoding of Western text), with a warning saying it was a guess.
   Bytes Windows-1252 leaves undefined make the file undecodable: the error
   names the offset of the first byte that is invalid UTF-8.
"""

from __future__ import annotations

import codecs

from convert.errors import Diagnostic, InputError, UsageError
from convert.text.patterns import lazy_compile

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or EPUB/DOCX)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_SAMPLE = 64 * 1024
_OTHER_CONTROLS = bytes(b for b in range(1, 32) if b not in b"\t\n\r\x0c\x1b")
_NOT_OTHER_CONTROLS = bytes(b for b in range(256) if b not in _OTHER_CONTROLS)
_OVERSTRIKE = lazy_compile(rb"[^\x00-\x1f]\x08(?=[^\x00-\x1f])")
_FEW = 8  # a handful of stray control bytes is damaged text, not a binary file
_FALLBACK = "cp1252"


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, list[Diagnostic]]:
    """Decode a text file's bytes; the text keeps its line endings.

    :param name: file name used in error messages.
    :param encoding: the user's choice of encoding, if any.
    :raises InputError: binary or undecodable data.
    :raises UsageError: an unknown ``encoding`` name.
    """
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], bom_encoding, name, len(bom)), []
    _refuse_binary(data, name)
    if encoding:
        return _strict(data, check_encoding(encoding), name, 0), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return _guess(data, name, error)


def check_encoding(encoding: str) -> str:
    """The codec's canonical name, if ``encoding`` names a text encoding.

    Codecs that turn bytes into bytes or text into text (``rot13``,
    ``base64``, ``zlib``) are not text encodings.

    :raises UsageError: an unknown name, or a codec that is not a text encoding.
    """
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        codec = None
    # the flag bytes.decode itself checks before refusing rot13 and friends
    if codec is None or not getattr(codec, "_is_text_encoding", True):
        raise UsageError(f"--encoding {encoding!r} is not a text encoding (such as utf-8, cp1252 or latin-1)")
    return codec.name


def _strict(data: bytes, encoding: str, name: str, offset: int) -> str:
    # Strict even after a byte-order mark: a lone surrogate or a truncated
    # code unit means the file is not what its mark promises.
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        bad = data[error.start:max(error.end, error.start + 1)]
        what = f"invalid byte 0x{bad[0]:02X}" if len(bad) == 1 else f"invalid bytes {bad.hex(' ').upper()} ({error.reason})"
        raise InputError(f"{name}: cannot decode as {encoding}: {what} at offset {error.start + offset}") from None


def _refuse_binary(data: bytes, name: str) -> None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: not a text file (looks like {kind})")
    sample = data[:_SAMPLE]
    if not sample:
        return
    nuls = sample.count(0)
    overstrikes = len(_OVERSTRIKE.findall(sample)) if b"\x08" in sample else 0  # a scan only when one may be there
    controls = nuls + len(sample.translate(None, _NOT_OTHER_CONTROLS)) - overstrikes
    if nuls > max(len(sample) // 100, _FEW) or controls > max(len(sample) // 10, _FEW):
        raise InputError(
            f"{name}: not a text file ({controls} control bytes, {nuls} of them NUL, "
            f"in the first {len(sample)} bytes)"
        )


def _guess(data: bytes, name: str, error: UnicodeDecodeError) -> tuple[str, list[Diagnostic]]:
    where = f"invalid UTF-8 byte 0x{data[error.start]:02X} at offset {error.start}"
    try:
        text = data.decode(_FALLBACK)
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: cannot decode: {where}, and not Windows-1252 either; "
            "name the encoding with --encoding"
        ) from None
    line = data.count(b"\n", 0, error.start) + 1
    note = Diagnostic(
        "encoding-guess",
        f"not UTF-8 ({where}); decoded as Windows-1252 — use --encoding to choose another",
        line,
    )
    return text, [note]
