"""``--list-formats`` and ``--list-plugins``: what the loaded plugins offer."""

from __future__ import annotations

import json
from typing import Iterator

from convert.plugin.loader import Registry


def formats_as_dict(registry: Registry) -> dict:
    outputs = [
        {"name": name, "extension": fmt.extension, "media_type": fmt.media_type,
         "description": fmt.description, "plugin": plugin}
        for name, entries in sorted(registry.outputs.items()) for fmt, plugin in entries
    ]
    inputs = [
        {"name": name, "extensions": list(fmt.extensions), "description": fmt.description, "plugin": plugin}
        for name, entries in sorted(registry.inputs.items()) for fmt, plugin in entries
    ]
    return {"output_formats": outputs, "input_formats": inputs}


def format_lines(registry: Registry) -> Iterator[str]:
    """A table of output and input formats, with the plugin providing each."""
    listing = formats_as_dict(registry)
    yield "Output formats (--to):"
    for item in listing["output_formats"]:
        yield f"  {item['name']:<10} {item['extension']:<7} {item['description']}  [plugin {item['plugin']}]"
    yield "Input formats (--from, or chosen by extension):"
    for item in listing["input_formats"]:
        extensions = " ".join(item["extensions"])
        yield f"  {item['name']:<10} {extensions:<12} {item['description']}  [plugin {item['plugin']}]"
    yield from _problems(registry)


def plugin_lines(registry: Registry) -> Iterator[str]:
    """One block per plugin: name, package and version, source, what it provides."""
    for plugin in registry.plugins:
        source = "built-in" if plugin.builtin else "installed package"
        yield f"{plugin.name}  ({plugin.package} {plugin.version}, {source}, module {plugin.module})"
        for label, names in (("output formats", plugin.outputs), ("input formats", plugin.inputs),
                             ("transforms", plugin.transforms)):
            if names:
                yield f"  {label}: {', '.join(names)}"
        yield f"  hooks: {', '.join(plugin.hooks) or 'none'}"
    yield from _problems(registry)


def plugins_json(registry: Registry) -> str:
    data = {"plugins": [plugin.as_dict() for plugin in registry.plugins], "problems": registry.problems}
    return json.dumps(data, indent=2, ensure_ascii=False)


def formats_json(registry: Registry) -> str:
    return json.dumps(formats_as_dict(registry), indent=2, ensure_ascii=False)


def _problems(registry: Registry) -> Iterator[str]:
    for problem in registry.problems:
        yield f"not loaded: {problem}"
