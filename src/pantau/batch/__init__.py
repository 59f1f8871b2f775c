"""Batch re-evaluation: every activity of a large source checked again, in partitions, on
this process, a process pool or a Dask cluster (`pantau batch check`).

A `Source` (JSON Lines, Parquet, the web's report table) cuts itself into `Partition`s and
reads one partition's rows; `check_rows` is the one code path that turns rows into findings
(the web's re-evaluation after a change of the law uses it too); an engine maps it over the
partitions, on workers that each build their checker once; `output` writes each partition as
`findings/part-NNNNN.parquet` under a temporary name and renames it, then `counts.parquet` and
`manifest.json` last. A rerun into the same folder does the missing partitions only.
"""

from pantau.batch.evaluate import CheckedRow, check_activities, check_rows
from pantau.batch.run import BatchFailed, BatchResult, run_batch
from pantau.batch.sources import JsonLinesSource, ParquetSource, Partition, Source, open_source

__all__ = [
    "BatchFailed",
    "BatchResult",
    "CheckedRow",
    "JsonLinesSource",
    "ParquetSource",
    "Partition",
    "Source",
    "check_activities",
    "check_rows",
    "open_source",
    "run_batch",
]
