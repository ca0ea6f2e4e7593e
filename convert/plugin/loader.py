"""Finding, loading and isolating plugins.

Every plugin, built-in or not, is an entry point of the ``convert.plugins``
group.  Each entry point is loaded on its own: one that fails to import, was
written for another major version of the model, or whose hook raises is
reported and left out, and the others keep working.

Environment:

``CONVERT_PLUGINS=epub,json``
    load only these plugins (entry-point names); empty loads none.
``CONVERT_STRICT_PLUGINS=1``
    a plugin that fails to load is an error instead of a warning.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

import pluggy

from convert.plugin import hookspecs
from convert.plugin.entrypoints import EntryPoint, entry_points as find_entry_points
from convert.errors import ConvertError, UsageError
from convert.plugin.formats import InputFormat, OutputFormat
from convert.model import MODEL_MAJOR
from convert.plugin.transforms import Transform

ENTRY_POINT_GROUP = "convert.plugins"
DISTRIBUTION = "convert-text"
"""Plugins shipped in this distribution are the built-ins."""

_HOOKS: dict[str, type] = {
    "register_output_formats": OutputFormat,
    "register_input_formats": InputFormat,
    "register_transforms": Transform,
}


@dataclass
class PluginInfo:
    """What ``--list-plugins`` shows about one plugin."""

    name: str
    module: str
    package: str
    version: str
    builtin: bool
    hooks: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    transforms: list[str] = field(default_factory=list)

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


@dataclass
class Registry:
    """Everything the loaded plugins registered, by name, with its provider."""

    plugins: list[PluginInfo] = field(default_factory=list)
    outputs: dict[str, list[tuple[OutputFormat, str]]] = field(default_factory=dict)
    inputs: dict[str, list[tuple[InputFormat, str]]] = field(default_factory=dict)
    transforms: dict[str, list[tuple[Transform, str]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """One line per plugin that was left out, and why."""

    def output(self, spec: str) -> OutputFormat:
        """The output format named ``spec`` (``epub``, or ``epub@plugin``)."""
        return _pick(self.outputs, spec, "output format", "--list-formats")

    def input(self, spec: str) -> InputFormat:
        """The input format named ``spec`` (``text``, or ``text@plugin``)."""
        return _pick(self.inputs, spec, "input format", "--list-formats")

    def transform(self, spec: str) -> Transform:
        """The transform named ``spec`` (``colophon``, or ``colophon@plugin``)."""
        return _pick(self.transforms, spec, "transform", "--list-plugins")

    def provider(self, item: Any) -> str:
        """The name of the plugin that registered a format or transform."""
        for table in (self.outputs, self.inputs, self.transforms):
            for entries in table.values():
                for registered, plugin in entries:
                    if registered is item:
                        return plugin
        return "?"

    def input_for_extension(self, suffix: str) -> InputFormat | None:
        """The input format claiming a file extension (``.txt``), if exactly one does."""
        claims = [
            fmt for entries in self.inputs.values() for fmt, _ in entries if suffix.lower() in fmt.extensions
        ]
        return claims[0] if len(claims) == 1 else None

    def input_extensions(self) -> set[str]:
        return {ext for entries in self.inputs.values() for fmt, _ in entries for ext in fmt.extensions}


def _pick(table: Mapping[str, list[tuple[Any, str]]], spec: str, what: str, hint: str) -> Any:
    name, _, plugin = spec.partition("@")
    entries = table.get(name, [])
    if plugin:
        entries = [entry for entry in entries if entry[1] == plugin]
    if len(entries) == 1:
        return entries[0][0]
    if not entries:
        known = ", ".join(sorted(table)) or "none"
        raise UsageError(f"unknown {what} {spec!r}; available: {known} (see {hint})")
    providers = " and ".join(provider for _, provider in entries)
    choices = " or ".join(f"{name}@{provider}" for _, provider in entries)
    raise UsageError(f"{what} {name!r} is provided by plugins {providers}; choose one with {choices}")


def load_registry(
    environ: Mapping[str, str] | None = None,
    entry_points: Iterable[EntryPoint] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Registry:
    """Load every permitted plugin, one at a time, and collect what they register.

    :param environ: the environment to read ``CONVERT_PLUGINS`` and
        ``CONVERT_STRICT_PLUGINS`` from (default ``os.environ``).
    :param entry_points: entry points to load instead of the installed ones (tests).
    :param warn: called with one line per plugin left out.
    :raises ConvertError: a plugin failed and strict loading is on.
    """
    environ = os.environ if environ is None else environ
    selected = environ.get("CONVERT_PLUGINS")
    allowed = None if selected is None else {name.strip() for name in selected.split(",") if name.strip()}
    strict = environ.get("CONVERT_STRICT_PLUGINS", "") not in ("", "0")
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    registry = Registry()
    points = find_entry_points(ENTRY_POINT_GROUP) if entry_points is None else entry_points
    for point in sorted(points, key=lambda p: p.name):
        if allowed is not None and point.name not in allowed:
            continue
        try:
            _load_one(manager, registry, point)
        except Exception as error:  # a broken plugin must not break the others
            problem = f"plugin {point.name!r} ({point.value}) was not loaded: {error}"
            if strict:
                raise ConvertError(problem) from error
            registry.problems.append(problem)
            if warn:
                warn(problem)
    return registry


def _load_one(manager: pluggy.PluginManager, registry: Registry, point: EntryPoint) -> None:
    module = point.load()
    declared = getattr(module, "MODEL_MAJOR", None)
    if declared != MODEL_MAJOR:
        raise ConvertError(
            f"it declares MODEL_MAJOR = {declared!r}, but this convert uses model version {MODEL_MAJOR}"
        )
    manager.register(module, name=point.name)
    try:
        manager.check_pending()
        info = _describe(point, module)
        found = _call_hooks(manager, point.name, info)
    except Exception:
        manager.unregister(name=point.name)
        raise
    tables = {OutputFormat: registry.outputs, InputFormat: registry.inputs, Transform: registry.transforms}
    for kind, entries in found.items():
        for name, entry in entries:
            tables[kind].setdefault(name, []).append(entry)
    registry.plugins.append(info)


def _call_hooks(manager: pluggy.PluginManager, plugin_name: str, info: PluginInfo) -> dict[type, list]:
    """Call one plugin's own hook implementations, collecting what it registers."""
    collected: dict[type, list] = {kind: [] for kind in _HOOKS.values()}
    for hook_name, kind in _HOOKS.items():
        for impl in getattr(manager.hook, hook_name).get_hookimpls():
            if impl.plugin_name != plugin_name:
                continue
            info.hooks.append(hook_name)

            def register(item: Any, _kind: type = kind, _hook: str = hook_name) -> None:
                if not isinstance(item, _kind):
                    raise TypeError(f"{_hook} must register {_kind.__name__} objects, got {item!r}")
                collected[_kind].append((item.name, (item, plugin_name)))

            impl.function(**{arg: register for arg in impl.argnames})
    info.outputs = [name for name, _ in collected[OutputFormat]]
    info.inputs = [name for name, _ in collected[InputFormat]]
    info.transforms = [name for name, _ in collected[Transform]]
    return collected


def _describe(point: EntryPoint, module: Any) -> PluginInfo:
    dist = point.dist
    package = dist.name if dist else "?"
    return PluginInfo(
        name=point.name,
        module=module.__name__,
        package=package,
        version=dist.version if dist else "?",
        builtin=package == DISTRIBUTION,
    )
