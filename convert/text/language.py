"""The language of a text, guessed from its writing system and its commonest words.

A reader that is not told the language (``--metadata language=``, the
reader's ``language`` option, Markdown front matter) asks
:func:`document_language`, which guesses from the document's prose, so that
a Japanese file is not declared English: screen readers choose their voice
by it, the PDF hyphenates by it, and EPUB and DOCX set the writing
direction by it.

The rule, on the first :data:`SAMPLE` characters, is deterministic:

1. URLs, mail addresses and ``www`` host names are set aside.  Letters are
   counted by writing system; a Chinese, Japanese or Korean character counts
   as :data:`CJK_WEIGHT` letters, about the letters of a word.
2. When a writing system other than Latin holds most of the weighted letters,
   it names the language: kana among the Chinese characters make Japanese,
   Hangul Korean, Hebrew letters Hebrew, and so on.  Where a script serves
   several languages, letters only one of them uses decide (Ukrainian ``ї``,
   Persian ``پ``); otherwise the script's commonest language is taken.
3. Latin text is matched word by word against the commonest words of
   :data:`COMMON_WORDS`'s languages.  The language with the most matches is
   taken when it has at least :data:`MIN_MATCHES` of them and more than any
   other.
4. Anything else (too little text, a tie) is :data:`DEFAULT`.

A library (langid, lingua, fastText) would know more languages, but loads
megabytes of models on every conversion; this guess costs well under a
millisecond.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import Iterable, NamedTuple

from convert.model.nodes import Block, Heading, LineBlock, Paragraph, Table
from convert.model.walk import block_texts, iter_blocks

DEFAULT = "en"
"""The language of a text that gives no sure sign of its own."""
SAMPLE = 10_000
"""Characters looked at: the start of the text, where it is most often itself."""
MIN_LETTERS = 40
"""Fewer (weighted) letters than this are too little to go on."""
CJK_WEIGHT = 3
"""Letters a Chinese, Japanese or Korean character counts as."""
MIN_MATCHES = 8
"""Common words a Latin-script language needs to be chosen."""


class Guess(NamedTuple):
    """A BCP 47 language tag and why it was chosen."""

    language: str
    reason: str


# (first code point, last code point, script), sorted; letters elsewhere are "other"
_SCRIPT_RANGES = (
    (0x0041, 0x024F, "Latin"), (0x0370, 0x03FF, "Greek"), (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"), (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"), (0x0B80, 0x0BFF, "Tamil"), (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"), (0x0D00, 0x0D7F, "Malayalam"), (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"), (0x10A0, 0x10FF, "Georgian"), (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"), (0x1780, 0x17FF, "Khmer"), (0x1E00, 0x1EFF, "Latin"),
    (0x1F00, 0x1FFF, "Greek"), (0x3040, 0x30FF, "Kana"), (0x3130, 0x318F, "Hangul"),
    (0x31F0, 0x31FF, "Kana"), (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"),
    (0xAC00, 0xD7AF, "Hangul"), (0xF900, 0xFAFF, "Han"), (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"), (0xFF66, 0xFF9F, "Kana"),
    (0x20000, 0x2FFFF, "Han"),
)
_RANGE_STARTS = [start for start, _, _ in _SCRIPT_RANGES]
_CJK = frozenset({"Han", "Kana", "Hangul"})

SCRIPT_LANGUAGES = {
    "Greek": "el", "Armenian": "hy", "Hebrew": "he", "Devanagari": "hi", "Bengali": "bn", "Gurmukhi": "pa",
    "Gujarati": "gu", "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml", "Sinhala": "si",
    "Thai": "th", "Lao": "lo", "Tibetan": "bo", "Myanmar": "my", "Georgian": "ka", "Hangul": "ko",
    "Ethiopic": "am", "Khmer": "km", "Arabic": "ar", "Cyrillic": "ru",
}
"""The commonest language written in each script."""

DISTINCT_LETTERS = {
    "Cyrillic": (("be", "ў", ""), ("kk", "әғқңөұүһ", ""), ("uk", "їєґі", ""), ("sr", "ђћџ", ""),
                 ("mk", "ѓќѕ", ""), ("bg", "ъ", "ыэ")),
    "Arabic": (("ur", "ٹڈڑںے", ""), ("fa", "پچژگ", "")),
}
"""For a script of several languages: (language, letters it uses, letters it
never uses), tried in order; the script's commonest language when none fits."""
DISTINCT_SHARE = 0.005
"""The share of the letters a language's own letters need to name it."""

