"""`pantau check [FILE|-]`: activities as JSON Lines in, one finding a line out (SPEC §4)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

import click

from pantau.domain.content import ContentClassifier
from pantau.rules.checker import Checker, default_classifier


class Summary:
    """Counts by verdict, agency and conduct, for `--summary`."""

    def __init__(self) -> None:
        self.verdicts: Counter[str] = Counter()
        self.agencies: Counter[str] = Counter()
        self.conducts: Counter[str] = Counter()

    def add(self, agency: str | None, result: dict[str, Any]) -> None:
        self.verdicts[result["verdict"]] += 1
        if agency and result["verdict"] != "invalid":
            self.agencies[f"{agency}: {result['verdict']}"] += 1
        for violation in result.get("violations", ()):
            self.conducts[f"{violation['conduct']} ({violation['status']})"] += 1

    def lines(self, lang: str) -> list[str]:
        titles = {"id": ("Ringkasan pemeriksaan", "putusan", "instansi", "perilaku"),
                  "en": ("Check summary", "verdict", "agency", "conduct")}[lang]
        total = sum(self.verdicts.values())
        out = [f"{titles[0]}: {total} {'baris' if lang == 'id' else 'lines'}"]
        for title, counter in zip(titles[1:], (self.verdicts, self.agencies, self.conducts),
                                  strict=True):
            out.append(f"  {title}:")
            out.extend(f"    {key:<58} {count:>8}" for key, count in sorted(counter.items()))
        return out


def _agency_of(line: str) -> str | None:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    agency = obj.get("agency") if isinstance(obj, dict) else None
    return agency if isinstance(agency, str) else None


def run_check(lines: Iterable[str], out: IO[str], checker: Checker, lang: str,
              summary: Summary | None) -> bool:
    """Check every non-blank line, writing one result a line; True when all were valid."""
    valid = True
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        result = checker.check_line(line, number, lang)
        valid = valid and result["verdict"] != "invalid"
        out.write(json.dumps(result, ensure_ascii=False))
        out.write("\n")
        if summary is not None:
            summary.add(_agency_of(line), result)
    return valid


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


@click.command("check")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Bahasa penjelasan / language of explanations.")
@click.option("--summary", is_flag=True,
              help="Cetak ringkasan ke stderr / print a summary to stderr.")
@click.option("--no-classify", is_flag=True,
              help="Jangan pakai klasifikasi otomatis / do not use the content classifier.")
def check_command(source: IO[str], lang: str, summary: bool, no_classify: bool) -> None:
    """Periksa aktivitas (JSON Lines) terhadap kebijakan instansi; satu temuan per baris.

    Check activities (JSON Lines, FILE or - for stdin) against the agencies' policies and
    write one finding a line, in input order. Exit 2 when any line was invalid."""
    checker = Checker(classifier=None if no_classify else _classifier_or_warning)
    counts = Summary() if summary else None
    valid = run_check(source, sys.stdout, checker, lang, counts)
    sys.stdout.flush()
    if counts is not None:
        click.echo("\n".join(counts.lines(lang)), err=True)
    if not valid:
        sys.exit(2)


__all__ = ["check_command", "run_check"]
