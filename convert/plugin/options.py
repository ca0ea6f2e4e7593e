"""Declared options: what ``-O KEY=VALUE`` a reader, writer or transform takes.

Every format and transform lists its options (:class:`Option`: name, type or
choices, default, help).  Before anything is read, the command line checks
each ``-O`` pair against the declarations of what the run uses: an unknown
key is a usage error with a did-you-mean, a bad value names the valid ones.
``-O epub.toc_title=...`` scopes a pair to the format or transform named
``epub``; an unscoped pair goes to everything that declares its key.  Each
plugin then sees only its own declared keys (:func:`options_for`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from convert.errors import UsageError

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_TYPES = {"str": str, "int": int, "float": float, "bool": bool}

@dataclass(frozen=True)
class Option:
    """One option a reader, writer or transform takes.

    ``Option("page_size", "the page", choices=("a4", "letter"), default="a4")``
    or ``Option("toc", "a table of contents", type=bool, default=True)``.
    """

    name: str
    """The key after ``-O`` (lower case: ``page_size``)."""
    help: str
    """One line for ``--list-formats`` and the generated docs."""
    default: Any = None
    """The value when the option is not given (shown in the docs)."""
    type: type = str
    """``str``, ``int``, ``float`` or ``bool`` (``1/true/yes/on``, ``0/false/no/off``)."""
    choices: tuple[str, ...] | None = None
    """The accepted values, if only a few are (compared case-insensitively)."""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name or self.name != self.name.lower() or "." in self.name:
            raise ValueError(f"option name {self.name!r} must be lower case, without dots")
        if self.type not in _TYPES.values():
            raise ValueError(f"option {self.name!r}: type must be str, int, float or bool, not {self.type!r}")
        if self.choices is not None and (
            isinstance(self.choices, str) or not all(isinstance(c, str) for c in self.choices)
        ):
            raise ValueError(f"option {self.name!r}: choices must be a tuple of strings")

    @property
    def metavar(self) -> str:
        """How the value is shown: ``a4|letter``, ``yes|no``, ``TEXT``, ``NUMBER``."""
        if self.choices:
            return "|".join(self.choices)
        return {bool: "yes|no", int: "INTEGER", float: "NUMBER"}.get(self.type, "TEXT")

    def parse(self, value: str) -> Any:
        """The value converted to the option's type.

        :raises UsageError: a value the option does not accept, naming the valid ones.
        """
        text = value.strip()
        if self.choices is not None:
            if text.lower() in self.choices:
                return text.lower()
            raise UsageError(f"-O {self.name}={value!r} is not one of: {', '.join(self.choices)}")
        if self.type is bool:
            if text.lower() in _TRUE + _FALSE:
                return text.lower() in _TRUE
            raise UsageError(f"-O {self.name}={value!r} is not one of: yes, no (or 1/0, true/false, on/off)")
        if self.type in (int, float):
            try:
                return self.type(text)
            except ValueError:
                noun = "a whole number" if self.type is int else "a number"
                raise UsageError(f"-O {self.name}={value!r} is not {noun}") from None
        return value

    def as_dict(self) -> dict[str, Any]:
        default = self.default
        if isinstance(default, bool):
            default = "yes" if default else "no"
        return {
            "name": self.name,
            "type": self.type.__name__,
            "choices": list(self.choices) if self.choices else None,
            "values": self.metavar,
            "default": default,
            "help": self.help,
        }


CORE_READER_OPTIONS = (
    Option("encoding", "decode the input with this encoding (also --encoding); read by decode_source"),
)
"""Options every reader receives besides its own."""


def check_declarations(options: Any, owner: str) -> tuple[Option, ...]:
    """A format's or transform's ``options`` as a tuple of :class:`Option`.

    :raises TypeError: anything else, or one name declared twice.
    """
    if isinstance(options, (str, bytes)) or not isinstance(options, Sequence):
        raise TypeError(f"{owner}: options must be a tuple of convert.Option, got {options!r}")
    names = set()
    for option in options:
        if not isinstance(option, Option):
            raise TypeError(f"{owner}: options must be convert.Option objects, got {option!r}")
        if option.name in names:
            raise TypeError(f"{owner}: option {option.name!r} is declared twice")
        names.add(option.name)
    return tuple(options)


def split_key(key: str) -> tuple[str | None, str]:
    """``epub.toc_title`` gives ``("epub", "toc_title")``; ``toc_title`` gives ``(None, "toc_title")``."""
    scope, dot, name = key.rpartition(".")
    return (scope, name) if dot else (None, key)


def options_for(pairs: Iterable[tuple[str, str]], name: str, declared: Sequence[Option],
                core: Sequence[Option] = ()) -> dict[str, str]:
    """The ``-O`` values one format or transform receives: the unscoped
    pairs it declares, then those scoped to ``name`` (which win)."""
    known = {option.name for option in declared} | {option.name for option in core}
    if not known:
        return {}
    unscoped, scoped = {}, {}
    for key, value in pairs:
        scope, option = split_key(key)
        if option in known:
            if scope is None:
                unscoped[option] = value
            elif scope == name:
                scoped[option] = value
    return {**unscoped, **scoped}


def option_value(options: Mapping[str, str], declared: Sequence[Option], name: str) -> Any:
    """The typed value of a declared option: parsed from ``options``, else its default.

    :raises ValueError: ``name`` is not declared.
    """
    for option in declared:
        if option.name == name:
            return option.parse(options[name]) if name in options else option.default
    raise ValueError(f"option {name!r} is not declared: add Option({name!r}, ...) to the format's "
                     "or transform's options")


def check_pairs(pairs: Iterable[tuple[str, str]], users: Mapping[str, Sequence[Option]],
                core: Sequence[Option] = ()) -> None:
    """Refuse ``-O`` pairs nothing in the run declares, and bad values.

    :param users: for each format or transform the run uses, by name, its
        declared options.
    :raises UsageError: an unknown scope or key (with a did-you-mean), or a
        value an option does not accept.
    """
    for key, value in pairs:
        scope, name = split_key(key)
        if scope is not None:
            if scope not in users:
                raise UsageError(
                    f"-O {key}: nothing named {scope!r} is used in this run"
                    f"{suggest(scope, users)}; scopes: {', '.join(sorted(users)) or 'none'}"
                )
            declaring = [option for option in users[scope] if option.name == name]
            if not declaring:
                offered = [option.name for option in users[scope]]
                raise UsageError(
                    f"-O {key}: {scope} has no option {name!r}{suggest(name, offered)}"
                    f"; its options: {', '.join(sorted(offered)) or 'none'}"
                )
        else:
            declaring = [option for options in (*users.values(), core) for option in options if option.name == name]
            if not declaring:
                offered = sorted({option.name for options in (*users.values(), core) for option in options})
                raise UsageError(
                    f"unknown option -O {name}{suggest(name, offered)}; the formats and transforms "
                    f"in use ({', '.join(sorted(users))}) take: {', '.join(offered) or 'no options'} "
                    "(see --list-formats)"
                )
        for option in declaring:
            option.parse(value)


def suggest(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    import difflib  # only a mistake pays for it

    squeezed = {candidate.replace("_", "").replace("-", ""): candidate for candidate in candidates}
    close = difflib.get_close_matches(word.replace("_", "").replace("-", ""), list(squeezed), n=1, cutoff=0.6)
    return f" (did you mean {squeezed[close[0]]!r}?)" if close else ""