COMMON_WORDS = {
    "en": "the and of to is that it with for this you are be as on not have which or by from was can will",
    "de": "der die und das ist nicht mit den ein eine zu sich auf dem auch werden wird für von wenn oder kann ich sie",
    "fr": "le les et des est une du que pour dans pas qui sur vous au avec ce sont il ou ne cette peut",
    "es": "el los las que del por una con para es se como más pero su al lo este está puede usted y",
    "it": "il di che è per della un non sono gli nel alla questo anche può delle dei si",
    "pt": "os não uma do da dos das em para com é você se mais ao pelo pela no na",
    "nl": "de het een en van is dat niet op te met voor zijn je ook er als maar om bij dit wordt kunt u",
    "ca": "els les i que és per amb no un una del al com més però aquest pot la",
    "cs": "je se na že to jako pro by ale jsou jak které který nebo být při jeho aby může už si není",
    "sk": "je sa na že to ako pre by ale sú ktoré ktorý alebo byť pri jeho aby môže už si nie",
    "pl": "i w nie się na z do to że jest jak ale po co tak za od przez lub jeśli może aby być są które",
    "sv": "och att det som är på för med av inte den till har om kan du vi ett eller så",
    "da": "og at det som er på for med af ikke den til har om kan du vi et eller så hvis efter nu hvad",
    "nb": "og at det som er på for med av ikke den til har om kan du vi et eller så hvis etter nå hva",
    "fi": "ja on ei se että oli mutta tai kun jos niin myös ovat voi tämä joka sen hän mitä kuin",
    "hu": "a az és hogy nem is egy van meg csak már ha vagy mint kell ez azt ami fel el",
    "tr": "ve bir bu da için ile çok ne daha gibi olarak ama veya şu her değil kadar",
    "ro": "și în cu nu pe să că un este mai sau din care pentru ca se acest",
    "hr": "i je u da se na za su od ne kao ili to s koji što ali može biti sa",
    "sl": "in je da se na za so ne ki kot ali to pa bi s z tudi lahko če",
    "eo": "la de kaj en estas al ne por ke vi mi ĉi kiu tiu sed aŭ pli per povas",
    "lv": "un ir ar par uz no lai kas ka vai bet tas tā to arī jūs var nav",
    "vi": "và của là có không được các những một để trong này cho với bạn",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke adalah atau",
}
"""Twenty-odd of the commonest words of each Latin-script language known here."""

_PUNCTUATION = "\"'()[]{}<>.,;:!?¡¿«»‹›“”„‘’‚-–—…*_`"
"""Stripped from a word's ends before it is looked up."""
_LANGUAGES_OF_WORD: dict[str, tuple[str, ...]] = {}


def guess_language(text: str) -> Guess:
    """The language of ``text``, as a BCP 47 tag with the reason (see the module's rule)."""
    sample = _without_addresses(text[:SAMPLE])
    scripts = _letters_by_script(sample)
    total = sum(scripts.values())
    if total < MIN_LETTERS:
        return Guess(DEFAULT, f"{DEFAULT}: too little text to tell")
    script, count = max(scripts.items(), key=lambda item: (item[1], item[0]))
    if script in ("Han", "Kana"):
        return _chinese_or_japanese(scripts)
    if script != "Latin" and script in SCRIPT_LANGUAGES and count * 2 > total:
        return _by_script(script, sample, total)
    return _by_common_words(sample)


