"""`pantau check [FILE|-]`: activities as JSON Lines in, one finding a line out (SPEC §4)."""

from __future__ import annotations

import gc
import getpass
import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from pantau.commands.lines import decode_line
from pantau.domain.content import ContentClassifier
from pantau.domain.findings import Finding, Verdict
from pantau.rules.checker import Checker, default_classifier
from pantau.text import text
from pantau.text.finding_json import FindingWriter
from pantau.text.findings import check_line, invalid_output

if TYPE_CHECKING:
    from pantau.web.registry.records import DjangoRecords


class Summary:
    """Counts by verdict, agency and conduct, for `--summary`."""

    def __init__(self) -> None:
        self.verdicts: Counter[str] = Counter()
        self.agencies: Counter[str] = Counter()
        self.conducts: Counter[str] = Counter()

    def add(self, finding: Finding | None) -> None:
        """Count one finding (None: an invalid line)."""
        if finding is None:
            self.verdicts[Verdict.INVALID.value] += 1
            return
        verdict = finding.verdict.value
        self.verdicts[verdict] += 1
        self.agencies[f"{finding.activity.agency}: {verdict}"] += 1
        for violation in finding.violations:
            self.conducts[f"{violation.conduct} ({violation.status.value})"] += 1

    def lines(self, lang: str) -> list[str]:
        total = sum(self.verdicts.values())
        out = [text("summary.title", lang, total=total)]
        for title, counter in (("verdict", self.verdicts), ("agency", self.agencies),
                               ("conduct", self.conducts)):
            out.append(f"  {text(f'summary.{title}', lang)}:")
            out.extend(f"    {key:<58} {count:>8}" for key, count in sorted(counter.items()))
        return out


def _decoded(raw: bytes, number: int, lang: str) -> str | dict[str, Any]:
    """One input line as text, or the `invalid` record saying it is not UTF-8."""
    line = decode_line(raw, number)
    if isinstance(line, str):
        return line
    error = text("check.not_utf8", lang, number=number, byte=line.byte, position=line.position)
    return invalid_output(number, error)


def run_check(lines: Iterable[str | bytes], out: IO[str], checker: Checker, lang: str,
              summary: Summary | None, show_nip: bool = False) -> bool:
    """Check every non-blank line, writing one result a line; True when all were valid.
    Lines may be bytes: a line that is not UTF-8 is reported `invalid` like any bad line."""
    valid = True
    writer = FindingWriter(lang, show_nip)
    quiet_collector()
    for number, raw in enumerate(lines, start=1):
        line = _decoded(raw, number, lang) if isinstance(raw, bytes) else raw
        if isinstance(line, str) and (not line or line.isspace()):  # not line.strip(), no copy
            continue
        checked = check_line(checker, line, number, lang) if isinstance(line, str) else line
        if isinstance(checked, dict):
            valid = False
            result, finding = json.dumps(checked, ensure_ascii=False), None
        else:
            result, finding = writer.line(checked), checked
        out.write(result + "\n")
        if summary is not None:
            summary.add(finding)
    return valid


def quiet_collector() -> None:
    """Tune the garbage collector for a long run of short-lived findings: what is loaded by
    now (policies, calendars, the classifier) is frozen out of every collection, and young
    objects are collected less often. This halves the time a check spends in the collector;
    nothing a run keeps is affected (findings are written and dropped). No full collection
    comes first: it would walk every object loaded (about 60 ms once a run has loaded the
    calendars) to free the few reference cycles loading leaves (the YAML loader's), which
    are frozen with the rest instead (a checked line leaves none: tests/unit/test_check_gc)."""
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


class Progress:
    """Reports on stderr how many lines were read (and what share of a regular file), every
    `every` lines and at the end, so a long check shows it is moving."""

    def __init__(self, source: IO[bytes], lang: str, every: int = 50_000) -> None:
        self.lang, self.every = lang, every
        try:
            status = os.fstat(source.fileno())
            self.size: int | None = status.st_size if _is_file(status) else None
        except (OSError, ValueError, AttributeError):
            self.size = None  # a pipe, or a stream without a file descriptor (tests)

    def wrap(self, lines: Iterable[bytes]) -> Iterator[bytes]:
        number = read = 0
        for number, raw in enumerate(lines, start=1):
            read += len(raw)
            if number % self.every == 0:
                self._report(number, read)
            yield raw
        self._report(number, read)

    def _report(self, number: int, read: int) -> None:
        count = f"{number:,}".replace(",", "." if self.lang == "id" else ",")
        share = f" ({100 * read // self.size}%)" if self.size else ""
        word = "baris dibaca" if self.lang == "id" else "lines read"
        click.echo(f"pantau check: {count} {word}{share}", err=True)


def _is_file(status: os.stat_result) -> bool:
    return stat.S_ISREG(status.st_mode)


