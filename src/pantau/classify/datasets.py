"""The labelled data sets under `../shared/data`, read into one list of examples.

Each data set labels some model heads and says nothing about the others. A head is trained
and evaluated only on the rows whose label for it is known (`Example.labels`). Splits are
fixed and documented in docs/model-card.md:

- a data set's own test split where it has one (Netifier, SmSA, EmoT);
- Ibrohim & Budi 2018/2019 and the news comments: a stratified-by-hash split of the text
  (20 % test, 10 % validation), so duplicate texts always land in the same split;
- judol comments: by `video_id` hash (20 % / 10 %), never by row;
- hoax news: by topic, the 12 topics recovered by k-means over TF-IDF (fixed seed);
- political stance: by political figure (Prabowo and Ridwan Kamil test, AHY validation).

Texts found in any test split are then removed from every other split (de-duplication across
sets); texts in a validation split are removed from training.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

HEADS = (
    "hate_speech_sara",
    "insult",
    "pornography",
    "hoax",
    "practical_politics",
    "gambling_promotion",
)

TRAIN, VALID, TEST = "train", "valid", "test"


@dataclass(frozen=True)
class Example:
    """One labelled text: its data set, split and known labels (head -> 0/1)."""

    text: str
    dataset: str
    split: str
    labels: dict[str, int] = field(hash=False)


@dataclass(frozen=True)
class DatasetInfo:
    """A data set folder, its files and the licence its README states."""

    name: str
    folder: str
    files: tuple[str, ...]
    licence: str
    loader: Callable[[Path], Iterator[Example]]


def text_key(text: str) -> str:
    """A canonical key for de-duplication: lower-case letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def hash_split(key: str, test: int = 20, valid: int = 10) -> str:
    bucket = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 100
    return TEST if bucket < test else VALID if bucket < test + valid else TRAIN


