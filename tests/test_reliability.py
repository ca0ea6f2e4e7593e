"""Reliability with real processes, real signals and real special files:
SIGTERM and a second Ctrl-C end a run at once, cleanly; a worker killed
mid-write costs nothing but a retry; an input that kills every worker fails
alone; FIFOs, devices and lying sizes never block a run or fill its memory.
Last, a chaos round of all of these at once on a 100-file batch.

Slow writes come from a small plugin installed for the test: it makes the
rename of a finished temporary file into ``NAME.slow`` wait, so a signal or a
kill lands exactly when a temporary file exists.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import jsonschema
import pytest

from convert.model.json_form import schema_text

from conftest import ROOT, run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals, FIFOs and devices")

SLOW_PLUGIN = '''
import os
import signal
import time

import convert.run.atomic as atomic
from convert import OutputFormat, hookimpl

MODEL_MAJOR = 2


class SlowRename:
    """The os module, except that renaming a temporary file into NAME.slow first
    waits SLOW_SECONDS (once per run when SLOW_ONCE names a file, which then
    holds the target's path)."""

    def __getattr__(self, name):
        return getattr(os, name)

    def replace(self, source, target):
        if str(target).endswith(".slow") and self.first(os.environ.get("SLOW_ONCE"), target):
            time.sleep(float(os.environ.get("SLOW_SECONDS", "60")))
        os.replace(source, target)

    def first(self, marker, target):
        """True once per marker file, which is made only once even by workers racing for it."""
        if not marker:
            return True
        try:
            handle = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            return False
        os.write(handle, str(target).encode())  # readers wait for this content
        os.close(handle)
        return True


atomic.os = SlowRename()


def write_title(document, stream, context):
    stream.write(document.meta.title.encode("utf-8"))


def write_or_die(document, stream, context):
    if document.meta.source_name.startswith("poison"):
        os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does
    stream.write(document.meta.title.encode("utf-8"))


@hookimpl
def register_output_formats(register):
    register(OutputFormat("slow", ".slow", "text/plain", "The title, renamed into place slowly", write_title))
    register(OutputFormat("poison", ".poison", "text/plain", "The title; kills its worker on poison*", write_or_die))
'''


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "slow_plugin.py").write_text(textwrap.dedent(SLOW_PLUGIN), "utf-8")
    info = site / "slow_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: slow-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[convert.plugins]\nslow_plugin = slow_plugin\n")
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "SOURCE_DATE_EPOCH": "1767225600"}


def write_docs(folder: Path, count: int, lines: int = 20, prefix: str = "doc") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"{prefix}{index:03}.txt"
        path.write_text(f"Document {index}\n\n" + f"Line of document {index}.\n" * lines, "utf-8")
        paths.append(path)
    return paths


def start(*args, env) -> subprocess.Popen:
    """``convert`` in a process group of its own, as a shell or a CI runner starts it."""
    return subprocess.Popen([sys.executable, "-m", "convert", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT, start_new_session=True)


def wait_for(condition, process: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"convert ended before {what}: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def temporaries(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.name.endswith(".convert-part")]


def group_members(group: int) -> list[int]:
    """Live (not zombie) processes in a process group, from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except (OSError, NotADirectoryError):
            continue
        if entry.name.isdigit() and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def finished(process: subprocess.Popen, timeout: float = 20) -> tuple[int, str]:
    """The exit code and standard error; a run that does not end in time fails the test."""
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError("convert did not end after the signal")
    return process.returncode, stderr


def report_of(path: Path) -> dict:
    report = json.loads(path.read_text("utf-8"))
    jsonschema.validate(report, json.loads(schema_text("report")))
    return report


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


# -- stopping ------------------------------------------------------------------

@needs_proc
@pytest.mark.parametrize("how", ["sigterm", "second-ctrl-c", "sigterm-in-process"])
def test_a_signal_mid_write_ends_the_run_at_once_and_cleanly(tmp_path, plugin_env, how):
    write_docs(tmp_path / "in", 6)
    out, report = tmp_path / "out", tmp_path / "report.json"
    jobs = "1" if how == "sigterm-in-process" else "2"
    process = start(tmp_path / "in", "--to", "json", "--to", "slow", "-o", out, "-j", jobs, "--report", report,
                    env=plugin_env)
    writing = 1 if jobs == "1" else 2
    wait_for(lambda: len(temporaries(out)) >= writing, process, "temporary files being written")
    if how == "second-ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
        time.sleep(0.3)
        os.killpg(process.pid, signal.SIGINT)
    else:
        os.kill(process.pid, signal.SIGTERM)  # kill and timeout signal the parent only
    code, stderr = finished(process)
    assert code == (130 if how == "second-ctrl-c" else 143), stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert stderr.strip().splitlines()[-1].endswith("no partial output was left behind")
    assert group_members(process.pid) == [], "a worker outlived the run"
    assert temporaries(tmp_path) == []
    entries = report_of(report)["inputs"]
    assert len(entries) == 6 and {entry["status"] for entry in entries} <= {"ok", "skipped"}
    for written in out.glob("*.json"):
        assert json.loads(written.read_text("utf-8"))["meta"]["title"].startswith("Document ")


@pytest.mark.parametrize("ending", ["stop_now", "close"])
def test_a_stopped_pool_leaves_no_executor_thread_to_race_the_exit(ending):
    """The executor's own thread must be finished when the pool says it stopped:
    one still running at the interpreter's exit races its exit handler over a
    closed pipe and prints a traceback."""
    import threading
    from concurrent.futures.process import _ExecutorManagerThread

    from convert.plugin.loader import load_registry
    from convert.run.pool import WorkerPool

    pool = WorkerPool(2, load_registry())
    pool.executor.submit(time.sleep, 0.2)  # starts the workers and the executor's thread
    getattr(pool, ending)()
    managers = [thread for thread in threading.enumerate() if isinstance(thread, _ExecutorManagerThread)]
    assert managers == []


@needs_proc
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers follow their parent through Linux's prctl")
def test_workers_end_with_a_parent_killed_outright(tmp_path, plugin_env):
    """SIGKILL leaves the parent no chance to clean up: its workers end by themselves,
    removing what they were writing."""
    write_docs(tmp_path / "in", 6)
    out = tmp_path / "out"
    process = start(tmp_path / "in", "--to", "slow", "-o", out, "-j", "2", env=plugin_env)
    wait_for(lambda: len(temporaries(out)) >= 2, process, "temporary files being written")
    workers = children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=20)
    deadline = time.monotonic() + 20
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group_members(process.pid) == [], f"orphaned workers (of {workers})"
    assert temporaries(tmp_path) == [], (workers, stderr)


@needs_proc
def test_a_worker_killed_mid_write_costs_a_retry(tmp_path, plugin_env):
    write_docs(tmp_path / "in", 6)
    out, report = tmp_path / "out", tmp_path / "report.json"
    env = {**plugin_env, "SLOW_ONCE": str(tmp_path / "slowed")}
    process = start(tmp_path / "in", "--to", "slow", "-o", out, "-j", "2", "--report", report, env=env)
    marker = Path(env["SLOW_ONCE"])
    wait_for(lambda: marker.exists() and marker.read_text(), process, "a slow write")
    slowed = Path(marker.read_text())
    [temporary] = [path for path in temporaries(out) if path.name.startswith(f".{slowed.name}.")]
    writer = int(temporary.name.split(".")[-3])  # .NAME.PID.N.convert-part
    assert writer in children(process.pid)
    os.kill(writer, signal.SIGKILL)
    code, stderr = finished(process)
    assert code == 0, stderr
    assert stderr.strip().splitlines()[-1].startswith("6 converted, 0 failed, 0 skipped in ")
    assert temporaries(tmp_path) == [] and len(list(out.glob("*.slow"))) == 6
    entries = {Path(entry["input"]).stem: entry for entry in report_of(report)["inputs"]}
    retry = [w["message"] for w in entries[slowed.stem]["warnings"] if w["code"] == "worker-retry"]
    assert retry == ["completed on attempt 2: the worker process of attempt 1 died"]
    assert all(entry["status"] == "ok" for entry in entries.values())


@needs_proc
def test_an_input_that_kills_every_worker_fails_alone(tmp_path, plugin_env):
    write_docs(tmp_path / "in", 8)
    (tmp_path / "in" / "poison.txt").write_text("Poison\n\nIt kills whoever converts it.\n")
    report = tmp_path / "report.json"
    process = start(tmp_path / "in", "--to", "poison", "-o", tmp_path / "out", "-j", "2", "--report", report,
                    env=plugin_env)
    code, stderr = finished(process, timeout=60)
    assert code == 1, stderr
    assert "Traceback" not in stderr and "BrokenProcessPool" not in stderr
    lines = stderr.strip().splitlines()
    assert lines[-1].startswith("8 converted, 1 failed, 0 skipped in ")
    assert any("poison.txt: the worker process converting it died twice" in line for line in lines)
    entries = {Path(entry["input"]).name: entry["status"] for entry in report_of(report)["inputs"]}
    assert entries.pop("poison.txt") == "failed" and set(entries.values()) == {"ok"}
    assert len(list((tmp_path / "out").glob("*.poison"))) == 8
    assert group_members(process.pid) == []


# -- special files -----------------------------------------------------------

def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "convert", str(fifo), "--to", "json"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr == f"convert: error: {fifo}: not a regular file (a FIFO); only regular files are read\n"


def test_a_fifo_among_the_inputs_of_a_pool_batch_is_one_failed_input(tmp_path):
    inputs = write_docs(tmp_path, 4)
    os.mkfifo(tmp_path / "fifo.txt")
    report = tmp_path / "report.json"
    every_file = sorted(tmp_path.glob("*.txt"))  # as a shell expands in/*.txt: the FIFO is named outright
    result = subprocess.run([sys.executable, "-m", "convert", *map(str, every_file), "--to", "json", "-j", "2",
                             "--report", str(report)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    entries = {Path(entry["input"]).name: entry for entry in report_of(report)["inputs"]}
    assert entries["fifo.txt"]["status"] == "failed" and "a FIFO" in entries["fifo.txt"]["error"]
    assert [entries[path.name]["status"] for path in inputs] == ["ok"] * 4
    # found in a folder, it is reported too rather than passed over
    folder = subprocess.run([sys.executable, "-m", "convert", str(tmp_path), "--to", "json", "-j", "2"],
                            capture_output=True, text=True, timeout=60)
    assert folder.returncode == 1 and "fifo.txt: not a regular file (a FIFO)" in folder.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_without_reading(tmp_path):
    result = subprocess.run([sys.executable, "-m", "convert", "/dev/zero", "--to", "json", "-o", str(tmp_path),
                             "--max-input-size", "1K"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr == "convert: error: /dev/zero: not a regular file (a character device); only regular files are read\n"


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="needs /dev/stdin")
def test_standard_input_is_read_bounded_and_only_from_a_file(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Big\n\n" + b"x" * 5_000_000)
    command = [sys.executable, "-m", "convert", "/dev/stdin", "--to", "json", "-o", str(tmp_path / "out.json")]
    with big.open("rb") as stdin:
        refused = subprocess.run([*command, "--max-input-size", "1K"], stdin=stdin, capture_output=True,
                                 text=True, timeout=30)
    assert refused.returncode == 1 and "over the --max-input-size limit of 1024 bytes" in refused.stderr
    piped = subprocess.run(command, input="Title\n\nText.\n", capture_output=True, text=True, timeout=30)
    assert piped.returncode == 1 and "not a regular file (a FIFO)" in piped.stderr
    small = tmp_path / "small.txt"
    small.write_text("Small\n\nText.\n")
    with small.open("rb") as stdin:
        read = subprocess.run(command, stdin=stdin, capture_output=True, text=True, timeout=30)
    assert read.returncode == 0, read.stderr
    assert json.loads((tmp_path / "out.json").read_text())["meta"]["title"] == "Small"


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux's /proc")
def test_a_file_longer_than_its_size_is_read_no_further_than_the_limit(monkeypatch):
    """Files in /proc say they are empty and are not: the read, not the size, enforces the limit."""
    from convert.errors import InputError
    from convert.run import sources

    assert os.stat("/proc/self/maps").st_size == 0 and len(Path("/proc/self/maps").read_bytes()) > 101
    asked = []
    real_read = os.read
    monkeypatch.setattr(sources.os, "read", lambda fd, n: asked.append(n) or real_read(fd, n))
    with pytest.raises(InputError, match=r"more than 100 bytes, over the --max-input-size limit of 100 bytes"):
        sources.read_input(Path("/proc/self/maps"), 100)
    assert sum(asked) <= 101
    result = run_cli("/proc/self/maps", "--to", "json", "-o", "-", "--max-input-size", "100")
    assert result.returncode == 1 and result.stdout == ""


# -- the chaos round -----------------------------------------------------------

def check_outputs(report: dict) -> None:
    """Every output the report lists is valid and made from its own input: JSON
    of the model, or the title alone (the test plugin's format)."""
    validator = jsonschema.Draft202012Validator(json.loads(schema_text("idm")))
    for entry in report["inputs"]:
        if not entry["outputs"]:
            continue
        index = int(Path(entry["input"]).stem.removeprefix("doc"))
        for output in entry["outputs"]:
            text = Path(output["path"]).read_text("utf-8")
            if output["format"] == "slow":
                assert text == f"Document {index}"
                continue
            data = json.loads(text)
            validator.validate(data)
            assert data["meta"]["title"] == f"Document {index}"
            assert data["blocks"][-1]["text"].startswith(f"Line of document {index}.")


@needs_proc
def test_chaos_round(tmp_path, plugin_env):
    """A 100-file batch with -j 2, a FIFO and an over-size file among the inputs:
    once with a worker killed mid-write, once ended by SIGTERM.  One write is
    slowed down each time, so the run is certainly still going when struck."""
    source = tmp_path / "in"
    write_docs(source, 98, lines=60)
    os.mkfifo(source / "fifo.txt")
    (source / "huge.txt").write_text("Huge\n\n" + "A long line of text.\n" * 4000)

    def batch(name: str) -> tuple[subprocess.Popen, Path, Path, Path]:
        out, report, marker = tmp_path / f"out-{name}", tmp_path / f"report-{name}.json", tmp_path / f"slow-{name}"
        process = start(source, "--to", "json", "--to", "slow", "-o", out, "-j", "2", "--report", report,
                        "--max-input-size", "64K", env={**plugin_env, "SLOW_ONCE": str(marker)})
        wait_for(lambda: marker.exists() and marker.read_text(), process, "a slow write")
        return process, out, report, Path(marker.read_text())

    # a worker killed (as the OOM killer would) while it writes
    process, out, report_path, slowed = batch("killed")
    [temporary] = [path for path in temporaries(out) if path.name.startswith(f".{slowed.name}.")]
    victim = int(temporary.name.split(".")[-3])
    assert victim in children(process.pid)
    os.kill(victim, signal.SIGKILL)
    code, stderr = finished(process, timeout=120)
    assert code == 1, stderr
    assert "Traceback" not in stderr
    report = report_of(report_path)
    assert report["totals"] == {**report["totals"], "inputs": 100, "ok": 98, "failed": 2, "skipped": 0}
    failed = {Path(entry["input"]).name: entry["error"] for entry in report["inputs"] if entry["status"] == "failed"}
    assert set(failed) == {"fifo.txt", "huge.txt"}
    assert "a FIFO" in failed["fifo.txt"] and "over the --max-input-size limit" in failed["huge.txt"]
    retried = {Path(entry["input"]).stem for entry in report["inputs"]
               if any(w["code"] == "worker-retry" for w in entry["warnings"])}
    assert slowed.stem in retried
    assert stderr.strip().splitlines()[-1].startswith("98 converted, 2 failed, 0 skipped in ")
    assert group_members(process.pid) == []
    assert temporaries(tmp_path) == []
    check_outputs(report)
    assert len(list(out.glob("*.json"))) == len(list(out.glob("*.slow"))) == 98

    # SIGTERM, as CI cancellation or timeout sends it
    process, out, report_path, _ = batch("terminated")
    wait_for(lambda: len(list(out.glob("*.json"))) >= 10, process, "the first outputs")
    os.kill(process.pid, signal.SIGTERM)
    code, stderr = finished(process)
    assert code == 143, stderr
    assert "Traceback" not in stderr
    report = report_of(report_path)
    totals = report["totals"]
    assert totals["inputs"] == len(report["inputs"]) == 100
    assert totals["ok"] + totals["failed"] + totals["skipped"] == 100 and totals["ok"] > 0
    assert group_members(process.pid) == []
    assert temporaries(tmp_path) == []
    check_outputs(report)
