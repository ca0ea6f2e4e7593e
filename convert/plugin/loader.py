"""Finding, loading and isolating plugins.

Every plugin, built-in or not, is an entry point of the ``convert.plugins``
group.  Each entry point is loaded on its own: one that fails to import, was
written for another major version of the model, implements no hook or an
unknown one, whose hook raises, or whose name another distribution also uses,
is reported (:class:`~convert.plugin.registry.Problem`) and left out, and the
others keep working.  :mod:`convert.plugin.selection` documents the
environment variables that control loading.
"""

from __future__ import annotations

import os
from types import ModuleType
from typing import Any, Callable, Iterable, Mapping

import pluggy

from convert.errors import ConvertError
from convert.model import MODEL_MAJOR
from convert.plugin import hookspecs
from convert.plugin.entrypoints import EntryPoint, entry_points as find_entry_points
from convert.plugin.formats import InputFormat, OutputFormat
from convert.plugin.options import suggest
from convert.plugin.registry import PluginInfo, Problem, Registry
from convert.plugin.selection import Selection, selection as parse_selection, show_traceback, switch
from convert.plugin.transforms import Transform

__all__ = ["DISTRIBUTION", "ENTRY_POINT_GROUP", "Registry", "load_registry", "registry_from_modules"]

ENTRY_POINT_GROUP = "convert.plugins"
DISTRIBUTION = "convert-text"
"""Plugins shipped in this distribution are the built-ins."""

_HOOKS: dict[str, type] = {
    "register_output_formats": OutputFormat,
    "register_input_formats": InputFormat,
    "register_transforms": Transform,
}
_KINDS = {OutputFormat: "output format", InputFormat: "input format", Transform: "transform"}


