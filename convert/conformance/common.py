"""What the three kits share: finding the plugin under test, and turning an
unknown name into one clear failure instead of one per test."""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Any, ClassVar

import pytest

from convert.errors import ConvertError
from convert.plugin.registry import Registry


@functools.lru_cache(maxsize=None)
def _module_registry(module_name: str) -> Registry:
    from convert.plugin.loader import registry_from_modules

    return registry_from_modules(importlib.import_module(module_name))


def registry_for(plugin: ModuleType | str | None) -> Registry:
    """The plugin module's own registry, or the installed plugins' when None."""
    if plugin is None:
        from convert import api

        return api.registry()
    return _module_registry(plugin if isinstance(plugin, str) else plugin.__name__)


class Kit:
    """The base of the kits: subclasses set the name of what they test."""

    plugin: ClassVar[ModuleType | str | None] = None
    """The plugin module (or its dotted name) to test without installing it;
    None tests the installed plugins."""
    _what: ClassVar[str] = ""
    _name_attribute: ClassVar[str] = ""

    @classmethod
    def _lookup(cls, registry: Registry, name: str) -> Any:
        raise NotImplementedError

    @classmethod
    def registry(cls) -> Registry:
        return registry_for(cls.plugin)

    @classmethod
    def subject(cls) -> Any:
        """The format or transform under test."""
        return cls._lookup(cls.registry(), getattr(cls, cls._name_attribute))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = getattr(cls, cls._name_attribute, "") if cls._name_attribute else ""
        if not name:
            return  # an intermediate base class
        try:
            cls.subject()
        except (ConvertError, ImportError) as error:
            _replace_tests(cls, f"{cls.__name__}: {cls._name_attribute} = {name!r}: {error}")


def _replace_tests(cls: type, message: str) -> None:
    """Hide every kit test behind one that fails with ``message``."""
    for attribute in dir(cls):
        if attribute.startswith("test_"):
            setattr(cls, attribute, None)

    def test_plugin_is_available(self: Any) -> None:
        pytest.fail(message, pytrace=False)

    cls.test_plugin_is_available = test_plugin_is_available  # type: ignore[attr-defined]


def one_line(error: BaseException) -> None:
    """Errors meant for people are one line."""
    assert "\n" not in str(error), f"the error message is not one line: {str(error)!r}"


