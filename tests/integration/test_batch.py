"""`pantau batch check`: the output equals `pantau check` row for row on every source kind,
on every engine, resumes, retries, and names a partition that fails; `pantau check` itself is
byte-identical to the generic rendering of its findings."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from tests.integration.batch_corpus import (
    activities,
    batch_rows,
    check_lines,
    counts,
    jsonl_bytes,
    write_jsonl,
    write_parquet,
)

from pantau.batch import JsonLinesSource, ParquetSource, Partition, run_batch
from pantau.batch.engines import EngineOptions
from pantau.domain.activities import parse_activity
from pantau.rules.checker import Checker
from pantau.text.finding_json import FindingWriter
from pantau.text.findings import check_line, finding_output, read_activity

CLI = [sys.executable, "-c", "from pantau.cli import main; main()"]


def _expected(lines: list[bytes], lang: str = "id") -> list[str]:
    return check_lines(lines, lang)


def _run(source: Any, outdir: Path, **options: Any) -> Any:
    engine = EngineOptions(**{k: options.pop(k) for k in list(options)
                              if k in ("engine", "workers", "scheduler", "retries")})
    return run_batch(source, outdir, engine, classify=False, **options)


# ----- pantau check: byte-identical ----------------------------------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_direct_writer_writes_what_json_dumps_of_the_finding_object_writes(lang: str) -> None:
    checker, writer = Checker(classifier=None), FindingWriter(lang)
    lines = [line.decode() for line in jsonl_bytes(1500, bad=False)]
    for number, line in enumerate(lines, start=1):
        finding = check_line(checker, line, number, lang)
        assert not isinstance(finding, dict)
        expected = json.dumps(finding_output(finding, lang), ensure_ascii=False)
        assert writer.line(finding) == expected, number


def _outcome(read: Any) -> Any:
    try:
        return repr(read())
    except Exception as error:
        return (type(error), str(error))


def test_reading_with_orjson_gives_what_json_gives_or_the_same_error() -> None:
    for raw in jsonl_bytes(50):
        line = raw.decode("utf-8", "replace")
        expected = _outcome(lambda line=line: parse_activity(json.loads(line)))
        assert _outcome(lambda line=line: read_activity(line)) == expected, line


# ----- sources ------------------------------------------------------------------------------
def test_jsonl_batch_equals_pantau_check_row_for_row(tmp_path: Path) -> None:
    lines = jsonl_bytes(400)
    source = write_jsonl(tmp_path / "a.jsonl", 400)
    result = _run(JsonLinesSource(source), tmp_path / "out", rows_per_partition=90)
    got = batch_rows(tmp_path / "out")
    expected = _expected(lines)
    assert [text for _, text in got] == expected
    blank = [n for n, line in enumerate(lines, start=1) if not line.strip()]
    assert [row for row, _ in got] == [n for n in range(1, len(lines) + 1) if n not in blank]
    assert result.invalid == sum(1 for text in expected if '"verdict": "invalid"' in text) > 0
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["rows"] == len(got)


@pytest.mark.parametrize("json_text", [True, False], ids=["activity-column", "field-columns"])
def test_parquet_file_and_folder_equal_pantau_check_row_for_row(tmp_path: Path,
                                                                json_text: bool) -> None:
    rows = activities(300)
    folder = tmp_path / "parts"
    folder.mkdir()
    write_parquet(folder / "a-0.parquet", rows[:120], json_text, row_group_size=50)
    write_parquet(folder / "a-1.parquet", rows[120:], json_text, row_group_size=100)
    read_back = [r for f in sorted(folder.glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    as_lines = [(r["activity"] if json_text else json.dumps(r)).encode() + b"\n"
                for r in read_back]
    expected = _expected(as_lines)
    _run(ParquetSource(folder), tmp_path / "out-folder", rows_per_partition=40)
    assert batch_rows(tmp_path / "out-folder") == list(enumerate(expected, start=1))
    _run(ParquetSource(folder / "a-1.parquet"), tmp_path / "out-file")
    assert [t for _, t in batch_rows(tmp_path / "out-file")] == expected[120:]


# ----- output, resume, retries, poison ------------------------------------------------------
def test_counts_and_a_rerun_finish_only_the_missing_partitions(tmp_path: Path) -> None:
    source = JsonLinesSource(write_jsonl(tmp_path / "a.jsonl", 300))
    out = tmp_path / "out"
    first = _run(source, out, rows_per_partition=100)
    before = batch_rows(out)
    table = counts(out)
    plain = sum(len(pq.read_table(p, columns=["row"])) for p in []) or sum(
        1 for _, text in before if '"violations": []' in text or '"invalid"' in text)
    assert sum(r["rows"] for r in table if r["policy"] is None) == plain
    assert {r["verdict"] for r in table} >= {"violation", "no_violation", "invalid"}
    (out / "findings" / "part-00001.parquet").unlink()
    again = _run(source, out, rows_per_partition=100)
    assert (again.partitions, again.done_now) == (first.partitions, 1)
    assert batch_rows(out) == before and counts(out) == table
    assert not list(out.rglob("*.tmp"))
    with pytest.raises(Exception, match="another run"):
        _run(source, out, rows_per_partition=50)


class FlakySource(JsonLinesSource):
    """Fails the first read of partition 1 (a transient error: a network file system)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.failed = False

    def read(self, partition: Partition) -> Iterator[Any]:
        if partition.index == 1 and not self.failed:
            self.failed = True
            raise OSError("connection reset while reading")
        return super().read(partition)


def test_a_transient_failure_with_retries_1_gives_identical_output(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 200)
    _run(JsonLinesSource(path), tmp_path / "plain", rows_per_partition=60)
    flaky = FlakySource(path)
    _run(flaky, tmp_path / "retried", rows_per_partition=60, retries=1)
    assert flaky.failed
    assert batch_rows(tmp_path / "retried") == batch_rows(tmp_path / "plain")
    assert counts(tmp_path / "retried") == counts(tmp_path / "plain")
    with pytest.raises(Exception, match=r"partition 00001 .*connection reset"):
        _run(FlakySource(path), tmp_path / "no-retry", rows_per_partition=60)


def test_a_poison_partition_exits_1_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "parts"
    folder.mkdir()
    write_parquet(folder / "a-0.parquet", activities(50), json_text=True)
    write_parquet(folder / "a-1.parquet", activities(50), json_text=True)
    data = (folder / "a-1.parquet").read_bytes()
    (folder / "a-1.parquet").write_bytes(data[:4] + b"\0" * 200 + data[204:])
    done = subprocess.run([*CLI, "batch", "check", str(folder), str(tmp_path / "out"),
                           "--no-classify"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "partition 00001 (a-1.parquet" in done.stderr
    assert not (tmp_path / "out" / "manifest.json").exists()


# ----- engines ------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_two_process_pool_gives_the_local_output_on_both_workers(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 400)
    _run(JsonLinesSource(path), tmp_path / "local", rows_per_partition=50)
    pooled = _run(JsonLinesSource(path), tmp_path / "pool", rows_per_partition=50, workers=2)
    assert batch_rows(tmp_path / "pool") == batch_rows(tmp_path / "local")
    assert counts(tmp_path / "pool") == counts(tmp_path / "local")
    workers = pooled.manifest["this_run"]["workers"]
    assert len(workers) == 2
    assert all(w["checkers_built"] == 1 and w["partitions"] >= 1 for w in workers.values())