class _Refused(Exception):
    """Why one plugin is left out."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def load_registry(
    environ: Mapping[str, str] | None = None,
    entry_points: Iterable[EntryPoint] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Registry:
    """Load every permitted plugin, one at a time, and collect what they register.

    :param environ: the environment to read ``CONVERT_PLUGINS`` and
        ``CONVERT_STRICT_PLUGINS`` from (default ``os.environ``).
    :param entry_points: entry points to load instead of the installed ones (tests).
    :param warn: called with one line per plugin left out, and per other warning.
    :raises ConvertError: strict loading is on and some plugin was left out:
        one line listing every one of them.
    """
    environ = os.environ if environ is None else environ
    registry = Registry()
    strict = switch(environ, "CONVERT_STRICT_PLUGINS", registry.warnings)
    chosen = parse_selection(environ)
    registry.selection = chosen.raw
    points = list(find_entry_points(ENTRY_POINT_GROUP) if entry_points is None else entry_points)
    chosen.unknown((point.name for point in points), registry.warnings)
    _load_all(registry, points, chosen)
    for problem in registry.problems:
        if problem.traceback:
            show_traceback(f"plugin {problem.plugin!r}", problem.traceback)  # CONVERT_DEBUG=1 only
    if strict and registry.problems:
        listed = "; ".join(f"{p.plugin!r} ({p.value}): {p.message}" for p in registry.problems)
        count = len(registry.problems)
        raise ConvertError(
            f"CONVERT_STRICT_PLUGINS is on and {count} plugin{'s were' if count > 1 else ' was'} "
            f"not loaded: {listed}"
        )
    if warn:
        for line in registry.warnings + [str(problem) for problem in registry.problems]:
            warn(line)
    return registry


def registry_from_modules(*modules: ModuleType, names: Iterable[str] | None = None) -> Registry:
    """A registry of the given plugin modules only, loaded as entry points are
    (the conformance kits use it to test a plugin that is not installed).

    :param names: the plugins' names (default: each module's last dotted part).
    :raises ConvertError: a module cannot be loaded as a plugin, saying why.
    """
    names = list(names) if names is not None else [module.__name__.rpartition(".")[2] for module in modules]
    points = [EntryPoint(name, module.__name__, ENTRY_POINT_GROUP) for name, module in zip(names, modules)]
    registry = Registry()
    _load_all(registry, points, Selection())
    if registry.problems:
        raise ConvertError("; ".join(str(problem) for problem in registry.problems))
    return registry


def _load_all(registry: Registry, points: list[EntryPoint], chosen: Selection) -> None:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    by_name: dict[str, list[EntryPoint]] = {}
    for point in points:
        if chosen.allows(point.name):
            by_name.setdefault(point.name, []).append(point)
    for name, claimants in sorted(by_name.items()):
        if len(claimants) > 1:
            registry.problems.append(_duplicate(name, claimants))
            continue
        point = claimants[0]
        try:
            _load_one(manager, registry, point)
        except Exception as error:  # a broken plugin must not break the others
            reason = error.reason if isinstance(error, _Refused) else "import-error"
            message = str(error) if isinstance(error, _Refused) else f"{type(error).__name__}: {error}"
            trace = None if isinstance(error, _Refused) and error.__cause__ is None else _traceback()
            dist = point.dist
            registry.problems.append(Problem(
                point.name, point.value, dist.name if dist else "?", dist.version if dist else "?",
                reason, message, trace,
            ))


def _traceback() -> str:
    import traceback  # only a failing plugin pays for it

    return traceback.format_exc()


def _duplicate(name: str, claimants: list[EntryPoint]) -> Problem:
    dists = [f"{p.dist.name} {p.dist.version}" if p.dist else p.value for p in claimants]
    listed = " and ".join(dists) if len(dists) == 2 else ", ".join(dists)
    return Problem(
        name, ", ".join(p.value for p in claimants), listed, "", "duplicate-name",
        f"the plugin name {name!r} is used by {len(claimants)} distributions, {listed}; "
        "neither is loaded: uninstall one, or rename its entry point",
    )


def _load_one(manager: pluggy.PluginManager, registry: Registry, point: EntryPoint) -> None:
    module = point.load()
    _check_model_major(module)
    try:
        manager.register(module, name=point.name)
    except ValueError as error:  # pluggy: the same module under two names
        raise _Refused("duplicate-name", f"its module is already loaded as another plugin ({error})") from None
    try:
        _check_hooks(manager, module)
        info = _describe(point, module)
        found = _call_hooks(manager, point.name, info)
    except Exception:
        manager.unregister(name=point.name)
        raise
    tables = {OutputFormat: registry.outputs, InputFormat: registry.inputs, Transform: registry.transforms}
    for kind, entries in found.items():
        for item in entries:
            tables[kind].setdefault(item.name, []).append((item, point.name))
    registry.plugins.append(info)


def _check_model_major(module: ModuleType) -> None:
    if not hasattr(module, "MODEL_MAJOR"):
        raise _Refused("model-version", f"it does not declare MODEL_MAJOR (add MODEL_MAJOR = {MODEL_MAJOR}, "
                                        "the major version of the document model it was written for)")
    declared = module.MODEL_MAJOR
    if declared != MODEL_MAJOR:
        raise _Refused("model-version", f"it declares MODEL_MAJOR = {declared!r}, but this convert uses "
                                        f"model version {MODEL_MAJOR}")


def _check_hooks(manager: pluggy.PluginManager, module: ModuleType) -> None:
    """Refuse a hook name that is not ours, and a module that implements none."""
    callers = manager.get_hookcallers(module) or []
    for caller in callers:
        if caller.name not in _HOOKS:
            raise _Refused("unknown-hook", f"it implements an unknown hook {caller.name!r}"
                                           f"{suggest(caller.name, _HOOKS)}; the hooks are {', '.join(_HOOKS)}")
    if not callers:
        undecorated = sorted(name for name in _HOOKS if callable(getattr(module, name, None)))
        if undecorated:
            raise _Refused("no-hooks", f"it implements no hook: decorate {', '.join(undecorated)} "
                                       "with @convert.hookimpl")
        raise _Refused("no-hooks", f"it implements no hook ({', '.join(_HOOKS)}, decorated with @convert.hookimpl)")


def _call_hooks(manager: pluggy.PluginManager, plugin_name: str, info: PluginInfo) -> dict[type, list]:
    """Call one plugin's own hook implementations, collecting what it registers."""
    collected: dict[type, list] = {kind: [] for kind in _HOOKS.values()}
    for hook_name, kind in _HOOKS.items():
        for impl in getattr(manager.hook, hook_name).get_hookimpls():
            if impl.plugin_name != plugin_name:
                continue
            info.hooks.append(hook_name)
            _call_hook(impl, hook_name, kind, collected[kind])
    info.outputs = [item.name for item in collected[OutputFormat]]
    info.inputs = [item.name for item in collected[InputFormat]]
    info.transforms = [item.name for item in collected[Transform]]
    return collected


def _call_hook(impl: Any, hook_name: str, kind: type, collected: list) -> None:
    def register(item: Any) -> None:
        if not isinstance(item, kind):
            raise _Refused("bad-registration",
                           f"{hook_name} must register convert.{kind.__name__} objects, got {item!r}")
        if any(known.name == item.name for known in collected):
            raise _Refused("bad-registration", f"{hook_name} registers {_KINDS[kind]} {item.name!r} twice")
        collected.append(item)

    try:
        returned = impl.function(**{arg: register for arg in impl.argnames})
    except _Refused:
        raise
    except Exception as error:
        raise _Refused("hook-error", f"{hook_name} raised {type(error).__name__}: {error}") from error
    if returned is not None:
        raise _Refused("bad-registration", f"{hook_name} returned {_short(returned)} instead of calling "
                                           "register(...) for each item")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
