"""What the loaded plugins registered, and choosing among it by name.

A name is a format or transform name (``epub``), or ``NAME@PLUGIN`` to pick
one of several providers.  Nothing is chosen silently: two providers of one
name, or two readers claiming one file extension, are a usage error that
names both and says how to choose.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, NamedTuple

from convert.errors import UsageError
from convert.plugin.formats import InputFormat, OutputFormat
from convert.plugin.options import suggest
from convert.plugin.transforms import Transform

TEXT_READER = "text"
"""The built-in plain-text reader: inputs no other reader claims are read with it."""


class PluginInfo:
    """What ``--list-plugins`` shows about one plugin.

    The records of this module are plain classes, not dataclasses: creating a
    dataclass costs a third of a millisecond at start-up, on every run.
    """

    __slots__ = ("name", "module", "package", "version", "builtin", "hooks", "outputs", "inputs", "transforms")

    def __init__(self, name: str, module: str, package: str, version: str, builtin: bool) -> None:
        self.name = name
        self.module = module
        self.package = package
        self.version = version
        self.builtin = builtin
        self.hooks: list[str] = []
        self.outputs: list[str] = []
        self.inputs: list[str] = []
        self.transforms: list[str] = []

    def __repr__(self) -> str:
        return f"PluginInfo({self.name!r}, {self.module!r}, {self.package!r}, {self.version!r})"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "module": self.module,
            "package": self.package,
            "version": self.version,
            "source": "built-in" if self.builtin else "installed package",
            "hooks": self.hooks,
            "output_formats": self.outputs,
            "input_formats": self.inputs,
            "transforms": self.transforms,
        }


class Problem(NamedTuple):
    """A plugin that was left out, and why."""

    plugin: str
    """The entry-point name."""
    value: str
    """The module (or modules) the entry point names."""
    package: str
    version: str
    reason: str
    """A stable code: ``import-error``, ``model-version``, ``unknown-hook``,
    ``no-hooks``, ``hook-error``, ``bad-registration`` or ``duplicate-name``."""
    message: str
    """One line for a person."""
    traceback: str | None = None
    """The Python traceback, when there was an exception (``--traceback`` shows it)."""

    def __str__(self) -> str:
        return f"plugin {self.plugin!r} ({self.value}) was not loaded: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "plugin": self.plugin,
            "module": self.value,
            "package": self.package,
            "version": self.version,
            "reason": self.reason,
            "message": self.message,
        }


class Registry:
    """Everything the loaded plugins registered, by name, with its provider."""

    def __init__(self) -> None:
        self.plugins: list[PluginInfo] = []
        self.outputs: dict[str, list[tuple[OutputFormat, str]]] = {}
        self.inputs: dict[str, list[tuple[InputFormat, str]]] = {}
        self.transforms: dict[str, list[tuple[Transform, str]]] = {}
        self.problems: list[Problem] = []
        """One per plugin that was left out, and why."""
        self.warnings: list[str] = []
        """Other things said while loading (an unknown name in ``CONVERT_PLUGINS``, ...)."""
        self.selection: str | None = None
        """``CONVERT_PLUGINS`` as it was set, or None (every plugin loads)."""

    def output(self, spec: str) -> OutputFormat:
        """The output format named ``spec`` (``epub``, or ``epub@plugin``)."""
        return self._pick(self.outputs, spec, "output format", "--list-formats")

    def input(self, spec: str) -> InputFormat:
        """The input format named ``spec`` (``text``, or ``text@plugin``)."""
        return self._pick(self.inputs, spec, "input format", "--list-formats")

    def transform(self, spec: str) -> Transform:
        """The transform named ``spec`` (``colophon``, or ``colophon@plugin``)."""
        return self._pick(self.transforms, spec, "transform", "--list-formats")

    def provider(self, item: Any) -> str:
        """The name of the plugin that registered a format or transform."""
        for table in (self.outputs, self.inputs, self.transforms):
            for entries in table.values():
                for registered, plugin in entries:
                    if registered is item:
                        return plugin
        return "?"

    def builtin(self, plugin: str) -> bool:
        """Whether a plugin ships with convert itself."""
        return any(info.builtin for info in self.plugins if info.name == plugin)

    def reader_for(self, file_name: str) -> InputFormat:
        """The input format for a file: the one reader claiming its extension,
        else the built-in plain-text reader.

        :raises UsageError: two readers claim the extension (choose with
            ``--from NAME@PLUGIN``), or none does and the text reader is not loaded.
        """
        suffix = os.path.splitext(file_name)[1].lower()
        claims = [
            (name, fmt, plugin)
            for name, entries in sorted(self.inputs.items()) for fmt, plugin in entries
            if suffix and suffix in fmt.extensions
        ]
        if len(claims) == 1:
            return claims[0][1]
        if claims:
            who = " and ".join(f"{name} (plugin {plugin!r})" for name, _, plugin in claims)
            choose = " or ".join(f"--from {name}@{plugin}" for name, _, plugin in claims)
            raise UsageError(f"{suffix!r} files are claimed by {len(claims)} input formats, {who}; "
                             f"choose one with {choose}")
        if TEXT_READER not in self.inputs:
            what = f"{suffix!r} files" if suffix else f"{file_name!r} (no extension)"
            raise UsageError(f"no input format reads {what}: no reader claims it and the plain-text reader "
                             f"{TEXT_READER!r} is not loaded{self._selection_hint()}; choose one with --from")
        return self.input(TEXT_READER)

    def input_extensions(self) -> set[str]:
        return {ext for entries in self.inputs.values() for fmt, _ in entries for ext in fmt.extensions}

    def _selection_hint(self) -> str:
        if self.selection is None:
            return ""
        return f" (CONVERT_PLUGINS={self.selection!r} limits which plugins load)"

    def _pick(self, table: Mapping[str, list[tuple[Any, str]]], spec: str, what: str, hint: str) -> Any:
        name, _, plugin = spec.partition("@")
        entries = table.get(name, [])
        if plugin:
            chosen = [entry for entry in entries if entry[1] == plugin]
            if not chosen and entries:
                providers = ", ".join(provider for _, provider in entries)
                raise UsageError(f"no plugin {plugin!r} provides {what} {name!r}"
                                 f"{suggest(plugin, [p for _, p in entries])}; it is provided by: {providers}")
            entries = chosen
        if len(entries) == 1:
            return entries[0][0]
        if not entries:
            known = ", ".join(sorted(table)) or "none"
            raise UsageError(f"unknown {what} {spec!r}{suggest(name, table)}; available: {known} "
                             f"(see {hint}){self._selection_hint()}")
        providers = " and ".join(provider for _, provider in entries)
        choices = " or ".join(f"{name}@{provider}" for _, provider in entries)
        raise UsageError(f"{what} {name!r} is provided by plugins {providers}; choose one with {choices}")
