"""Score the plain-text reader against hand-made structure keys.

Reads every document of ``corpus/plaintext/docs`` (or ``holdout`` with
``--holdout``) through the library API — the same code path as the command
line — and compares the model with the document's key
(``corpus/plaintext/README.md`` describes the key format):

* **title**: the model's title equals the key's, compared case- and
  whitespace-insensitively, ignoring invisible format characters (bidi
  marks) and a final period.  A key title of ``null`` (the document has none)
  is right when the reader took no title from the text.
* **headings**: precision, recall and F1, matched at the source line.  A
  model heading matches a key heading when its line range (``lines``)
  contains the key's line: the key points at the first line of a heading
  (the text line of a setext heading, the first line of a wrapped one), and a
  heading unit may also hold its underline.  Each heading matches at most
  once, so a contents entry that repeats a heading's words elsewhere is a
  false alarm.  Level agreement is reported on the matched pairs.
* **regions kept**: a line-broken region is kept when no two of its
  non-blank lines were joined, i.e. no paragraph or heading (at any depth:
  list items and quotations included) covers two or more of them; a
  one-line region (a command inside prose) is kept when no paragraph joins
  it to another line.  Regions rendered as verbatim text, line blocks,
  quotations of kept lines, or one paragraph per line all count as kept.
* **markers kept**: a key list is kept when each of its markers, in order,
  appears after the list's first line either as a list item's ``marker`` or
  as a word of the text.
* **fidelity**: the share of the source's words found in order in the
  model's words (title, texts and list markers, in source order).  Words are
  whitespace-separated and must hold a letter or digit, so decoration
  (``====``, ``*``, dotted leaders) is not counted; ANSI escape sequences,
  backspace overstrike and control characters are taken out of the source
  first (that is cleaning, not loss).  Words that differ only in spacing
  count as kept: a letter-spaced banner (``W e l c o m e``) closed up into
  ``Welcome`` loses nothing, and neither does a quoted ``>This`` read into a
  quotation as ``This``.

Usage::

    python benchmarks/structure.py [--holdout] [--json out.json] [-v]
    python benchmarks/structure.py --stress [--lines 200000]

``--stress`` times the reader on 200,000-line inputs made of each pattern the
grammar knows, to check that every rule stays linear.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402
from convert.model import Heading, LineBlock, ListBlock, Paragraph, Quotation, Table, Verbatim  # noqa: E402
from convert.model.walk import iter_blocks  # noqa: E402
from convert.text.decoding import decode  # noqa: E402

CORPUS = ROOT / "corpus" / "plaintext"

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
_OVERSTRIKE = re.compile(r".\x08")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise_title(text: str | None) -> str:
    visible = "".join(char for char in unicodedata.normalize("NFC", text or "") if unicodedata.category(char) != "Cf")
    return " ".join(visible.casefold().split()).rstrip(".")


def is_word(token: str) -> bool:
    return any(char.isalnum() for char in token)


def unquoted(word: str) -> str:
    """A word without the ``>`` quote markers glued to its front (``>This``):
    they are markup a quotation takes away, as a list takes its markers."""
    return word.lstrip(">") or word


def source_words(text: str) -> list[str]:
    """The words of the source, with terminal markup and controls taken out."""
    text = _CONTROLS.sub(" ", _OVERSTRIKE.sub("", _ANSI.sub("", text)))
    return [token for token in text.split() if is_word(token)]


# --- the model's words and tokens, in source order ---------------------------------


def block_pieces(block) -> list[tuple[int, int, str]]:
    """(first line, last line, text) pieces of a block in reading order; list
    markers are pieces of their own."""
    first, last = block.lines
    if isinstance(block, Heading):
        return [(first, last, block.label)]
    if isinstance(block, Paragraph):
        return [(first, last, block.text)]
    if isinstance(block, (Verbatim, LineBlock)):
        return [(first + offset, first + offset, row) for offset, row in enumerate(block.text.split("\n"))]
    if isinstance(block, ListBlock):
        pieces = []
        for item in block.items:
            if item.marker:
                pieces.append((item.lines[0], item.lines[0], item.marker))
            for inner in item.blocks:
                pieces.extend(block_pieces(inner))
        return pieces
    if isinstance(block, Quotation):
        pieces = [piece for inner in block.blocks for piece in block_pieces(inner)]
        if block.attribution:
            pieces.append((last, last, block.attribution))
        return pieces
    if isinstance(block, Table):
        return [(first, last, cell.text) for row in (*block.head, *block.body) for cell in row]
    return []


def model_pieces(document) -> list[tuple[int, int, str]]:
    """Every text of the document with its source lines, the title (when it
    came from the text) at its place in the source."""
    pieces = [piece for block in document.blocks for piece in block_pieces(block)]
    title_lines = document.meta.title_lines
    if title_lines:
        at = next((i for i, piece in enumerate(pieces) if piece[0] >= title_lines[0]), len(pieces))
        pieces.insert(at, (title_lines[0], title_lines[1], document.meta.title))
    return pieces


def model_tokens(document) -> list[tuple[int, int, str]]:
    return [(first, last, token) for first, last, text in model_pieces(document) for token in text.split()]


# --- the measures -------------------------------------------------------------------


@dataclass
class FileScore:
    name: str
    title_right: bool
    title_found: str
    title_expected: str | None
    headings_expected: int
    headings_found: int
    headings_matched: int
    levels_agreeing: int
    regions: int
    regions_kept: int
    lists: int
    lists_kept: int
    words: int
    words_kept: int
    seconds: float
    missed_headings: list = field(default_factory=list)
    false_headings: list = field(default_factory=list)
    joined_regions: list = field(default_factory=list)
    lost_markers: list = field(default_factory=list)
    first_lost_words: list = field(default_factory=list)

    @property
    def fidelity(self) -> float:
        return self.words_kept / self.words if self.words else 1.0


def match_headings(key_headings: list[dict], found: list[Heading]) -> tuple[list, list, list]:
    """Pairs (key, model) matched at the source line; the unmatched of each side."""
    pairs, unmatched = [], list(found)
    missed = []
    for expected in key_headings:
        line = expected["line"]
        hit = next((h for h in unmatched if h.lines[0] <= line <= h.lines[1]), None)
        if hit is None:
            missed.append(expected)
        else:
            unmatched.remove(hit)
            pairs.append((expected, hit))
    return pairs, missed, unmatched


def joined_lines(region: dict, flowing: list, source_lines: list[str]) -> tuple[int, int] | None:
    """The lines of the first paragraph or heading that joins two of the
    region's non-blank lines, or None when the region is kept."""
    wanted = [n for n in range(region["start"], region["end"] + 1) if source_lines[n - 1].strip()]
    needed = 2 if len(wanted) > 1 else 1
    for block in flowing:
        first, last = block.lines
        if last > first and sum(1 for n in wanted if first <= n <= last) >= needed:
            return block.lines
    return None


