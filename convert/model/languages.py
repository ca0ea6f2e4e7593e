"""Facts about document languages that every writer needs the same way, and
the one check that a language tag is well-formed."""

from __future__ import annotations

from convert.text.patterns import lazy_compile

RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "syr", "ug", "ur", "yi"})
"""Primary language subtags written right to left."""

# RFC 5646, section 2.1 (the ABNF of a BCP 47 tag), letter for letter.  ASCII
# classes are spelled out: with IGNORECASE, [a-z] would also match the Kelvin sign.
_ALPHANUM = "[A-Za-z0-9]"
_LANGTAG = (
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"  # language, with up to three extlang
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALPHANUM}{{5,8}}|[0-9]{_ALPHANUM}{{3}}))*"  # variants
    rf"(?:-[A-WYZa-wyz0-9](?:-{_ALPHANUM}{{2,8}})+)*"  # extensions: a singleton other than x
    rf"(?:-[Xx](?:-{_ALPHANUM}{{1,8}})+)?"  # private use
)
_PRIVATE_USE = rf"[Xx](?:-{_ALPHANUM}{{1,8}})+"
_IRREGULAR = (
    "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
    "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
)
_WELL_FORMED = lazy_compile(rf"{_LANGTAG}|{_PRIVATE_USE}")
_GRANDFATHERED = frozenset(tag.lower() for tag in _IRREGULAR)


class LanguageTagError(ValueError):
    """A language tag that is not well-formed BCP 47."""


def check_language(tag: str) -> str:
    """Return ``tag`` if it is a well-formed BCP 47 language tag (RFC 5646).

    Well-formed means the tag follows the grammar (``en``, ``pt-BR``,
    ``zh-Hant-TW``, ``sr-Latn-RS``, ``de-CH-1996``, ``x-private``); whether
    its subtags are registered is not checked.  Case is kept as given.

    :raises LanguageTagError: anything else, with a message for a person.
    """
    if isinstance(tag, str) and (_language_alone(tag) or _WELL_FORMED.fullmatch(tag) or tag.lower() in _GRANDFATHERED):
        return tag
    raise LanguageTagError(f"{tag!r} is not a well-formed BCP 47 language tag such as en, pt-BR or zh-Hant-TW")


def _language_alone(tag: str) -> bool:
    """A language subtag alone (``en``, ``deu``): two to eight ASCII letters are
    always well-formed, and the usual tag needs no pattern compiled (0.5 ms)."""
    return 2 <= len(tag) <= 8 and tag.isascii() and tag.isalpha()


def primary_subtag(language: str) -> str:
    """``pt-BR`` gives ``pt``."""
    return language.split("-", 1)[0].lower()


_RIGHT_TO_LEFT_LETTER = lazy_compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


def has_right_to_left(text: str) -> bool:
    """Whether ``text`` holds a character of a right-to-left script (Hebrew,
    Arabic, Syriac, Thaana, N'Ko and their relatives)."""
    return _RIGHT_TO_LEFT_LETTER.search(text) is not None


def first_strong_direction(text: str) -> str | None:
    """``rtl`` or ``ltr``: the direction of the first letter that has one, which
    is the direction of a paragraph by Unicode's rule (UAX #9, P2 and P3);
    None for text without such a letter (digits, punctuation)."""
    import unicodedata

    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def is_right_to_left(language: str) -> bool:
    """Whether a language (BCP 47 tag) is written right to left."""
    return primary_subtag(language) in RIGHT_TO_LEFT
