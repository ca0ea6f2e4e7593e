"""Score the language guess against the language corpus and the plain-text keys.

Usage::

    python benchmarks/languages.py [--holdout] [-v]

Without ``--holdout``: the development set, ``corpus/languages/dev`` and the
documents of ``corpus/plaintext/docs`` (each key's ``language``).  With it:
``corpus/languages/holdout`` only.  A guess is right when its primary subtag
is the key's.  ``-v`` prints every file, not only the misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402

LANGUAGES = ROOT / "corpus" / "languages"
PLAINTEXT = ROOT / "corpus" / "plaintext"


def language_keys(holdout: bool) -> list[tuple[Path, str]]:
    """(file, expected language) pairs of one set."""
    rows = [line.split("\t") for line in (LANGUAGES / "KEYS.tsv").read_text("utf-8").splitlines()[1:]]
    folder = "holdout/" if holdout else "dev/"
    pairs = [(LANGUAGES / name, language) for name, language, _ in rows if name.startswith(folder)]
    if not holdout:
        for key in sorted((PLAINTEXT / "keys").glob("*.json")):
            pairs.append((PLAINTEXT / "docs" / f"{key.stem}.txt", json.loads(key.read_text("utf-8"))["language"]))
    return pairs


def guessed(path: Path) -> tuple[str, str]:
    """The language the plain-text reader gives a file, and its reason."""
    result = convert.read_file(path, input_format="text")
    reason = next(note.message for note in result.notes if note.code == "language")
    return result.document.meta.language, reason


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdout", action="store_true", help="score the held-out set")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every file")
    arguments = parser.parse_args()
    pairs = language_keys(arguments.holdout)
    right = 0
    for path, expected in pairs:
        language, reason = guessed(path)
        ok = language.split("-")[0] == expected
        right += ok
        if arguments.verbose or not ok:
            print(f"{'ok' if ok else 'MISS':4} {path.relative_to(ROOT)}: expected {expected}, guessed {reason}")
    print(f"languages {right}/{len(pairs)} ({right / len(pairs):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
