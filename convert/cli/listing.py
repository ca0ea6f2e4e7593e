"""``--list-formats`` and ``--list-plugins``: what the loaded plugins offer,
with each format's and transform's declared options.

``python -m convert.cli.listing`` prints the options of the built-in plugins
as Markdown: that is how ``docs/options.md`` is made (a test checks it).
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from convert.plugin.options import Option
from convert.plugin.registry import Registry

_KINDS = (
    ("output_formats", "Output formats (--to)"),
    ("input_formats", "Input formats (--from, or chosen by extension)"),
    ("transforms", "Transforms (--transform)"),
)


def formats_as_dict(registry: Registry, builtin_only: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Every format and transform with its plugin and declared options."""
    def keep(plugin: str) -> bool:
        return not builtin_only or registry.builtin(plugin)

    outputs = [
        {"name": name, "extension": fmt.extension, "media_type": fmt.media_type,
         "description": fmt.description, "plugin": plugin, "options": _options(fmt.options)}
        for name, entries in sorted(registry.outputs.items()) for fmt, plugin in entries if keep(plugin)
    ]
    inputs = [
        {"name": name, "extensions": list(fmt.extensions), "description": fmt.description, "plugin": plugin,
         "options": _options(fmt.options)}
        for name, entries in sorted(registry.inputs.items()) for fmt, plugin in entries if keep(plugin)
    ]
    transforms = [
        {"name": name, "description": item.description, "plugin": plugin, "options": _options(item.options)}
        for name, entries in sorted(registry.transforms.items()) for item, plugin in entries if keep(plugin)
    ]
    return {"output_formats": outputs, "input_formats": inputs, "transforms": transforms}


def _options(options: tuple[Option, ...]) -> list[dict[str, Any]]:
    return [option.as_dict() for option in options]


def format_lines(registry: Registry) -> Iterator[str]:
    """A table of formats and transforms, with the plugin providing each and its options."""
    listing = formats_as_dict(registry)
    for key, heading in _KINDS:
        yield heading + ":"
        for item in listing[key]:
            where = item.get("extension") or " ".join(item.get("extensions", ()))
            yield f"  {item['name']:<10} {where:<12} {item['description']}  [plugin {item['plugin']}]"
            for option in item["options"]:
                yield f"  {'':<10} -O {_usage(option)}: {option['help']}{_default(option)}"
    yield "Options: -O KEY=VALUE goes to every format and transform that takes KEY; -O NAME.KEY=VALUE to NAME only."
    yield from _problems(registry)


def _usage(option: dict[str, Any]) -> str:
    return f"{option['name']}={option['values']}"


def _default(option: dict[str, Any]) -> str:
    return "" if option["default"] in (None, "") else f" (default: {option['default']})"


def plugin_lines(registry: Registry) -> Iterator[str]:
    """One block per plugin: name, package and version, source, what it provides."""
    for plugin in registry.plugins:
        source = "built-in" if plugin.builtin else "installed package"
        yield f"{plugin.name}  ({plugin.package} {plugin.version}, {source}, module {plugin.module})"
        for label, names in (("output formats", plugin.outputs), ("input formats", plugin.inputs),
                             ("transforms", plugin.transforms)):
            if names:
                yield f"  {label}: {', '.join(names)}"
        yield f"  hooks: {', '.join(plugin.hooks)}"
    yield from _problems(registry)


def plugins_json(registry: Registry) -> str:
    data = {
        "plugins": [plugin.as_dict() for plugin in registry.plugins],
        "problems": [problem.as_dict() for problem in registry.problems],
        "warnings": registry.warnings,
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def formats_json(registry: Registry) -> str:
    return json.dumps(formats_as_dict(registry), indent=2, ensure_ascii=False)


def _problems(registry: Registry) -> Iterator[str]:
    for warning in registry.warnings:
        yield f"warning: {warning}"
    for problem in registry.problems:
        yield f"not loaded: {problem}"


def options_markdown(registry: Registry) -> str:
    """The built-in formats' and transforms' options as a Markdown document."""
    listing = formats_as_dict(registry, builtin_only=True)
    lines = [
        "# Options of the built-in formats and transforms",
        "",
        "<!-- Generated from the plugins' declarations by `python -m convert.cli.listing > docs/options.md`;",
        "     tests/test_plugin_options.py checks that it is current. -->",
        "",
        "`-O KEY=VALUE` goes to every format and transform in the run that takes `KEY`;",
        "`-O NAME.KEY=VALUE` goes to the one named `NAME` only (`-O epub.toc_title=Inhalt`).",
        "A key nothing in the run takes is an error, as is a value an option does not accept.",
        "`convert --list-formats` shows the same for every installed plugin.",
    ]
    titles = {"output_formats": "Output format", "input_formats": "Input format", "transforms": "Transform"}
    for key, _ in _KINDS:
        for item in listing[key]:
            lines += ["", f"## {titles[key]} `{item['name']}`", "", item["description"] + ".", ""]
            if not item["options"]:
                lines.append("No options.")
                continue
            lines += ["| Option | Values | Default | |", "| --- | --- | --- | --- |"]
            for option in item["options"]:
                values = option["values"].replace("|", " \\| ")
                default = "" if option["default"] in (None, "") else f"`{option['default']}`"
                lines.append(f"| `{option['name']}` | {values} | {default} | {option['help']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from convert.plugin.loader import load_registry

    print(options_markdown(load_registry()), end="")
