"""A real Dask cluster: a scheduler and two workers started from the command line on
127.0.0.1, stopped by process id. The cluster gives the local output and counts, with work on
both workers and one checker built on each; a worker killed during a run leaves no duplicate
or missing row."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.integration.batch_corpus import activities, batch_rows, counts, write_parquet

from pantau.batch import ParquetSource, run_batch
from pantau.batch.engines import EngineOptions

pytestmark = pytest.mark.slow
PYTHON = sys.executable


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start(*arguments: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([PYTHON, "-m", *arguments], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # the worker's nanny and its child, by id
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    scheduler = _start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", port,
                       "--no-dashboard")
    workers = [_start("distributed.cli.dask_worker", address, "--nthreads", "1",
                      "--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard",
                      "--no-nanny") for _ in range(2)]
    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        yield address, workers
    finally:
        for process in [*workers, scheduler]:
            _stop(process)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parquet")
    rows = activities(1200)
    for index in range(4):
        write_parquet(folder / f"part-{index}.parquet", rows[index * 300:(index + 1) * 300],
                      json_text=False, row_group_size=100)
    return folder


def test_local_pool_and_a_two_worker_cluster_give_identical_output(
        cluster: tuple[str, list[subprocess.Popen[bytes]]], corpus: Path, tmp_path: Path) -> None:
    address, _ = cluster
    run_batch(ParquetSource(corpus), tmp_path / "local", classify=False, rows_per_partition=50)
    on_dask = run_batch(ParquetSource(corpus), tmp_path / "dask",
                        EngineOptions("dask", scheduler=address), classify=False,
                        rows_per_partition=50)
    assert batch_rows(tmp_path / "dask") == batch_rows(tmp_path / "local")
    assert counts(tmp_path / "dask") == counts(tmp_path / "local")
    workers = on_dask.manifest["this_run"]["workers"]
    assert len(workers) == 2, workers
    assert all(w["partitions"] >= 1 and w["checkers_built"] == 1 for w in workers.values())


def test_a_killed_worker_leaves_no_duplicate_or_missing_row(
        cluster: tuple[str, list[subprocess.Popen[bytes]]], corpus: Path, tmp_path: Path) -> None:
    address, workers = cluster
    run_batch(ParquetSource(corpus), tmp_path / "local", classify=False, rows_per_partition=25)
    out = tmp_path / "dask"

    def kill_when_started() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(out.glob("findings/part-*.parquet")):
            time.sleep(0.01)
        os.killpg(workers[0].pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_when_started)
    killer.start()
    result = run_batch(ParquetSource(corpus), out, EngineOptions("dask", scheduler=address),
                       classify=False, rows_per_partition=25)
    killer.join()
    assert workers[0].wait(timeout=10) != 0
    rows = batch_rows(out)
    assert len(rows) == len({row for row, _ in rows}) == result.rows == 1200
    assert rows == batch_rows(tmp_path / "local")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["rows"] == 1200
