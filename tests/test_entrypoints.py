"""Our entry-point scan agrees with importlib.metadata."""

from __future__ import annotations

from importlib import metadata

from convert.plugin.entrypoints import entry_points
from convert.plugin.loader import ENTRY_POINT_GROUP


def as_set(points):
    return {(p.name, p.value, p.dist.name.lower().replace("_", "-"), p.dist.version) for p in points}


def test_same_entry_points_as_importlib_metadata():
    ours = entry_points(ENTRY_POINT_GROUP)
    theirs = metadata.entry_points(group=ENTRY_POINT_GROUP)
    assert as_set(ours) == as_set(theirs)
    assert {"text", "json", "epub", "pdf", "docx", "colophon"} <= {p.name for p in ours}


def test_other_groups_too():
    ours = {(p.name, p.value) for p in entry_points("console_scripts")}
    theirs = {(p.name, p.value) for p in metadata.entry_points(group="console_scripts")}
    assert ours == theirs and ("convert", "convert.cli:main") in ours


def test_first_distribution_on_the_path_wins(tmp_path):
    for folder, version, target in (("a", "2.0", "new"), ("b", "1.0", "old")):
        info = tmp_path / folder / f"thing-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: thing\nVersion: {version}\n\nbody: x\n")
        (info / "entry_points.txt").write_text(f"# comment\n[other]\nx = y\n\n[demo]\nplug = {target}:attr\n")
    (point,) = entry_points("demo", [str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "missing")])
    assert (point.name, point.value, point.dist.version) == ("plug", "new:attr", "2.0")
