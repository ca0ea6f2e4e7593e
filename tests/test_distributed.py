"""Batches on a Dask cluster (``--executor dask``): the same outputs and
report as the local pool, failures isolated, workers checked, retries
recorded.  One loopback-only cluster of two worker processes serves the
module."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

import convert.run.distributed.workers
from convert.errors import UsageError
from convert.model.json_form import schema_text
from convert.run.pipeline import Settings
from convert.plugin.loader import load_registry
from convert.run.runner import RunOptions, run

from conftest import ROOT, make_corpus, run_cli

FORMATS = ("json", "epub")
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
MISSING_EXTRA = "the dask extra is not installed (pip install 'convert-text[dask]')"


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, listening on 127.0.0.1 only."""
    distributed = pytest.importorskip("distributed", reason=MISSING_EXTRA)
    # the scheduler's plain HTTP endpoint on a free loopback port too
    loopback = {"host": "127.0.0.1", "dashboard_address": None,
                "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, **loopback) as local,
        distributed.Client(local, set_as_default=False) as client,
    ):
        yield local.scheduler_address, client


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def comparable(report: dict, out: Path) -> dict:
    """The report without timings and worker count, with output paths relative to ``out``."""
    inputs = [{**entry, "seconds": None,
               "outputs": [{**o, "path": str(Path(o["path"]).relative_to(out))} for o in entry["outputs"]]}
              for entry in report["inputs"]]
    return {**report, "workers": None, "inputs": inputs, "totals": {**report["totals"], "seconds": None}}


def to_args() -> list[str]:
    return [arg for name in FORMATS for arg in ("--to", name)]


def test_missing_extra_is_a_one_line_usage_error(monkeypatch, tmp_path):
    from convert.run.distributed import run_on_dask
    from convert.run.jobs import Job

    monkeypatch.setitem(sys.modules, "distributed", None)  # makes ``import distributed`` fail
    job = Job(tmp_path / "a.txt", (("json", tmp_path / "a.json"),))
    with pytest.raises(UsageError, match=r"pip install 'convert-text\[dask\]'"):
        list(run_on_dask([job], Settings(("json",)), load_registry(), "local"))


def test_dask_executor_needs_a_scheduler(tmp_path):
    (tmp_path / "a.txt").write_text("A\nText.\n")
    result = run_cli(tmp_path / "a.txt", "--to", "json", "--executor", "dask")
    assert result.returncode == 2 and "--scheduler" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_scheduler_address_is_a_usage_error(tmp_path):
    pytest.importorskip("distributed", reason=MISSING_EXTRA)
    (tmp_path / "a.txt").write_text("A\nText.\n")
    for address in ("tcp://", "nonsense://host:8786"):
        result = run_cli(tmp_path / "a.txt", "--to", "json", "--executor", "dask", "--scheduler", address)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"convert: error: cannot connect to the Dask scheduler '{address}'")
        assert len(result.stderr.splitlines()) == 1