def _without_addresses(sample: str) -> str:
    """The sample without URLs, mail addresses and www host names: they are
    no language's words (``github.com`` is not Portuguese ``com``)."""
    if "://" not in sample and "@" not in sample and "www." not in sample:
        return sample
    return " ".join(word for word in sample.split()
                    if "://" not in word and "@" not in word and "www." not in word)


def _letters_by_script(sample: str) -> Counter:
    """Weighted letter counts by script."""
    scripts: Counter = Counter()
    for character, count in Counter(sample).items():
        if not character.isalpha():
            continue
        point = ord(character)
        if point < 0x80:
            scripts["Latin"] += count
            continue
        index = bisect_right(_RANGE_STARTS, point) - 1
        if index >= 0 and point <= _SCRIPT_RANGES[index][1]:
            script = _SCRIPT_RANGES[index][2]
            scripts[script] += count * (CJK_WEIGHT if script in _CJK else 1)
        else:
            scripts["other"] += count
    return scripts


def _chinese_or_japanese(scripts: Counter) -> Guess:
    kana, han = scripts["Kana"], scripts["Han"]
    if kana * 10 >= kana + han:
        return Guess("ja", "ja: Japanese kana among the Chinese characters")
    return Guess("zh", "zh: Chinese characters without Japanese kana")


def _by_script(script: str, sample: str, letters: int) -> Guess:
    for language, used, unused in DISTINCT_LETTERS.get(script, ()):
        found = sum(sample.count(letter) for letter in used)
        if found >= DISTINCT_SHARE * letters and not any(letter in sample for letter in unused):
            without = f" and without {' '.join(unused)}" if unused else ""
            return Guess(language, f"{language}: {script} script with the letters {' '.join(used)}{without}")
    language = SCRIPT_LANGUAGES[script]
    return Guess(language, f"{language}: mostly {script} script")


def _by_common_words(sample: str) -> Guess:
    if not _LANGUAGES_OF_WORD:
        _index_common_words()
    matches: Counter = Counter()
    for token, count in Counter(sample.lower().split()).items():
        for language in _LANGUAGES_OF_WORD.get(token.strip(_PUNCTUATION), ()):
            matches[language] += count
    ranked = sorted(matches.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < MIN_MATCHES:
        return Guess(DEFAULT, f"{DEFAULT}: too few common words of any language to tell")
    (language, best), runner_up = ranked[0], ranked[1][1] if len(ranked) > 1 else 0
    if best == runner_up:
        return Guess(DEFAULT, f"{DEFAULT}: as many common words of {language} as of {ranked[1][0]}")
    return Guess(language, f"{language}: {best} of its common words (next {runner_up})")


def _index_common_words() -> None:
    by_word: dict[str, list[str]] = {}
    for language, words in COMMON_WORDS.items():
        for word in words.split():
            by_word.setdefault(word, []).append(language)
    _LANGUAGES_OF_WORD.update({word: tuple(languages) for word, languages in by_word.items()})


AUTO = "auto"
"""The ``language`` reader option's value that asks for a guess."""


def document_language(option: str | None, title: str, blocks: Iterable[Block]) -> Guess:
    """The language a reader's ``language`` option names or, for :data:`AUTO`
    (or none), the one guessed from the title and the blocks' prose: code and
    other verbatim text are left out, being no language's sentences."""
    if option and option != AUTO:
        return Guess(option, f"{option}: from the language option")
    pieces, size = [title], len(title)
    for block in iter_blocks(tuple(blocks)):
        if size >= SAMPLE:
            break
        if isinstance(block, (Heading, Paragraph, LineBlock, Table)):
            for text in block_texts(block):
                pieces.append(text)
                size += len(text) + 1
    return guess_language("\n".join(pieces))