def _classifier_or_warning() -> ContentClassifier | None:
    """The shipped classifier; when it cannot be loaded, say so once and go on without it
    (text without `signals.content` then makes no content code suspected: the warning says so)."""
    try:
        return default_classifier()
    except Exception as error:  # a broken model file must not stop the check of every line
        click.echo(f"peringatan: klasifikasi otomatis tidak dapat dimuat ({error!r}); teks "
                   "tanpa signals.content tidak diperiksa / warning: the classifier could not "
                   "be loaded; text without signals.content is not screened", err=True)
        return None


def _fail(message_id: str, message_en: str) -> NoReturn:
    """One line on stderr, exit 2."""
    click.echo(f"galat: {message_id} / error: {message_en}", err=True)
    sys.exit(2)


def cli_user() -> str:
    """The CLI user named in the access log: `cli:<login>`."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = os.environ.get("USER", "") or "unknown"
    return f"cli:{name}"


def open_django() -> None:
    """Set Django up on the database at PANTAU_DATABASE_URL (default ./pantau.sqlite3); exit 2
    when it cannot be read. Django is imported here only, so a plain `pantau check` never
    loads it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.web.settings")
    import django
    from django.db import DatabaseError, connection

    django.setup()
    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite" and "memory" not in name and not Path(name).is_file():
        _fail(f"basis data registri {name} tidak ada; jalankan `pantau demo --no-serve` atau "
              "atur PANTAU_DATABASE_URL",
              f"registry database {name} does not exist; run `pantau demo --no-serve` or set "
              "PANTAU_DATABASE_URL")
    from pantau.web.registry.models import Agency

    try:
        Agency.objects.exists()
    except DatabaseError as error:
        reason = " ".join(str(error).split())
        _fail(f"registri tidak dapat dibaca ({reason}); periksa PANTAU_DATABASE_URL dan "
              "jalankan migrasi (`pantau demo --no-serve`)",
              "the registry cannot be read; check PANTAU_DATABASE_URL and migrate")


def _open_registry() -> DjangoRecords:
    """The registry at PANTAU_DATABASE_URL, as the check's registry port."""
    open_django()
    from pantau.web.registry.records import DjangoRecords

    return DjangoRecords(cli_user())


def _run_with_registry(source: Iterable[bytes], lang: str, counts: Summary | None,
                       classifier: Any, show_nip: bool) -> bool:
    from django.db import DatabaseError

    records = _open_registry()
    checker = Checker(classifier=classifier, records=records)
    try:
        return run_check(source, sys.stdout, checker, lang, counts, show_nip)
    except DatabaseError as error:
        sys.stdout.flush()
        reason = " ".join(str(error).split())
        _fail(f"registri gagal dibaca di tengah pemeriksaan ({reason})",
              "the registry failed during the check")
    finally:
        try:
            records.close()
        except DatabaseError as error:
            reason = " ".join(str(error).split())
            click.echo(f"peringatan: log akses tidak tercatat ({reason}) / warning: the "
                       "access log was not written", err=True)


@click.command("check")
@click.argument("source", type=click.File("rb"), default="-")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Bahasa penjelasan / language of explanations.")
@click.option("--summary", is_flag=True,
              help="Cetak ringkasan ke stderr / print a summary to stderr.")
@click.option("--no-classify", is_flag=True,
              help="Jangan pakai klasifikasi otomatis / do not use the content classifier.")
@click.option("--registry", is_flag=True,
              help="Pakai registri pegawai (PANTAU_DATABASE_URL) / look employees up in the "
                   "registry: account -> employee, leave, roster, surat tugas.")
@click.option("--progress/--no-progress", default=None,
              help="Kemajuan di stderr (bawaan: bila stderr terminal) / progress on stderr "
                   "(default: when stderr is a terminal).")
@click.option("--show-nip", is_flag=True,
              help="Dengan --registry: NIP lengkap / with --registry: the full NIP, not masked.")
def check_command(source: IO[bytes], lang: str, summary: bool, no_classify: bool,
                  registry: bool, progress: bool | None, show_nip: bool) -> None:
    """Periksa aktivitas (JSON Lines) terhadap kebijakan instansi; satu temuan per baris.

    Check activities (JSON Lines, FILE or - for stdin) against the agencies' policies and
    write one finding a line, in input order. Exit 2 when any line was invalid. With
    --registry, the employee registry at PANTAU_DATABASE_URL (default ./pantau.sqlite3)
    fills in the employee, leave, roster and surat tugas, and each finding names the
    employee (NIP masked unless --show-nip); the run is written to the access log."""
    classifier = None if no_classify else _classifier_or_warning
    counts = Summary() if summary else None
    shown = sys.stderr.isatty() if progress is None else progress
    lines: Iterable[bytes] = Progress(source, lang).wrap(source) if shown else source
    if registry:
        valid = _run_with_registry(lines, lang, counts, classifier, show_nip)
    else:
        valid = run_check(lines, sys.stdout, Checker(classifier=classifier), lang, counts)
    sys.stdout.flush()
    if counts is not None:
        click.echo("\n".join(counts.lines(lang)), err=True)
    if not valid:
        sys.exit(2)


__all__ = ["check_command", "run_check"]
