"""The slang dictionary shipped with the package, and how it is rebuilt from the lexicons.

The runtime dictionary (`resources/slang.tsv.gz`, one `slang<TAB>formal` pair a line) merges
the Colloquial Indonesian Lexicon (Salsabila et al. 2018; the most frequent formal form of each
slang form) with the `new_kamusalay.csv` and `kamusalay.csv` dictionaries of Ibrohim & Budi
(2018, 2019; CC BY-NC-SA 4.0) for forms the first does not cover. These are lexicons, not
training text; their licences are in `resources/LICENSES.md`.

On top of them, `resources/slang_extra.tsv` (written for pantau, Apache-2.0) adds current forms
of the domain (regional election and office abbreviations, 2024-2026 slang) and wins over the
lexicons. Chains are resolved when the dictionary is built (`ngga` -> `enggak` -> `tidak`
becomes `ngga` -> `tidak`), so one word has one normal form whichever spelling was used.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"
SLANG_FILE = RESOURCES / "slang.tsv.gz"
_KEY = re.compile(r"^[a-z0-9]+$")
SLANG_EXTRA = RESOURCES / "slang_extra.tsv"
# Entries that would destroy meaning in our domain: `bet` (gambling jargon) is not `banget`,
# `kaya` (rich) is a formal word, `hti` is an organisation, `sk` is a decree (surat keputusan),
# `pan` is a party, `nd` is a nota dinas, `kasi` a kepala seksi, `item` a product, `si` an
# article. The slurs and insults the lexicons turn into harmless words are kept as written:
# `aseng` (-> asing), `bloon` (-> belum), `koplak` (-> kocak), `cemen` (-> takut), `wowok`
# (a mocking name, -> prabowo), `pea` (-> peang), `zonk` (-> apes).
NOT_SLANG = frozenset(
    {"bet", "kaya", "hti", "sk", "pan", "nd", "kasi", "item", "si"}
    | {"aseng", "bloon", "koplak", "cemen", "wowok", "pea", "zonk"}
)
_MAX_HOPS = 3

KAMUS_ALAY = "kamus-alay-colloquial-lexicon/colloquial-indonesian-lexicon.csv"
IBROHIM_2019 = "id-multilabel-hatespeech-abusive/new_kamusalay.csv"
IBROHIM_2018 = "id-abusive-language-twitter/kamusalay.csv"
SOURCES = (KAMUS_ALAY, IBROHIM_2019, IBROHIM_2018)


def build(data_dir: Path) -> dict[str, str]:
    """The merged dictionary from the lexicon files under `data_dir`."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    with (data_dir / KAMUS_ALAY).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            counts[row["slang"].strip().lower()][row["formal"].strip().lower()] += 1
    merged = {slang: _most_common(formal) for slang, formal in counts.items()}
    for name in (IBROHIM_2019, IBROHIM_2018):
        with (data_dir / name).open(encoding="latin-1", newline="") as handle:
            for pair in csv.reader(handle):
                if len(pair) >= 2:
                    merged.setdefault(pair[0].strip().lower(), pair[1].strip().lower())
    curated = extra()
    merged.update(curated)
    # `pura-pura` -> `pura pura`, as the normaliser writes `pura2`: a token never holds a `-`
    kept = {
        slang: " ".join(formal.replace("-", " ").split())
        for slang, formal in sorted(merged.items())
        if _KEY.match(slang)
        and slang not in NOT_SLANG
        and formal
        and formal != slang
        and formal.isascii()
    }
    return resolve_chains(kept, curated)


def extra(path: Path = SLANG_EXTRA) -> dict[str, str]:
    """The pantau additions (`slang<TAB>formal` lines; `#` starts a comment)."""
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            slang, formal = line.split("\t", 1)
            pairs[slang.strip()] = formal.strip()
    return pairs


def resolve_chains(dictionary: dict[str, str], curated: dict[str, str]) -> dict[str, str]:
    """Follow chains so that one word has one normal form: a one-word form through the whole
    dictionary (`ngga` -> `enggak` -> `tidak`), each word of a longer form through the curated
    additions only (`gkmau` -> `enggak mau` -> `tidak mau`; the lexicons' multi-word entries
    chain badly). At most a few hops; a chain back to its start stops."""
    resolved = {}
    for slang_word, formal in dictionary.items():
        if " " in formal:
            words = [curated.get(word, word) for word in formal.split()]
            formal = " ".join(" ".join(words).split())
        else:
            for _ in range(_MAX_HOPS):
                following = dictionary.get(formal)
                if following is None or " " in following or following == slang_word:
                    break
                formal = following
        resolved[slang_word] = formal
    return {slang_word: formal for slang_word, formal in resolved.items() if formal != slang_word}


def _most_common(counter: Counter[str]) -> str:
    # ties broken alphabetically so that the build is reproducible
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[0][0]


def write(dictionary: dict[str, str], path: Path = SLANG_FILE) -> None:
    """Write the dictionary reproducibly (sorted, gzip without a timestamp)."""
    payload = "".join(f"{slang}\t{formal}\n" for slang, formal in sorted(dictionary.items()))
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(payload.encode("utf-8"))


@cache
def load(path: Path = SLANG_FILE) -> dict[str, str]:
    """The shipped dictionary."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        pairs = (line.rstrip("\n").split("\t", 1) for line in handle if "\t" in line)
        return {slang: formal for slang, formal in pairs}


def vocabulary(dictionary: dict[str, str]) -> frozenset[str]:
    """Every formal word the dictionary maps to (used to shorten stretched letters)."""
    return frozenset(word for formal in dictionary.values() for word in formal.split())


__all__ = ["SOURCES", "build", "extra", "load", "resolve_chains", "vocabulary", "write"]
