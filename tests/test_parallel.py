"""Scale-out: local worker processes and a Dask LocalCluster give the store a local run gives.

Every run ingests the examples (plus one unreadable file) into a real SQLite file and compares
the JSON exports byte for byte with the run in this process (``--workers 1``). The Dask tests
start a real ``LocalCluster`` of two worker processes on loopback; one kills a worker process
in the middle of the batch and still gets every article.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.errors import InputError
from dateline.export import dumps, export_json
from dateline.parallel import DaskCluster, LocalPool, open_processor
from dateline.pipeline import IngestReport, ingest
from dateline.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# loopback only; dashboard_address=None would still bind the HTTP server to port 8787 (taken when
# another cluster runs on the machine), so a free port is asked for
LOCAL_CLUSTER = {"processes": True, "n_workers": 2, "threads_per_worker": 1, "host": "127.0.0.1",
                 "dashboard_address": "127.0.0.1:0"}  # fmt: skip
BATCH = 2  # small chunks, so that the few examples make several tasks per worker

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True)
    (folder / "ex06_empty.txt").write_text("")  # rejected in the middle of the batch, in every run
    return folder


def _run(corpus: Path, db: Path, process=None) -> tuple[IngestReport, str]:
    with open_store(str(db)) as store:
        report = ingest([corpus], store, batch_size=BATCH, process=process)
        return report, dumps(export_json(store))


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestReport, str]:
    return _run(corpus, tmp_path_factory.mktemp("w1") / "w1.db")


def _started(corpus: Path, db: Path, process) -> tuple[threading.Thread, dict[str, tuple[IngestReport, str]]]:
    """A run in a thread of its own (the test kills a worker meanwhile), and where its result goes."""
    result: dict[str, tuple[IngestReport, str]] = {}
    runner = threading.Thread(target=lambda: result.setdefault("run", _run(corpus, db, process)))
    runner.start()
    return runner, result


def _same(report: IngestReport, exported: str, local_run: tuple[IngestReport, str]) -> None:
    expected_report, expected_export = local_run
    assert report.stored == expected_report.stored > 10
    assert [str(e) for e in report.rejected] == [str(e) for e in expected_report.rejected]
    assert any("ex06_empty.txt" in str(e) for e in report.rejected)
    assert exported == expected_export


def test_an_input_error_crosses_process_boundaries_whole():
    error = pickle.loads(pickle.dumps(InputError("a/b.txt", "empty file")))
    assert (error.path, error.reason, str(error)) == ("a/b.txt", "empty file", "a/b.txt: empty file")


def test_two_local_workers_store_what_one_process_stores(corpus, local_run, tmp_path):
    with LocalPool(2) as pool:
        report, exported = _run(corpus, tmp_path / "w2.db", pool.process)
    _same(report, exported, local_run)


def test_a_dask_local_cluster_stores_what_one_process_stores(corpus, local_run, tmp_path):
    from distributed import Client, LocalCluster

    with (
        LocalCluster(**LOCAL_CLUSTER) as cluster,
        Client(cluster) as client,
    ):
        cluster_of = DaskCluster(client)
        # every worker was set up (allocator, model) before the first chunk, by the cluster's plugin
        assert set(client.run(lambda dask_worker: "dateline-worker-setup" in dask_worker.plugins).values()) == {True}
        report, exported = _run(corpus, tmp_path / "dask.db", cluster_of.process)
    _same(report, exported, local_run)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_a_dask_worker_keeps_the_memory_it_frees():
    from dateline.dask_worker import keep_freed_memory

    assert keep_freed_memory()


def test_a_worker_killed_mid_batch_loses_no_article(corpus, local_run, tmp_path):
    from distributed import Client, LocalCluster

    with (
        LocalCluster(**LOCAL_CLUSTER) as cluster,
        Client(cluster) as client,
    ):
        pids = client.run(os.getpid)
        runner, result = _started(corpus, tmp_path / "killed.db", DaskCluster(client).process)
        victim = None
        deadline = time.monotonic() + 300
        while victim is None and runner.is_alive() and time.monotonic() < deadline:
            busy = [address for address, keys in client.processing().items() if keys]
            victim = busy[0] if busy else None
            time.sleep(0.05)
        assert victim is not None, "no task was ever seen running"
        time.sleep(1.0)  # into the chunk: loading the model or parsing
        os.kill(pids[victim], signal.SIGKILL)
        runner.join(timeout=600)
        assert not runner.is_alive()
    report, exported = result["run"]
    _same(report, exported, local_run)


def test_a_local_worker_killed_mid_batch_loses_no_article(corpus, local_run, tmp_path, caplog):
    with LocalPool(2) as pool:
        runner, result = _started(corpus, tmp_path / "killed.db", pool.process)
        deadline = time.monotonic() + 300
        while not multiprocessing.active_children() and runner.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = multiprocessing.active_children()
        assert workers, "no worker process was ever started"
        time.sleep(1.0)  # into the first chunks: loading the model or parsing
        os.kill(workers[0].pid, signal.SIGKILL)
        runner.join(timeout=600)
        assert not runner.is_alive()
    assert "a worker process died" in caplog.text  # the pool was restarted, its chunks sent again
    report, exported = result["run"]
    _same(report, exported, local_run)


def test_workers_and_scheduler_together_are_a_usage_error(tmp_path):
    result = CliRunner().invoke(
        app, ["ingest", str(EXAMPLES), "--db", str(tmp_path / "x.db"), "--workers", "2", "--scheduler", "tcp://x:1"]
    )
    assert result.exit_code == 2
    assert "--workers is for local runs" in result.output


def test_one_worker_runs_in_this_process():
    with open_processor(workers=1) as process:
        assert process is None  # pipeline.ingest then runs process_documents itself, as before
