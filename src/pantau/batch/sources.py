"""Where batch rows come from: JSON Lines, Parquet (a file, a folder of partitions, or an URL
fsspec opens, e.g. `s3://bucket/activities/`), or another source with the same two methods
(the web's report table: pantau.web.intake.table).

A source plans `Partition`s (small, picklable descriptions a worker can read on its own) and
reads one partition as `(row, activity)` pairs: the 1-based line or row number in the source
and the activity as JSON text (a line) or an already decoded object (Parquet columns: no JSON
is parsed per row).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pantau.domain.errors import InputError

Row = tuple[int, str | bytes | dict[str, Any]]


@dataclass(frozen=True)
class Partition:
    """One piece of a source: its index (part-NNNNN), a name people read, and what the
    source needs to read it again (`spec`)."""

    index: int
    name: str
    spec: tuple[Any, ...]


class Source(Protocol):
    """What a batch reads."""

    def partitions(self, rows_per_partition: int) -> list[Partition]: ...

    def read(self, partition: Partition) -> Iterator[Row]: ...

    def describe(self) -> dict[str, Any]: ...


class JsonLinesSource:
    """A JSON Lines file (SPEC §4), cut at line boundaries; rows are line numbers."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def describe(self) -> dict[str, Any]:
        return {"kind": "jsonl", "path": str(self.path), "bytes": self.path.stat().st_size}

    def partitions(self, rows_per_partition: int) -> list[Partition]:
        """One partition every `rows_per_partition` lines: (start byte, end byte, first line)."""
        found: list[Partition] = []
        start, line, first = 0, 0, 1
        with self.path.open("rb") as handle:
            for _raw in handle:
                line += 1
                if line - first + 1 == rows_per_partition:
                    end = handle.tell()
                    found.append(self._partition(len(found), start, end, first, line))
                    start, first = end, line + 1
            end = handle.tell()
        if end > start or not found:
            found.append(self._partition(len(found), start, end, first, line))
        return found

    def _partition(self, index: int, start: int, end: int, first: int, last: int) -> Partition:
        return Partition(index, f"{self.path.name} lines {first}-{last}", (start, end, first))

    def read(self, partition: Partition) -> Iterator[Row]:
        start, end, number = partition.spec
        with self.path.open("rb") as handle:
            handle.seek(start)
            while handle.tell() < end:
                raw = handle.readline()
                if not raw:
                    break
                yield number, raw
                number += 1


class ParquetSource:
    """Parquet: one file, a folder of files (read in name order), or an fsspec URL. Rows are
    numbered 1.. across the files in that order. A string column `activity` holds each
    activity as JSON text; otherwise the columns are the activity's fields (SPEC §4:
    `employee` and `signals` as structs, datetimes as ISO strings)."""

    def __init__(self, location: str | Path) -> None:
        self.location = str(location)

    def _filesystem(self) -> tuple[Any, str]:
        import fsspec.core

        fs, path = fsspec.core.url_to_fs(self.location)
        return fs, path

    def files(self) -> list[str]:
        fs, path = self._filesystem()
        if fs.isdir(path):
            found = [f for f in fs.find(path) if f.endswith(".parquet")]
            return sorted(found)
        return [path]

    def describe(self) -> dict[str, Any]:
        return {"kind": "parquet", "location": self.location, "files": len(self.files())}

    def partitions(self, rows_per_partition: int) -> list[Partition]:
        """Row groups (cut further when larger than `rows_per_partition`)."""
        import pyarrow.parquet as pq

        fs, _ = self._filesystem()
        found: list[Partition] = []
        first = 1
        for file in self.files():
            with fs.open(file, "rb") as handle:
                meta = pq.ParquetFile(handle).metadata
            for group in range(meta.num_row_groups):
                rows = meta.row_group(group).num_rows
                for offset in range(0, max(rows, 1), rows_per_partition):
                    count = min(rows_per_partition, rows - offset)
                    name = f"{Path(file).name} row group {group} rows {first}-{first + count - 1}"
                    found.append(Partition(len(found), name, (file, group, offset, count, first)))
                    first += count
        return found

    def read(self, partition: Partition) -> Iterator[Row]:
        import pyarrow.parquet as pq

        file, group, offset, count, first = partition.spec
        fs, _ = self._filesystem()
        with fs.open(file, "rb") as handle:
            table = pq.ParquetFile(handle).read_row_group(group).slice(offset, count)
        if "activity" in table.column_names:
            texts = table.column("activity").to_pylist()
            yield from zip(range(first, first + count), texts, strict=True)
            return
        yield from zip(range(first, first + count), table.to_pylist(), strict=True)


def open_source(location: str) -> Source:
    """The source a command line names: `.jsonl`/`.json`/`.ndjson` files are JSON Lines; a
    `.parquet` file, a folder or a URL (s3://, gs://, file://...) is Parquet."""
    path = Path(location)
    if "://" not in location and path.is_file() and path.suffix != ".parquet":
        return JsonLinesSource(path)
    if "://" not in location and not path.exists():
        raise InputError(f"source {location}: no such file or folder")
    return ParquetSource(location)


__all__ = ["JsonLinesSource", "ParquetSource", "Partition", "Row", "Source", "open_source"]