def markers_kept(key_list: dict, tokens: list) -> str | None:
    """The first marker of a key list not found in order, or None."""
    start = key_list["line"]
    stop = start + 60 * max(1, key_list["items"])
    window = [token for first, last, token in tokens if last >= start and first < stop]
    position = 0
    for marker in key_list["markers"]:
        if not marker:
            continue
        while position < len(window) and not window[position].startswith(marker):
            position += 1
        if position == len(window):
            return marker
        position += 1
    return None


def words_kept(expected: list[str], found: list[str]) -> tuple[int, list[str]]:
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    kept = 0
    lost = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and "".join(expected[i1:i2]) == "".join(found[j1:j2])):
            kept += i2 - i1
        elif tag in ("delete", "replace"):
            lost.append(" ".join(expected[i1:i2])[:80])
    return kept, lost[:5]


def score_file(path: Path, key: dict) -> FileScore:
    started = time.perf_counter()
    result = convert.read_file(path)
    seconds = time.perf_counter() - started
    document = result.document
    text, _ = decode(path.read_bytes(), path.name)
    source_lines = re.split(r"\r\n|\r|\n", text)

    found_title = document.meta.title if document.meta.title_lines else None
    if key["title"] is None:
        title_right = found_title is None
    else:
        title_right = normalise_title(document.meta.title) == normalise_title(key["title"])

    blocks = list(iter_blocks(document.blocks))
    headings = [block for block in blocks if isinstance(block, Heading)]
    pairs, missed, false = match_headings(key["headings"], headings)

    flowing = [block for block in blocks if isinstance(block, (Paragraph, Heading))]
    joined = []
    for region in key["regions"]:
        where = joined_lines(region, flowing, source_lines)
        if where:
            joined.append({**region, "joined": list(where)})

    tokens = model_tokens(document)
    lost_markers = []
    for key_list in key["lists"]:
        missing = markers_kept(key_list, tokens)
        if missing is not None:
            lost_markers.append({"line": key_list["line"], "marker": missing})

    expected_words = [unquoted(word) for word in source_words(text)]
    # symbols stay in: a marker glued to its word in the source ("・enable-cjk")
    # is two tokens in the model, and only their join matches
    found_words = [unquoted(token) for _, _, token in tokens]
    kept, lost_words = words_kept(expected_words, found_words)

    return FileScore(
        name=path.name,
        title_right=title_right,
        title_found=document.meta.title,
        title_expected=key["title"],
        headings_expected=len(key["headings"]),
        headings_found=len(headings),
        headings_matched=len(pairs),
        levels_agreeing=sum(1 for expected, hit in pairs if expected.get("level") == hit.level),
        regions=len(key["regions"]),
        regions_kept=len(key["regions"]) - len(joined),
        lists=len(key["lists"]),
        lists_kept=len(key["lists"]) - len(lost_markers),
        words=len(expected_words),
        words_kept=kept,
        seconds=seconds,
        missed_headings=[{"line": h["line"], "text": h["text"]} for h in missed],
        false_headings=[{"line": h.lines[0], "text": h.label[:70]} for h in false],
        joined_regions=joined,
        lost_markers=lost_markers,
        first_lost_words=lost_words,
    )


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def totals(scores: list[FileScore]) -> dict:
    expected = sum(s.headings_expected for s in scores)
    found = sum(s.headings_found for s in scores)
    matched = sum(s.headings_matched for s in scores)
    precision, recall = ratio(matched, found), ratio(matched, expected)
    words = sum(s.words for s in scores)
    return {
        "files": len(scores),
        "titles_right": sum(s.title_right for s in scores),
        "titles": ratio(sum(s.title_right for s in scores), len(scores)),
        "headings_expected": expected,
        "headings_found": found,
        "headings_matched": matched,
        "heading_precision": precision,
        "heading_recall": recall,
        "heading_f1": f1(precision, recall),
        "heading_levels_agreeing": ratio(sum(s.levels_agreeing for s in scores), matched),
        "regions": sum(s.regions for s in scores),
        "regions_kept": ratio(sum(s.regions_kept for s in scores), sum(s.regions for s in scores)),
        "lists": sum(s.lists for s in scores),
        "markers_kept": ratio(sum(s.lists_kept for s in scores), sum(s.lists for s in scores)),
        "words": words,
        "fidelity": ratio(sum(s.words_kept for s in scores), words),
        "seconds": sum(s.seconds for s in scores),
    }


