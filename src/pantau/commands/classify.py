"""`pantau classify`: suggest conduct codes for texts; train and evaluate the model.

pantau classify "TEKS"            codes, calibrated scores and the words behind them
pantau classify - | FILE          JSON Lines in ({"id", "text"}), JSON Lines out
pantau classify train             rebuild the model from ../shared/data and data/posts
pantau classify evaluate          public test splits beside the papers; the held-out posts
pantau classify feedback          record a reviewer's confirmed codes for a text
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from pantau.commands.lines import NotUtf8, decode_line
from pantau.domain.errors import InputError

if TYPE_CHECKING:
    from pantau.classify.classifier import Classifier

MESSAGES = {
    "id": {
        "none": "Tidak ada kode yang disarankan (tidak ada skor yang mencapai ambang).",
        "evidence": "kata",
        "not_json": "baris {line}: bukan JSON yang sah ({error}); tulis satu objek JSON per "
        'baris, mis. {{"id": "a-1", "text": "..."}}',
        "not_object": 'baris {line}: harus berupa objek JSON dengan kolom "text"',
        "no_text": 'baris {line}: kolom "text" tidak ada atau bukan string; tambahkan '
        '"text": "..."',
        "summary": "{bad} baris tidak sah dari {total}; baris lain tetap diproses.",
        "not_utf8": "baris {line}: bukan teks UTF-8 (byte 0x{byte}); simpan berkas sebagai UTF-8",
    },
    "en": {
        "none": "No code suggested (no score reached its threshold).",
        "evidence": "words",
        "not_json": "line {line}: not valid JSON ({error}); write one JSON object a line, "
        'e.g. {{"id": "a-1", "text": "..."}}',
        "not_object": 'line {line}: must be a JSON object with a "text" field',
        "no_text": 'line {line}: field "text" is missing or not a string; add "text": "..."',
        "summary": "{bad} invalid line(s) of {total}; the other lines were processed.",
        "not_utf8": "line {line}: not UTF-8 text (byte 0x{byte}); save the file as UTF-8",
    },
}

BATCH = 1000


def default_data_dir() -> Path:
    """`../shared/data` next to the repository root (or the working directory)."""
    for base in (Path(__file__).resolve().parents[3], Path.cwd()):
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "data"


class _ClassifyGroup(click.Group):
    """Anything that is not a subcommand is text (or `-`, or a file) to classify."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["text", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ClassifyGroup, invoke_without_command=False)
def classify_command() -> None:
    """Sarankan kode pelanggaran untuk teks (caption, komentar, transkrip siaran).

    Suggest conduct codes for Indonesian text. `pantau classify "TEKS"`, or `pantau classify -`
    / `pantau classify FILE` for JSON Lines ({"id": ..., "text": ...} a line). Suggestions
    only make a rule suspected: a person decides."""


