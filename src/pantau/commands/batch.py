"""`pantau batch check SOURCE OUTDIR`: every activity of a large source checked again, in
partitions, here, on a process pool or on a Dask cluster (pantau.batch)."""

from __future__ import annotations

import sys

import click

from pantau.batch.engines import EngineOptions, PartitionFailed
from pantau.batch.run import BatchResult, run_batch
from pantau.batch.sources import Source, open_source
from pantau.domain.errors import PantauError


def _source(location: str) -> Source:
    """A database URL is the web's report table; anything else a file, folder or URL."""
    if location.startswith(("postgresql://", "postgres://", "sqlite:///")):
        from pantau.web.intake.table import ReportTable

        return ReportTable(location)
    return open_source(location)


def _summary(result: BatchResult) -> str:
    manifest = result.manifest
    lines = [f"pantau batch: {result.rows:,} rows in {result.partitions} partitions "
             f"({result.done_now} checked now), {result.invalid:,} invalid"]
    for worker, entry in sorted(manifest["this_run"]["workers"].items()):
        lines.append(f"  worker {worker}: {entry['partitions']} partitions, "
                     f"{entry['checkers_built']} checker built")
    return "\n".join(lines)


@click.group("batch")
def batch_command() -> None:
    """Pemeriksaan ulang massal / batch re-evaluation (pantau[dask] for --engine dask)."""


@batch_command.command("check")
@click.argument("source")
@click.argument("outdir", type=click.Path(file_okay=False))
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True,
              help="local: this process, or a process pool with --workers; dask: a local "
                   "cluster on 127.0.0.1, or the one at --scheduler.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="With --engine dask: join this scheduler instead of starting a cluster.")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Worker processes (local pool, or the local Dask cluster; default 2 there).")
@click.option("--retries", type=click.IntRange(0), default=0, show_default=True,
              help="Run a partition that failed again up to N times.")
@click.option("--rows-per-partition", type=click.IntRange(1), default=100_000,
              show_default=True, help="Rows (lines, Parquet rows, report keys) a partition.")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Bahasa penjelasan / language of explanations.")
@click.option("--no-classify", is_flag=True,
              help="Jangan pakai klasifikasi otomatis / do not use the content classifier.")
@click.option("--summary", is_flag=True, help="Print rows, partitions and workers to stderr.")
def check_batch(source: str, outdir: str, engine: str, scheduler: str | None,
                workers: int | None, retries: int, rows_per_partition: int, lang: str,
                no_classify: bool, summary: bool) -> None:
    """Periksa ulang semua aktivitas sumber / check every activity of SOURCE into OUTDIR.

    SOURCE: JSON Lines, Parquet (a file, a folder of partitions, or an fsspec URL such as
    s3://bucket/activities/), or the web's report table (postgresql://… or sqlite:///…),
    read in key ranges. OUTDIR gets findings/part-NNNNN.parquet (row, finding: the JSON
    `pantau check` writes for that row, agency, unit, verdict, policies, conducts),
    counts.parquet and manifest.json (last). A rerun into the same OUTDIR checks the missing
    partitions only. Progress on stderr. Exit 2 when rows were invalid, 1 when a partition
    failed (named, with its first error)."""
    options = EngineOptions(engine, workers, scheduler, retries)
    try:
        result = run_batch(_source(source), outdir, options, lang, not no_classify,
                           rows_per_partition, say=lambda line: click.echo(line, err=True))
    except PartitionFailed as error:
        click.echo(f"galat / error: {error}; rerun to finish the other partitions", err=True)
        sys.exit(1)
    except PantauError as error:
        click.echo(f"galat / error: {' '.join(str(error).split())}", err=True)
        sys.exit(2)
    if summary:
        click.echo(_summary(result), err=True)
    if result.invalid:
        sys.exit(2)


__all__ = ["batch_command"]