def print_table(scores: list[FileScore], total: dict, verbose: bool) -> None:
    print(f"{'file':32} title  head exp/fnd/ok   P     R    regions  lists   fidelity")
    for s in scores:
        p, r = ratio(s.headings_matched, s.headings_found), ratio(s.headings_matched, s.headings_expected)
        print(
            f"{s.name[:32]:32} {'ok' if s.title_right else '--':5} "
            f"{s.headings_expected:4}/{s.headings_found:3}/{s.headings_matched:3}  {p:4.2f}  {r:4.2f}  "
            f"{s.regions_kept:3}/{s.regions:<3}  {s.lists_kept:2}/{s.lists:<2}  {s.fidelity:7.4f}"
        )
        if verbose:
            if not s.title_right:
                print(f"    title: found {s.title_found!r}, expected {s.title_expected!r}")
            for h in s.missed_headings:
                print(f"    missed heading  {h['line']:5}  {h['text'][:60]}")
            for h in s.false_headings:
                print(f"    false heading   {h['line']:5}  {h['text'][:60]}")
            for region in s.joined_regions:
                print(f"    joined region   {region['start']}-{region['end']} {region['kind']} (block {region['joined']})")
            for lost in s.lost_markers:
                print(f"    lost marker     list at {lost['line']}: {lost['marker']!r}")
            for words in s.first_lost_words:
                print(f"    lost words      {words}")
    print()
    print(
        f"titles {total['titles_right']}/{total['files']} ({total['titles']:.0%})  "
        f"headings P {total['heading_precision']:.2f} R {total['heading_recall']:.2f} "
        f"F1 {total['heading_f1']:.2f} (levels {total['heading_levels_agreeing']:.0%})  "
        f"regions kept {total['regions_kept']:.0%} of {total['regions']}  "
        f"markers kept {total['markers_kept']:.0%} of {total['lists']} lists  "
        f"fidelity {total['fidelity']:.4f}  read in {total['seconds']:.2f} s"
    )


def score_corpus(holdout: bool) -> tuple[list[FileScore], dict]:
    docs = CORPUS / ("holdout" if holdout else "docs")
    keys = CORPUS / ("holdout-keys" if holdout else "keys")
    if holdout and not any(docs.glob("*.txt")):
        raise SystemExit("no held-out documents: the last set was scored and joined docs/; draw a new one "
                         "from new sources (corpus/plaintext/README.md)")
    scores = []
    for path in sorted(docs.glob("*.txt")):
        key = json.loads((keys / f"{path.stem}.json").read_text("utf-8"))
        scores.append(score_file(path, key))
    return scores, totals(scores)


# --- stress: every pattern, 200,000 lines --------------------------------------------


