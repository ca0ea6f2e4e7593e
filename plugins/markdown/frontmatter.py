"""YAML front matter: a ``---`` line at the very top, YAML, and a closing
``---`` (or ``...``) line.

Only metadata is taken from it; the keys mean what the same ``--metadata``
keys mean, and the command line wins (it is applied after reading).  The
YAML is read with PyYAML's base loader, which builds only strings, lists
and mappings: nothing is executed, and ``date: 2024-01-02`` stays the text
it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from convert.errors import UsageError
from convert.run.metadata import check_metadata

from convert_plugins.markdown.findings import Findings, shorten

_CLOSING = re.compile(r"(---|\.\.\.)[ \t]*")
_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:")

EXTRA_KEYS = ("date", "description", "subject", "keywords", "publisher", "rights")
"""Front matter keys kept as metadata besides title, authors and language."""


@dataclass
class FrontMatter:
    """What the front matter says, as model metadata."""

    title: str | None = None
    title_line: int | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    lines: tuple[int, int] = (0, 0)


def split_front_matter(lines: list[str], findings: Findings) -> FrontMatter | None:
    """Find, read and blank out the front matter of ``lines`` (in place, so
    that the Markdown after it keeps its line numbers).  None when there is
    none, or when it is not a YAML mapping (it is then read as Markdown)."""
    if not lines or lines[0].rstrip() != "---":
        return None
    end = next((n for n in range(1, len(lines)) if _CLOSING.fullmatch(lines[n])), None)
    if end is None or not any(_KEY_LINE.match(line) for line in lines[1:end]):
        return None
    data = _load("\n".join(lines[1:end]), findings)
    if data is None:
        return None
    front = _read(data, lines[1:end], findings)
    front.lines = (1, end + 1)
    lines[: end + 1] = [""] * (end + 1)
    return front


def _load(yaml_text: str, findings: Findings) -> dict | None:
    import yaml

    try:
        data = yaml.load(yaml_text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or "cannot be read"
        findings.warn("front-matter", f"front matter is not valid YAML ({problem}); read as Markdown", where)
        return None
    if not isinstance(data, dict):
        findings.warn("front-matter", "front matter is not a list of keys and values; read as Markdown", 1)
        return None
    return data


def _read(data: dict, yaml_lines: list[str], findings: Findings) -> FrontMatter:
    front = FrontMatter()
    line_of = _key_lines(yaml_lines)
    ignored = []
    for key, value in data.items():
        name = str(key).lower()
        line = line_of.get(str(key))
        if name == "title":
            front.title = _text(value)
            front.title_line = line
        elif name in ("author", "authors"):
            front.authors += _names(value)
        elif name in ("lang", "language"):
            front.language = _language(_text(value), findings, line)
        elif name in EXTRA_KEYS and _text(value):
            front.extra[name] = _text(value)
        else:
            ignored.append(str(key))
    if ignored:
        findings.decision("front-matter", f"keys not used as metadata: {shorten(', '.join(ignored), 80)}")
    return front


def _key_lines(yaml_lines: list[str]) -> dict[str, int]:
    """The line of each top-level key (the front matter starts on line 2)."""
    found = {}
    for number, line in enumerate(yaml_lines, 2):
        match = _KEY_LINE.match(line)
        if match:
            found.setdefault(match.group(0).rstrip(" \t:"), number)
    return found


def _text(value) -> str | None:
    """A value as one line of text: a string, or a list of strings joined by commas."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(" ".join(item.split()) for item in value if item.strip()) or None
    return None


def _names(value) -> tuple[str, ...]:
    """Authors: ``A; B``, a list of names, or a list of mappings with a ``name``."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str):
            names.extend(" ".join(part.split()) for part in item.split(";") if part.strip())
    return tuple(names)


def _language(tag: str | None, findings: Findings, line: int | None) -> str | None:
    if not tag:
        return None
    try:
        check_metadata([("language", tag)])
    except UsageError:
        findings.warn("front-matter", f"language {shorten(tag, 30)!r} is not a language tag such as en or pt-BR; ignored", line)
        return None
    return tag