def _csv(path: Path, encoding: str = "utf-8") -> Iterator[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        yield from csv.DictReader(handle)


def _clean_tweet(text: str) -> str:
    text = re.sub(r"^\s*(RT\s+)?USER\s*:", " ", text)
    return text.rstrip().rstrip("'").strip()


def _ibrohim_2019(root: Path) -> Iterator[Example]:
    path = root / "id-multilabel-hatespeech-abusive/re_dataset.csv"
    for row in _csv(path, "latin-1"):
        text = _clean_tweet(row["Tweet"])
        hate = row["HS"] == "1"
        sara = hate and "1" in (row["HS_Religion"], row["HS_Race"], row["HS_Group"])
        insult = hate and "1" in (row["HS_Individual"], row["HS_Other"])
        labels = {"hate_speech_sara": int(sara), "insult": int(insult), "gambling_promotion": 0}
        yield Example(text, "ibrohim2019", hash_split(text_key(text)), labels)


def _ibrohim_2018(root: Path) -> Iterator[Example]:
    path = root / "id-abusive-language-twitter/re_dataset_three_labels.csv"
    for row in _csv(path, "latin-1"):
        text = _clean_tweet(row["Tweet"])
        labels = {"insult": int(row["Label"] == "3"), "gambling_promotion": 0}
        yield Example(text, "ibrohim2018", hash_split(text_key(text)), labels)


def _news_comments(root: Path) -> Iterator[Example]:
    for row in _csv(root / "id-news-comments-abusive/news_comments_abusive.csv"):
        text = row["Kalimat"].replace("‚Å£", " ").strip()
        labels = {"insult": int(row["label"].strip() == "3"), "gambling_promotion": 0}
        yield Example(text, "news_comments", hash_split(text_key(text)), labels)


def _netifier(root: Path) -> Iterator[Example]:
    for name, split in (("train.csv", None), ("test.csv", TEST)):
        for row in _csv(root / "netifier-negative-content" / name):
            text = row["original_text"]
            labels = {
                "pornography": int(row["pornografi"] == "1"),
                "hate_speech_sara": int(row["sara"] == "1"),
                "insult": int(row["pencemaran_nama_baik"] == "1"),
                "gambling_promotion": 0,
            }
            own = split or hash_split(text_key(text), test=0, valid=12)
            yield Example(text, "netifier", own, labels)


def _judol(root: Path) -> Iterator[Example]:
    for row in _csv(root / "id-youtube-judol-comments/judol_comments.csv"):
        label = int(row["label"] == "1")
        labels = {"gambling_promotion": label, "pornography": 0, "hoax": 0}
        labels |= {"practical_politics": 0, "hate_speech_sara": 0}
        yield Example(row["comment"], "judol", hash_split(row["video_id"]), labels)


def _hoax(root: Path) -> Iterator[Example]:
    rows = list(_csv(root / "id-hoax-news-pratiwi2017/hoax_news_600.csv"))
    texts = [row["berita"] for row in rows]
    splits = topic_splits(texts)
    for row, split in zip(rows, splits, strict=True):
        labels = {"hoax": int(row["tagging"].strip() == "Hoax")}
        labels |= {"practical_politics": 0, "gambling_promotion": 0, "pornography": 0}
        yield Example(row["berita"], "hoax", split, labels)


def topic_splits(texts: list[str], topics: int = 12) -> list[str]:
    """Recover the topics by k-means (fixed seed); whole topics go to test or validation."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(max_features=5000, sublinear_tf=True).fit_transform(texts)
    clusters = KMeans(n_clusters=topics, random_state=0, n_init=10).fit_predict(matrix)
    first_seen: dict[int, int] = {}
    for index, cluster in enumerate(clusters):
        first_seen.setdefault(int(cluster), index)
    rank = {cluster: order for order, cluster in enumerate(sorted(first_seen, key=first_seen.get))}  # type: ignore[arg-type]
    return [
        TEST if rank[int(c)] % 4 == 0 else VALID if rank[int(c)] % 6 == 1 else TRAIN
        for c in clusters
    ]


_STANCE_TEST = {"prabowo", "ridwan kamil", "yusril"}
_STANCE_VALID = {"ahy"}


def _stance(root: Path) -> Iterator[Example]:
    folder = root / "id-political-stance-blog"
    seen: set[str] = set()
    with (folder / "dataset_stance_2_label_2018_building_by_rini.csv").open(
        encoding="utf-8-sig", newline=""
    ) as handle:
        rows = [
            (row["Tokoh"], row["Judul Artikel"], row["Isi Artikel"], row["stance final"])
            for row in csv.DictReader(handle, delimiter=";")
        ]
    rows += [
        (row["topic"], row["title"], row["content"], row["stance"])
        for row in _csv(folder / "dataset_stance_3_label_2016_building_by_cakra.csv")
    ]
    for figure, title, body, stance in rows:
        key = text_key(title)
        if key in seen or stance.strip().lower() not in ("for", "against", "againts"):
            continue
        seen.add(key)
        text = f"{title}. {_paragraphs(body)}"
        figure = figure.strip().lower()
        split = TEST if figure in _STANCE_TEST else VALID if figure in _STANCE_VALID else TRAIN
        labels = {"practical_politics": 1, "gambling_promotion": 0, "pornography": 0}
        yield Example(text, "stance", split, labels)


def _paragraphs(body: str) -> str:
    try:
        parts = ast.literal_eval(body)
    except (ValueError, SyntaxError):
        return body
    return " ".join(str(part) for part in parts) if isinstance(parts, list) else body


_BACKGROUND = {"pornography": 0, "hoax": 0, "practical_politics": 0, "gambling_promotion": 0}


def _smsa(root: Path) -> Iterator[Example]:
    folder = root / "indonlu-smsa-sentiment"
    for name, split in (("train", TRAIN), ("valid", VALID), ("test", TEST)):
        with (folder / f"{name}_preprocess.tsv").open(encoding="utf-8") as handle:
            for line in handle:
                text = line.rsplit("\t", 1)[0]
                yield Example(text, "smsa", split, dict(_BACKGROUND))


def _emot(root: Path) -> Iterator[Example]:
    folder = root / "indonlu-emot-emotion"
    for name, split in (("train", TRAIN), ("valid", VALID), ("test", TEST)):
        for row in _csv(folder / f"{name}_preprocess.csv"):
            yield Example(row["tweet"], "emot", split, dict(_BACKGROUND))


DATASETS = (
    DatasetInfo(
        "ibrohim2019",
        "id-multilabel-hatespeech-abusive",
        ("re_dataset.csv",),
        "CC BY-NC-SA 4.0",
        _ibrohim_2019,
    ),
    DatasetInfo(
        "ibrohim2018",
        "id-abusive-language-twitter",
        ("re_dataset_three_labels.csv",),
        "CC BY-NC-SA 4.0",
        _ibrohim_2018,
    ),
    DatasetInfo(
        "news_comments",
        "id-news-comments-abusive",
        ("news_comments_abusive.csv",),
        "CC BY-SA 4.0 (NusaCrowd)",
        _news_comments,
    ),
    DatasetInfo(
        "netifier",
        "netifier-negative-content",
        ("train.csv", "test.csv"),
        "CC BY-NC-SA 4.0 (NusaCrowd)",
        _netifier,
    ),
    DatasetInfo("hoax", "id-hoax-news-pratiwi2017", ("hoax_news_600.csv",), "CC BY 4.0", _hoax),
    DatasetInfo(
        "stance",
        "id-political-stance-blog",
        (
            "dataset_stance_2_label_2018_building_by_rini.csv",
            "dataset_stance_3_label_2016_building_by_cakra.csv",
        ),
        "CC BY-NC-SA 4.0",
        _stance,
    ),
    DatasetInfo("judol", "id-youtube-judol-comments", ("judol_comments.csv",), "MIT", _judol),
    DatasetInfo(
        "smsa",
        "indonlu-smsa-sentiment",
        ("train_preprocess.tsv", "valid_preprocess.tsv", "test_preprocess.tsv"),
        "Apache-2.0",
        _smsa,
    ),
    DatasetInfo(
        "emot",
        "indonlu-emot-emotion",
        ("train_preprocess.csv", "valid_preprocess.csv", "test_preprocess.csv"),
        "Apache-2.0",
        _emot,
    ),
)


def load_all(root: Path, names: tuple[str, ...] | None = None) -> list[Example]:
    """Every example of the chosen data sets, de-duplicated across splits and sets."""
    examples = [
        example
        for info in DATASETS
        if names is None or info.name in names
        for example in info.loader(root)
    ]
    return deduplicate(examples)


def deduplicate(examples: list[Example]) -> list[Example]:
    """Drop from train/valid any text that is in a test split, and from train any in valid;
    keep one copy of a text within a split of one data set."""
    by_split: dict[str, set[str]] = {TEST: set(), VALID: set()}
    for example in examples:
        if example.split in by_split:
            by_split[example.split].add(text_key(example.text))
    kept: list[Example] = []
    seen: set[tuple[str, str, str]] = set()
    for example in examples:
        key = text_key(example.text)
        if example.split != TEST and key in by_split[TEST]:
            continue
        if example.split == TRAIN and key in by_split[VALID]:
            continue
        identity = (example.dataset, example.split, key)
        if identity in seen or not key:
            continue
        seen.add(identity)
        kept.append(example)
    return kept


def file_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every data file used, for the model's record."""
    hashes: dict[str, str] = {}
    for info in DATASETS:
        for name in info.files:
            path = root / info.folder / name
            hashes[f"{info.folder}/{name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


__all__ = ["DATASETS", "HEADS", "Example", "deduplicate", "file_hashes", "load_all", "text_key"]