def stress_inputs(lines: int) -> dict[str, str]:
    """One input per pattern of the grammar, ``lines`` lines long."""

    def repeat(block: list[str]) -> str:
        count = max(1, lines // len(block))
        return "\n".join(block * count) + "\n"

    def numbered(make) -> str:
        return "\n".join(make(n) for n in range(lines)) + "\n"

    return {
        "prose (wrapped)": repeat(["A line of wrapped prose that goes on", "and on to the next line.", ""]),
        "digest (one paragraph per line)": repeat(["A headline sentence that stands on its own line and is long enough."]),
        "setext headings": repeat(["Section title", "=============", "", "Text under it.", ""]),
        "outline stars": repeat(["* Top heading", "", "** Sub heading", "", "Text of the section.", ""]),
        "numbered sections": numbered(lambda n: f"{n % 900 + 1}. Section title." if n % 4 == 0 else ("" if n % 4 == 2 else "Body text of the section.")),
        "all-caps lines": repeat(["SECTION NAME", "", "Text below.", ""]),
        "bullets": repeat(["- an item", "- another item", ""]),
        "lettered items": repeat(["a) first", "b) second", "c) third", ""]),
        "inline parenthesised numbers": repeat(["text (1) with (2) numbers (3) inside", "and (4) more."]),
        "indented code": repeat(["Some text:", "", "    int main(void) {", "        return 0;", "    }", ""]),
        "box diagram": repeat(["+------+------+", "| a    | b    |", "+------+------+"]),
        "quoted reply": repeat(["> quoted line", ">> deeper quoted", "> back", "Reply text.", ""]),
        "nested quotes": numbered(lambda n: ">" * (n % 12 + 1) + " quoted"),
        "mail headers": repeat(["From: someone@example.org", "Subject: hello", "Date: today", "", "Body.", ""]),
        "fortunes": repeat(["A fortune line", "    -- Someone", "%"]),
        "verse": repeat(["  The rain it raineth", "  every day,", "  upon the just", ""]),
        "contents": numbered(lambda n: f"{n % 90 + 1}. Chapter name {'.' * 20} {n % 300 + 1}"),
        "man page": repeat(["NAME", "       tool - does things", "", "SYNOPSIS", "       tool [options]", ""]),
        "urls": repeat(["See https://example.org/a/b?c=d and mail@example.org for more."]),
        # Dense enough to exercise the rule, sparse enough (under 10 % control
        # bytes) not to be refused as binary by the decoder.
        "ansi and overstrike": repeat([
            "\x1b[1mNAME\x1b[0m and some words of a manual page that goes on and on, then _\bu_\bn_\bd_\be_\br",
            "a line of plain text between the formatted ones, as a manual page has many of them",
        ]),
        "one long line": "word " * lines + "\n",
        "blank lines": "\n" * lines + "x\n",
        "tabs and spaces": repeat(["\tindented", "        eight", "x"]),
        "changelog entries": repeat(["1991/10/18: v2.30", "\t    Started using RCS to manage the source", ""]),
        "faq questions": repeat(["Q: How can I get vi to display my character set?", "A: Look at isprint(3).", ""]),
        "diff hunks": "*** a.c\n--- b.c\n" + repeat(["***************", "*** 1,2 ****", "! old", "--- 1,2 ----", "! new"]),
        "fences": repeat(["```", "code line", "```", "", "----", "", "Text after.", ""]),
        "literal blocks": repeat(["Run this::", "", "    make install", ""]),
    }


def stress(lines: int) -> int:
    """Read each input and write it as JSON; report wall and CPU seconds (the
    CPU time is what the machine's other load does not inflate)."""
    slowest = 0.0
    print(f"{'input':34} {'lines':>8}  {'wall s':>7}  {'cpu s':>6}  {'read':>6}  {'blocks':>7}")
    for name, text in stress_inputs(lines).items():
        data = text.encode("utf-8")
        started, cpu = time.perf_counter(), time.process_time()
        result = convert.read_bytes(data, "stress.txt")
        read_cpu = time.process_time() - cpu
        convert.render(result.document, "json")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        slowest = max(slowest, cpu)
        print(f"{name:34} {text.count(chr(10)):8}  {seconds:7.2f}  {cpu:6.2f}  {read_cpu:6.2f}  "
              f"{len(result.document.blocks):7}")
    print(f"slowest: {slowest:.2f} s of CPU (limit 10 s)")
    return 0 if slowest < 10 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", action="store_true", help="score the held-out set (once, at the end)")
    parser.add_argument("--json", metavar="FILE", help="write every figure as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss per file")
    parser.add_argument("--stress", action="store_true", help="time 200,000-line inputs of each pattern")
    parser.add_argument("--lines", type=int, default=200_000, help="lines per stress input")
    args = parser.parse_args(argv)
    if args.stress:
        return stress(args.lines)
    scores, total = score_corpus(args.holdout)
    print_table(scores, total, args.verbose)
    if args.json:
        Path(args.json).write_text(
            json.dumps({"totals": total, "files": [asdict(s) for s in scores]}, indent=1, ensure_ascii=False) + "\n",
            "utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