def test_local_batch_never_imports_dask(tmp_path):
    (tmp_path / "a.txt").write_text("A\nText.\n")
    (tmp_path / "b.txt").write_text("B\nText.\n")
    code = (
        "import sys\n"
        "from convert.cli import main\n"
        f"sys.argv = ['convert', {str(tmp_path)!r}, '--to', 'json', '-j', '2', '-q']\n"
        "try:\n    main()\nexcept SystemExit as done:\n    assert done.code == 0, done.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "b.json").exists()


def test_cli_gives_the_same_outputs_and_report_as_local_workers(cluster, tmp_path):
    address, _ = cluster
    source = make_corpus(tmp_path / "docs", count=12)
    runs = {}
    for name, executor in (("local", ["-j", "2"]), ("dask", ["--executor", "dask", "--scheduler", address])):
        out, report = tmp_path / f"out-{name}", tmp_path / f"report-{name}.json"
        result = run_cli(source, *to_args(), "-o", out, "--report", report, *executor, env=EPOCH)
        runs[name] = result, out, json.loads(report.read_text("utf-8"))
    (local, local_out, local_report), (dask, dask_out, dask_report) = runs["local"], runs["dask"]
    assert dask.returncode == local.returncode == 1, dask.stderr
    assert digests(dask_out) == digests(local_out)
    assert len(digests(dask_out)) == 12 * len(FORMATS)
    assert comparable(dask_report, dask_out) == comparable(local_report, local_out)
    assert dask_report["totals"]["failed"] == 2 and dask_report["totals"]["ok"] == 12
    # the same concise CI output: one line per failure, then the summary
    assert dask.stderr.splitlines()[-1].startswith("12 converted, 2 failed, 0 skipped in ")
    assert sorted(dask.stderr.splitlines()[:-1]) == sorted(local.stderr.splitlines()[:-1])


def test_a_bad_writer_option_is_a_usage_error_as_locally(cluster, tmp_path):
    address, _ = cluster
    for index in range(2):
        (tmp_path / f"d{index}.txt").write_text(f"Doc {index}\nText.\n")
    bad = ["--to", "docx", "-O", "page_size=tabloid", "-q"]
    local = run_cli(tmp_path, *bad, "-j", "2")
    dask = run_cli(tmp_path, *bad, "--executor", "dask", "--scheduler", address)
    assert dask.returncode == local.returncode == 2, dask.stderr
    assert sorted(dask.stderr.splitlines()) == sorted(local.stderr.splitlines())
    assert "page_size='tabloid' is not one of" in dask.stderr
    assert not list(tmp_path.glob("*.docx"))


def test_python_api_reports_failing_inputs_without_stopping(cluster, tmp_path, monkeypatch):
    import convert.run.distributed.client as dask_executor

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    monkeypatch.setattr(dask_executor, "SCATTER_OVER", 100)  # some inputs go to a worker directly
    address, _ = cluster
    source = make_corpus(tmp_path / "docs", count=4)
    report = tmp_path / "report.json"
    options = RunOptions(output=tmp_path / "out", report=report, quiet=True, executor="dask", scheduler=address)
    code = run([str(source)], Settings(FORMATS), load_registry(), options)
    assert code == 1
    in_process = RunOptions(output=tmp_path / "local", quiet=True, workers=1)
    assert run([str(source)], Settings(FORMATS), load_registry(), in_process) == 1
    assert digests(tmp_path / "out") == digests(tmp_path / "local")
    entries = {Path(e["input"]).name: e for e in json.loads(report.read_text("utf-8"))["inputs"]}
    assert entries["broken.txt"]["status"] == entries["empty.txt"]["status"] == "failed"
    assert "offset 10" in entries["broken.txt"]["error"] and "empty" in entries["empty.txt"]["error"]
    assert all(entries[f"doc{i:02}.txt"]["status"] == "ok" for i in range(4))
    assert len(list((tmp_path / "out").rglob("*.epub"))) == 4
    assert not [p for p in (tmp_path / "out").rglob("*") if "convert-part" in p.name]


def test_fail_fast_stops_submitting(cluster, tmp_path):
    address, _ = cluster
    dask = ["--to", "json", "--fail-fast", "--executor", "dask", "--scheduler", address]
    (tmp_path / "a-big.txt").write_text("A document over the size limit.\n")
    for index in range(24):
        (tmp_path / f"b{index:02}.txt").write_text(f"Doc {index}\nT.\n")
    # an input this machine cannot read fails before anything else is submitted
    report = tmp_path / "report.json"
    result = run_cli(tmp_path, *dask, "--max-input-size", "12", "--report", report)
    assert result.returncode == 1
    assert [e["status"] for e in json.loads(report.read_text())["inputs"]] == ["failed"] + ["skipped"] * 24
    assert not list(tmp_path.glob("b*.json"))
    # one that fails on a worker stops submissions; the jobs already in flight (at most
    # 4 per worker thread, refilled as they finish) still complete
    (tmp_path / "a-big.txt").write_bytes(b"")
    result = run_cli(tmp_path, *dask, "--report", report)
    assert result.returncode == 1
    statuses = [e["status"] for e in json.loads(report.read_text())["inputs"]]
    assert statuses[0] == "failed" and statuses.count("skipped") >= 24 - 2 * 8


def test_jobs_in_flight_are_bounded(cluster, tmp_path, monkeypatch):
    import convert.run.distributed.client as dask_executor
    from convert.run.jobs import expand_inputs, plan_jobs

    address, _ = cluster
    source = make_corpus(tmp_path / "docs", count=16)
    registry = load_registry()
    jobs = plan_jobs(expand_inputs([str(source)], ("*.txt",)), [("json", registry.output("json"))], tmp_path / "out")
    loaded = []
    original = dask_executor.load_source
    monkeypatch.setattr(dask_executor, "load_source", lambda *args: loaded.append(1) or original(*args))
    most = 0
    for done, _ in enumerate(dask_executor.run_on_dask(jobs, Settings(("json",)), registry, address), start=1):
        most = max(most, len(loaded) - done)
    assert done == len(jobs) == 18
    assert 0 < most <= 4 * 2  # two single-threaded workers: at most eight jobs submitted ahead


def test_a_worker_with_another_version_is_refused(cluster, tmp_path, monkeypatch):
    import convert.run.distributed.client as dask_executor
    from convert.run.jobs import Job

    address, client = cluster
    job = Job(tmp_path / "a.txt", (("json", tmp_path / "a.json"),))
    (tmp_path / "a.txt").write_text("A\nText.\n")
    monkeypatch.setattr(convert.run.distributed.workers, "__version__", "0.0.1")  # what this machine believes
    with pytest.raises(UsageError) as refused:
        list(dask_executor.run_on_dask([job], Settings(("json",)), load_registry(), address))
    message = str(refused.value)
    assert f"convert 0.0.1 here, {convert.__version__} on the worker" in message
    assert any(worker in message for worker in client.scheduler_info()["workers"])
    assert not (tmp_path / "a.json").exists()


def test_a_worker_with_other_plugins_is_refused(cluster, tmp_path):
    from convert.run.distributed import run_on_dask
    from convert.run.jobs import Job

    address, _ = cluster
    (tmp_path / "a.txt").write_text("A\nText.\n")
    job = Job(tmp_path / "a.txt", (("json", tmp_path / "a.json"),))
    fewer = load_registry(environ={"CONVERT_PLUGINS": "text,json"})  # the workers load every plugin
    with pytest.raises(UsageError, match=r"plugins: extra .*epub .* on the worker"):
        list(run_on_dask([job], Settings(("json",)), fewer, address))


def test_a_worker_that_joins_later_with_other_plugins_converts_nothing(cluster, tmp_path, monkeypatch):
    import convert.run.distributed.client as dask_executor
    from convert.run.jobs import Job

    address, _ = cluster
    (tmp_path / "a.txt").write_text("A\nText.\n")
    job = Job(tmp_path / "a.txt", (("json", tmp_path / "a.json"),))
    # as if every worker had changed since the check at start
    monkeypatch.setattr(dask_executor, "check_workers", lambda client, registry, selection: "0" * 64)
    [result] = dask_executor.run_on_dask([job], Settings(("json",)), load_registry(), address)
    assert result.status == "failed" and result.exit_code == 1
    assert "not converted: Dask worker tcp://127.0.0.1:" in result.error
    assert "has another convert version or other plugins" in result.error
    assert [w.message for w in result.warnings if w.code == "worker-retry"] == [
        "gave up after 3 attempts: 3 attempt(s) raised an unexpected error"]
    assert not (tmp_path / "a.json").exists()


def _crash_once(marker: str):
    """A patch for the workers: the first worker to convert crash.txt dies."""
    def install():
        import os

        import convert.run.distributed.workers as remote

        original = remote.convert_source

        def crashing(source, *args):
            if source.name == "crash.txt" and not os.path.exists(marker):
                open(marker, "w").close()
                os._exit(1)
            return original(source, *args)

        remote.convert_source, crashing.original = crashing, original

    return install


def _restore():
    def restore():
        import convert.run.distributed.workers as remote

        remote.convert_source = getattr(remote.convert_source, "original", remote.convert_source)

    return restore


def test_a_worker_dying_mid_task_is_retried_and_reported(cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    address, client = cluster
    for folder in ("", "local/"):
        (tmp_path / f"{folder}crash.txt").parent.mkdir(exist_ok=True)
        (tmp_path / f"{folder}crash.txt").write_text("Title\nText.\n")
    (tmp_path / "calm.txt").write_text("Calm\nText.\n")
    report = tmp_path / "report.json"
    client.run(_crash_once(str(tmp_path / "died")))
    try:
        options = RunOptions(report=report, quiet=True, executor="dask", scheduler=address)
        code = run([str(tmp_path / "crash.txt"), str(tmp_path / "calm.txt")], Settings(("json",)),
                   load_registry(), options)
    finally:
        client.run(_restore())
        client.wait_for_workers(2, timeout=30)
    assert (tmp_path / "died").exists(), "the patched worker did not run crash.txt"
    assert code == 0
    document = json.loads(report.read_text("utf-8"))
    jsonschema.validate(document, json.loads(schema_text("report")))
    entries = {Path(e["input"]).name: e for e in document["inputs"]}
    retry = [w for w in entries["crash.txt"]["warnings"] if w["code"] == "worker-retry"]
    assert [w["message"] for w in retry] == ["completed on attempt 2: 1 worker(s) died while running it"]
    assert not [w for w in entries["calm.txt"]["warnings"] if w["code"] == "worker-retry"]
    run_cli(tmp_path / "local" / "crash.txt", "--to", "json", env=EPOCH, check=True)
    assert (tmp_path / "crash.json").read_bytes() == (tmp_path / "local" / "crash.json").read_bytes()


def _raise_once(marker: str):
    def task():
        import os

        if not os.path.exists(marker):
            open(marker, "w").close()
            raise RuntimeError("a transient failure")
        return "done"

    return task


def test_a_task_that_raised_once_is_counted(cluster, tmp_path):
    from convert.run.distributed.attempts import RETRIES, Attempts, count_attempts, retry_warning

    _, client = cluster
    retried = client.submit(_raise_once(str(tmp_path / "raised")), retries=RETRIES, pure=False)
    calm = client.submit(len, "abc", retries=RETRIES, pure=False)
    assert retried.result(timeout=30) == "done" and calm.result(timeout=30) == 3
    counts = count_attempts(client, [retried.key, calm.key])
    assert counts == {retried.key: Attempts(died=0, raised=1), calm.key: Attempts()}
    warning = retry_warning(counts[retried.key], "completed on attempt 2")
    assert warning.code == "worker-retry"
    assert warning.message == "completed on attempt 2: 1 attempt(s) raised an unexpected error"


def test_a_document_that_kills_every_worker_is_a_failed_input(tmp_path):
    distributed = pytest.importorskip("distributed", reason=MISSING_EXTRA)
    from convert.run.distributed.attempts import Attempts
    from convert.run.distributed.client import _finish, _Task
    from convert.run.jobs import Job

    class Killed:  # a future as the client sees it once the scheduler gave up
        status = "error"

        def exception(self):
            return distributed.KilledWorker("convert_remote-1", None, 3)

    job = Job(tmp_path / "a.txt", (("json", tmp_path / "a.json"),))
    result = _finish(_Task(job, 0.0, None), Killed(), Attempts(died=4))
    assert result.status == "failed" and result.exit_code == 1
    assert result.error == f"{tmp_path / 'a.txt'}: 4 Dask workers died while converting it"
    assert [w.message for w in result.warnings] == ["gave up after 4 attempts: 4 worker(s) died while running it"]
    assert not (tmp_path / "a.json").exists()


def test_scheduler_local_starts_and_stops_its_own_cluster(tmp_path):
    pytest.importorskip("distributed", reason=MISSING_EXTRA)
    for index in range(3):
        (tmp_path / f"d{index}.txt").write_text(f"Doc {index}\nText of {index}.\n")
    result = run_cli(tmp_path, "--to", "json", "-o", tmp_path / "out", "--executor", "dask",
                     "--scheduler", "local", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["d0.json", "d1.json", "d2.json"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("3 converted, 0 failed, 0 skipped in "), result.stderr


def test_ctrl_c_stops_a_local_cluster_quietly(tmp_path):
    pytest.importorskip("distributed", reason=MISSING_EXTRA)
    for index in range(300):
        (tmp_path / f"d{index:03}.txt").write_text(f"Doc {index}\n" + "A line of text.\n" * 200)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "convert", str(tmp_path), "--to", "json", "-o", str(out),
         "--executor", "dask", "--scheduler", "local", "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
    )
    deadline = time.time() + 30
    while not (out.exists() and any(out.iterdir())) and time.time() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)  # like Ctrl-C: the client and its workers
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "convert: interrupted; no partial output was left behind"
    assert "Traceback" not in stderr
    assert not [p.name for p in out.rglob("*") if "convert-part" in p.name]
    assert 0 < len(list(out.glob("*.json"))) < 300


def test_a_result_lost_with_its_worker_is_computed_again(cluster, tmp_path, monkeypatch):
    """A worker dies after finishing a job, before its result is fetched: the
    scheduler computes it again, and the input completes (it used to fail with
    "NoneType: None")."""
    import convert.run.distributed.client as dask_executor
    from convert.run.jobs import Job

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    address, client = cluster
    (tmp_path / "a.txt").write_text("A\nText.\n")
    job = Job(tmp_path / "a.txt", (("json", tmp_path / "a.json"),))
    original, killed = dask_executor.count_attempts, []

    def kill_the_holder(client_, keys):  # runs after a result arrived, before it is fetched
        holders = {worker for key, workers in client_.who_has().items() if key in keys for worker in workers}
        if holders and not killed:
            for pid in client_.run(os.getpid, workers=sorted(holders)).values():
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            deadline = time.monotonic() + 30
            while any(client_.futures[key].status == "finished" for key in keys) and time.monotonic() < deadline:
                time.sleep(0.01)
        return original(client_, keys)

    monkeypatch.setattr(dask_executor, "count_attempts", kill_the_holder)
    try:
        [result] = dask_executor.run_on_dask([job], Settings(("json",)), load_registry(), address)
    finally:
        client.wait_for_workers(2, timeout=60)
    assert killed, "no worker held the result"
    assert result.status == "ok", result.error
    run_cli(tmp_path / "a.txt", "--to", "json", "-o", tmp_path / "local", env=EPOCH, check=True)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "local" / "a.json").read_bytes()


def test_a_port_no_connection_can_use_is_refused_at_once(tmp_path):
    pytest.importorskip("distributed", reason=MISSING_EXTRA)
    (tmp_path / "a.txt").write_text("A\nText.\n")
    result = run_cli(tmp_path / "a.txt", "--to", "json", "--scheduler", "tcp://127.0.0.1:99999")
    assert result.returncode == 2
    assert result.stderr == ("convert: error: cannot connect to the Dask scheduler 'tcp://127.0.0.1:99999': "
                             "port 99999 is not between 1 and 65535\n")


def test_quiet_keeps_dask_log_lines_off_standard_error(tmp_path):
    """-q with a worker killed mid-run: Dask notices and logs; convert retries and says nothing."""
    pytest.importorskip("distributed", reason=MISSING_EXTRA)
    for index in range(150):
        (tmp_path / f"d{index:03}.txt").write_text(f"Doc {index}\n" + "A line of text.\n" * 50)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "convert", str(tmp_path), "--to", "json", "-o", str(out), "-q",
         "--executor", "dask", "--scheduler", "local", "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
    )
    deadline = time.time() + 60
    while not (out.exists() and len(list(out.iterdir())) >= 10) and time.time() < deadline:
        time.sleep(0.02)
    workers = [int(pid) for pid in subprocess.run(["pgrep", "-P", str(process.pid), "-f", "spawn_main"],
                                                  capture_output=True, text=True).stdout.split()]
    assert workers and process.poll() is None, "the batch ended before a worker could be killed"
    os.kill(workers[0], signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert stderr == "" and stdout == ""
    assert len(list(out.glob("*.json"))) == 150
