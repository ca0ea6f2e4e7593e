"""``--skip-unchanged`` trusts content, never sizes or modification times:
an output is current only if its input, the settings, SOURCE_DATE_EPOCH and
the versions are the same, and the output file itself is what was written.
Every run that writes outputs keeps an existing manifest truthful, and runs
sharing an output folder merge into it rather than overwrite it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import run_cli

MANIFEST = ".convert-manifest.json"


def make_inputs(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"d{index:02}.txt"
        path.write_text(f"Document {index}\n\nText of document {index}.\n", "utf-8")
        paths.append(path)
    return paths


def summary(result) -> str:
    return result.stderr.strip().splitlines()[-1].split(" in ")[0]


def languages(out: Path) -> dict[str, str]:
    return {path.name: json.loads(path.read_text("utf-8"))["meta"]["language"] for path in sorted(out.glob("d*.json"))}


def test_outputs_rewritten_by_other_settings_are_never_kept(tmp_path):
    """The issue's case: de, then fr for some files (no --skip-unchanged), then de
    again: the outputs saying fr are made again, though their size is the same."""
    inputs = make_inputs(tmp_path / "in", 8)
    out = tmp_path / "out"
    first = run_cli(tmp_path / "in", "--to", "json", "-o", out, "-m", "language=de", "--skip-unchanged")
    assert summary(first) == "8 converted, 0 failed, 0 skipped", first.stderr
    run_cli(*inputs[:5], "--to", "json", "-o", out, "-m", "language=fr", check=True)
    assert list(languages(out).values()).count("fr") == 5
    again = run_cli(tmp_path / "in", "--to", "json", "-o", out, "-m", "language=de", "--skip-unchanged")
    assert summary(again) == "5 converted, 0 failed, 3 skipped", again.stderr
    assert set(languages(out).values()) == {"de"}


def test_an_interrupted_run_leaves_the_manifest_truthful(tmp_path):
    """A run ended by SIGTERM records what it completed; nothing it did not is skipped later."""
    make_inputs(tmp_path / "in", 60)
    out = tmp_path / "out"
    run_cli(tmp_path / "in", "--to", "json", "-o", out, "-m", "language=de", "--skip-unchanged", check=True)
    process = subprocess.Popen([sys.executable, "-m", "convert", str(tmp_path / "in"), "--to", "json", "-o", str(out),
                                "-m", "language=fr", "-j", "1"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while "fr" not in languages(out).values() and time.monotonic() < deadline:
        time.sleep(0.01)
    process.terminate()
    process.communicate(timeout=30)
    saying_fr = list(languages(out).values()).count("fr")
    assert saying_fr > 0
    again = run_cli(tmp_path / "in", "--to", "json", "-o", out, "-m", "language=de", "--skip-unchanged")
    assert summary(again) == f"{saying_fr} converted, 0 failed, {60 - saying_fr} skipped", again.stderr
    assert set(languages(out).values()) == {"de"}


def test_an_output_changed_by_hand_is_made_again(tmp_path):
    make_inputs(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_cli(tmp_path / "in", "--to", "json", "-o", out, "--skip-unchanged", check=True)
    target = out / "d00.json"
    original = target.read_bytes()
    target.write_bytes(original.replace(b"Text of", b"Txet of"))  # same size, other content
    again = run_cli(tmp_path / "in", "--to", "json", "-o", out, "--skip-unchanged")
    assert summary(again) == "1 converted, 0 failed, 1 skipped"
    assert target.read_bytes() == original


def test_modification_times_play_no_part(tmp_path):
    """A fresh CI checkout gives every input a new modification time: nothing to rebuild."""
    inputs = make_inputs(tmp_path / "in", 3)
    out = tmp_path / "out"
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    run_cli(tmp_path / "in", "--to", "json", "-o", out, "--skip-unchanged", env=env, check=True)
    later = time.time() + 3600
    for path in inputs:
        os.utime(path, (later, later))
    again = run_cli(tmp_path / "in", "--to", "json", "-o", out, "--skip-unchanged", env=env)
    assert summary(again) == "0 converted, 0 failed, 3 skipped", again.stderr
    inputs[1].write_text("Document 1\n\nNew text.\n", "utf-8")
    os.utime(inputs[1], (1, 1))  # older than its output, yet changed
    changed = run_cli(tmp_path / "in", "--to", "json", "-o", out, "--skip-unchanged", env=env)
    assert summary(changed) == "1 converted, 0 failed, 2 skipped"
    assert "New text." in (out / "d01.json").read_text("utf-8")


def test_source_date_epoch_is_part_of_the_recipe(tmp_path):
    make_inputs(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_cli(tmp_path / "in", "--to", "json", "-o", out, "--skip-unchanged", env={"SOURCE_DATE_EPOCH": "0"}, check=True)
    other = run_cli(tmp_path / "in", "--to", "json", "-o", out, "--skip-unchanged",
                    env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert summary(other) == "2 converted, 0 failed, 0 skipped"
    assert json.loads((out / "d00.json").read_text())["meta"]["modified"] == "2026-01-01T00:00:00Z"


def test_concurrent_runs_into_one_folder_lose_no_entry(tmp_path):
    """Two runs share -o: each merges its entries under a lock, neither overwrites the other's."""
    for name in ("a", "b"):
        make_inputs(tmp_path / name, 25)
        for path in (tmp_path / name).iterdir():
            path.rename(path.with_name(f"{name}-{path.name}"))
    out = tmp_path / "out"
    runs = [subprocess.Popen([sys.executable, "-m", "convert", str(tmp_path / name), "--to", "json", "-o", str(out),
                              "--skip-unchanged", "-j", "1"], stderr=subprocess.PIPE, text=True)
            for name in ("a", "b")]
    for process in runs:
        process.communicate(timeout=120)
        assert process.returncode == 0
    entries = json.loads((out / MANIFEST).read_text("utf-8"))["outputs"]
    assert len(entries) == 50
    for name in ("a", "b"):
        again = run_cli(tmp_path / name, "--to", "json", "-o", out, "--skip-unchanged")
        assert summary(again) == "0 converted, 0 failed, 25 skipped", again.stderr


def test_two_manifests_loaded_together_merge_when_saved(tmp_path):
    """The race itself, made certain: both runs load the manifest before either saves."""
    from convert.plugin.loader import load_registry
    from convert.run.jobs import JobResult, OutputRecord
    from convert.run.manifest import Manifest, recipe
    from convert.run.pipeline import Settings

    out = tmp_path / "out"
    out.mkdir()
    recipes = {"json": recipe(Settings(("json",)), "json", load_registry())}
    first, second = Manifest(out, recipes, 1000), Manifest(out, recipes, 1000)
    for manifest, name in ((first, "a"), (second, "b")):
        record = OutputRecord(str(out / f"{name}.json"), "json", 3, "0" * 64)
        manifest.record([JobResult(f"{name}.txt", outputs=[record], input_sha256="1" * 64)])
    assert sorted(json.loads((out / MANIFEST).read_text("utf-8"))["outputs"]) == ["a.json", "b.json"]


def test_runs_without_skip_unchanged_leave_no_manifest_behind(tmp_path):
    make_inputs(tmp_path / "in", 2)
    run_cli(tmp_path / "in", "--to", "json", "-o", tmp_path / "out", check=True)
    assert not (tmp_path / "out" / MANIFEST).exists()