@classify_command.command("text", hidden=True)
@click.argument("words", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of a table.")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def text_command(words: tuple[str, ...], as_json: bool, lang: str) -> None:
    """Classify TEXT, or JSON Lines from `-` (standard input) or a FILE."""
    from pantau.classify import load_default

    if len(words) == 1 and (words[0] == "-" or Path(words[0]).is_file()):
        source = words[0]
        with click.open_file(source, "rb") as handle:
            bad = _classify_lines(handle, sys.stdout, lang)
        if bad:
            sys.exit(2)
        return
    suggestions = load_default().suggest(" ".join(words))
    if as_json:
        click.echo(json.dumps(_as_output(None, suggestions), ensure_ascii=False))
        return
    if not suggestions:
        click.echo(MESSAGES[lang]["none"])
    for item in suggestions:
        words_text = ", ".join(item.evidence) or "-"
        click.echo(f"{item.code:<24}{item.score:6.3f}  {MESSAGES[lang]['evidence']}: {words_text}")


def _as_output(identifier: Any, suggestions: Any) -> dict[str, Any]:
    evidence: list[str] = []
    for item in suggestions:
        evidence.extend(word for word in item.evidence if word not in evidence)
    return {
        "id": identifier,
        "labels": [{"code": item.code, "score": item.score} for item in suggestions],
        "evidence": evidence,
    }


def _parse(line: str, number: int, lang: str) -> tuple[Any, str]:
    messages = MESSAGES[lang]
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(messages["not_json"].format(line=number, error=error.msg)) from error
    if not isinstance(data, dict):
        raise InputError(messages["not_object"].format(line=number))
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(messages["no_text"].format(line=number))
    return data.get("id"), text


def _read(handle: IO[bytes], lang: str) -> Iterator[tuple[int, Any, str | None, str | None]]:
    for number, raw in enumerate(handle, start=1):
        line = decode_line(raw, number)
        if isinstance(line, NotUtf8):
            bad = MESSAGES[lang]["not_utf8"].format(line=number, byte=line.byte)
            yield number, None, None, bad
            continue
        if not line.strip():
            continue
        try:
            identifier, text = _parse(line, number, lang)
        except InputError as error:
            yield number, None, None, str(error)
            continue
        yield number, identifier, text, None


def _classify_lines(handle: IO[bytes], out: IO[str], lang: str) -> int:
    """Classify every line, in order, in batches; return how many lines were invalid."""
    from pantau.classify import load_default

    classifier = load_default()
    bad = total = 0
    pending: list[tuple[int, Any, str | None, str | None]] = []

    def flush() -> None:
        texts = [text for _, _, text, _ in pending if text is not None]
        results = iter(classifier.suggest_many(texts))
        for number, identifier, text, error in pending:
            if error is not None:
                out.write(json.dumps({"line": number, "error": error}, ensure_ascii=False) + "\n")
                click.echo(error, err=True)
            elif text is not None:
                out.write(
                    json.dumps(_as_output(identifier, next(results)), ensure_ascii=False) + "\n"
                )
        pending.clear()

    for item in _read(handle, lang):
        total += 1
        bad += int(item[3] is not None)
        pending.append(item)
        if len(pending) >= BATCH:
            flush()
    flush()
    if bad:
        click.echo(MESSAGES[lang]["summary"].format(bad=bad, total=total), err=True)
    return bad


@classify_command.command("train")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data folder (default: ../shared/data of the repository).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the model (default: the shipped model).",
)
@click.option(
    "--feedback",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Reviewer feedback JSON Lines to add to the training posts.",
)
@click.option(
    "--posts",
    "posts_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder of the short posts pass-K.jsonl (default: data/posts of the repository).",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--sample",
    type=int,
    default=None,
    help="At most N examples per data set and split (quick runs).",
)
@click.option(
    "--candidate",
    "candidates",
    multiple=True,
    help="Compare only these candidate models of the public heads (default: all).",
)
@click.option(
    "--post-candidate",
    "post_candidates",
    multiple=True,
    help="Compare only these candidates of the post heads (default: all).",
)
def train_command(
    data_dir: Path | None,
    out_dir: Path | None,
    feedback: Path | None,
    posts_dir: Path | None,
    seed: int,
    sample: int | None,
    candidates: tuple[str, ...],
    post_candidates: tuple[str, ...],
) -> None:
    """Rebuild the slang dictionary and the model from the labelled data, reproducibly.

    Public data sets (per-source heads), the short posts (post heads, stacker, thresholds:
    passes 1-2 train, pass 3 validation) and reviewer feedback (--feedback, added to the
    training posts)."""
    from pantau.classify.model import MODEL_DIR
    from pantau.classify.posts import POSTS_DIR
    from pantau.classify.training import TrainingOptions, train

    options = TrainingOptions(
        data_dir=data_dir or default_data_dir(),
        out_dir=out_dir or MODEL_DIR,
        posts_dir=posts_dir or POSTS_DIR,
        feedback=feedback,
        seed=seed,
        sample=sample,
        candidates=candidates or None,
        post_candidates=post_candidates or None,
        write_slang=out_dir is None,
    )
    _require_data(options.data_dir)
    train(options, progress=lambda message: click.echo(message, err=True))


def _require_data(path: Path) -> None:
    if not path.is_dir():
        raise click.UsageError(
            f"data folder {path} not found: pass --data DIR (the labelled data sets, "
            "e.g. ../shared/data)"
        )


