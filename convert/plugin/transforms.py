"""Document transforms: functions from a document to a document, contributed
by plugins through the ``register_transforms`` hook and run, in the order the
user names them with ``--transform``, after reading and before writing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from convert.plugin.formats import Context, check_name, check_target, declare_options, resolve
from convert.plugin.options import Option
from convert.model import Document

Apply = Callable[[Document, Context], Document]


@dataclass(frozen=True)
class Transform:
    """A named document transform."""

    name: str
    """Short name used with ``--transform``."""
    description: str
    """One line for ``--list-plugins``."""
    apply: Union[Apply, str]
    """``apply(document, context) -> document``, or ``"module:function"``."""
    options: tuple[Option, ...] = ()
    """The ``-O`` options the transform takes."""

    def __post_init__(self) -> None:
        check_name(self.name)
        check_target(self.apply, f"transform {self.name!r}: apply")
        declare_options(self, f"transform {self.name!r}")

    def function(self) -> Apply:
        """The transform callable, imported if it was given by name."""
        return resolve(self.apply)