@classify_command.command("evaluate")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option(
    "--posts",
    "posts_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder of the short posts pass-K.jsonl (default: data/posts of the repository).",
)
@click.option(
    "--split",
    type=click.Choice(["test", "valid"]),
    default="test",
    show_default=True,
    help="Which posts to report: the held-out writer (test, pass 4) or validation (pass 3).",
)
@click.option(
    "--model",
    "model_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Model folder (default: the shipped model).",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw per-code F1 vs the papers into this PNG (needs matplotlib).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def evaluate_command(
    data_dir: Path | None,
    posts_dir: Path | None,
    split: str,
    model_dir: Path | None,
    chart: Path | None,
    as_json: bool,
) -> None:
    """Public test splits beside the papers, and the eleven classes on the short posts.

    Per code precision, recall and F1 on each public data set's test split (with the papers'
    figures); on the posts of one writing pass never trained on: per class precision, recall
    and F1, the macro-F1 over the ten codes and none, and the share of none posts flagged."""
    from pantau.classify.evaluation import draw_chart, evaluate_data, evaluate_posts
    from pantau.classify.posts import POSTS_DIR, load_posts

    data = data_dir or default_data_dir()
    _require_data(data)
    classifier = _classifier(model_dir)
    rows = evaluate_data(classifier, data)
    report = evaluate_posts(classifier, load_posts(posts_dir or POSTS_DIR), split)
    _print_evaluation(rows, report, as_json)
    if chart is not None:
        try:
            draw_chart(rows, chart)
        except ImportError as error:
            raise click.UsageError(
                "--chart needs matplotlib (a dev dependency): run `uv sync` first"
            ) from error
        click.echo(f"chart: {chart}", err=True)


def _print_evaluation(rows: Any, report: Any, as_json: bool) -> None:
    from pantau.classify.evaluation import format_citations, format_posts, format_table, to_json

    if as_json:
        click.echo(json.dumps({"public": json.loads(to_json(rows)), "posts": report.to_json()}))
        return
    click.echo(format_table(rows))
    click.echo("\n" + format_citations(rows))
    title = f"Short posts, {report.split} split ({report.n} posts; {_pass_of(report.split)})"
    click.echo("\n" + format_posts(report, title))


def _pass_of(split: str) -> str:
    """Which writing pass a split of the posts is, for the title of the posts table."""
    if split == "valid":
        return "pass 3: the validation writer, thresholds chosen on it"
    if split == "test":
        return "pass 4: a writer never trained on"
    return "the training passes 1-2"


def _classifier(model_dir: Path | None) -> Classifier:
    from pantau.classify import load_default
    from pantau.classify.model import LinearModel

    shipped = load_default()
    if model_dir is None:
        return shipped
    from pantau.classify.classifier import Classifier

    return Classifier(LinearModel.load(model_dir), shipped.rules, shipped.normaliser)


@classify_command.command("feedback")
@click.argument("text")
@click.option(
    "--store",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The append-only feedback JSON Lines file.",
)
@click.option("--reviewer", required=True, help="Who reviewed the text.")
@click.option(
    "--at", "reviewed_at", required=True, help="When, with offset, e.g. 2026-02-03T09:15:00+07:00."
)
@click.option("--code", "codes", multiple=True, help="A confirmed code (repeat; none = no code).")
def feedback_command(
    text: str, store: Path, reviewer: str, reviewed_at: str, codes: tuple[str, ...]
) -> None:
    """Record a reviewer's confirmed codes for TEXT (kept for the next training run)."""
    from pantau.classify.feedback import FeedbackStore

    try:
        at = datetime.fromisoformat(reviewed_at)
        entry = FeedbackStore(store).record(text, codes, reviewer, at)
    except ValueError as error:
        raise click.BadParameter(f"{reviewed_at!r}: {error}", param_hint="--at") from error
    except InputError as error:
        raise click.UsageError(str(error)) from error
    click.echo(json.dumps(entry.to_json() | {"text": None}, ensure_ascii=False))


__all__ = ["classify_command"]
