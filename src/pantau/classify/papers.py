"""Published results of the data sets' papers, to print beside ours.

Each entry says what the paper measured: the tasks and metrics are rarely the same as ours
(binary per-code F1 on our fixed splits), so a row compares orders of magnitude, not a
like-for-like score. `value` is the number drawn on the chart (None when there is none).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperResult:
    """A published figure for a (data set, head) pair."""

    dataset: str
    head: str
    value: float | None
    metric: str
    summary: str
    citation: str


IBROHIM_2018 = (
    "Ibrohim, M.O., Budi, I. (2018). A Dataset and Preliminaries Study for Abusive Language "
    "Detection in Indonesian Social Media. Procedia Computer Science 135, 222-229. "
    "doi:10.1016/j.procs.2018.08.169"
)
IBROHIM_2019 = (
    "Ibrohim, M.O., Budi, I. (2019). Multi-label Hate Speech and Abusive Language Detection "
    "in Indonesian Twitter. Proc. Third Workshop on Abusive Language Online, ACL, 46-57. "
    "doi:10.18653/v1/W19-3506"
)
RAHUTOMO_2019 = (
    "Rahutomo, F., Pratiwi, I.Y.R., Ramadhani, D.M. (2019). Naive Bayes's Experiment on Hoax "
    "News Detection in Indonesian Language. Jurnal Penelitian Komunikasi dan Opini Publik "
    "(Kominfo), on the same 600 articles; data set paper: Pratiwi, Asmara & Rahutomo (2017), "
    "ICTS, doi:10.1109/ICTS.2017.8265649"
)
JANNATI_2018 = (
    "Jannati, R., Mahendra, R., Wardhana, C.W., Adriani, M. (2018). Stance Classification "
    "Towards Political Figures on Blog Writing. IALP 2018, 96-101. doi:10.1109/IALP.2018.8629144"
)
KIASATI_2019 = (
    "Kiasati Desrul, D.R., Romadhony, A. (2019). Abusive Language Detection on Indonesian "
    "Online News Comments. ISRITI 2019, 320-325. doi:10.1109/ISRITI48646.2019.9034620"
)

PAPERS = (
    PaperResult(
        "ibrohim2018",
        "insult",
        0.7006,
        "F1, 3 classes",
        "naive Bayes, word uni+bigrams: F1 70.06 % over not abusive / abusive / "
        "offensive; above 83 % for abusive vs not (every classifier)",
        IBROHIM_2018,
    ),
    PaperResult(
        "ibrohim2019",
        "hate_speech_sara",
        0.6612,
        "accuracy, all labels",
        "random forest + label power-set, word unigrams: accuracy 77.36 % for "
        "hate speech + abusive, 66.12 % with target, category and level (figures of "
        "the paper's conclusion, not re-checked against the PDF; multi-label "
        "accuracy, not F1)",
        IBROHIM_2019,
    ),
    PaperResult(
        "ibrohim2019",
        "insult",
        0.6612,
        "accuracy, all labels",
        "as above: 66.12 % accuracy with target (individual/group), category, level",
        IBROHIM_2019,
    ),
    PaperResult(
        "hoax",
        "hoax",
        0.826,
        "accuracy, static split",
        "naive Bayes, term frequency: accuracy 82.6 % (static testing), 68.33 % "
        "(dynamic testing); random split, topics may leak",
        RAHUTOMO_2019,
    ),
    PaperResult(
        "stance",
        "practical_politics",
        0.6354,
        "macro-F1, for vs against",
        "SVM, word2vec + unigrams: macro-F1 63.54 % for the stance (for/against) "
        "of an already political article; our task is political vs not",
        JANNATI_2018,
    ),
    PaperResult(
        "news_comments",
        "insult",
        None,
        "-",
        "paper not available to us; no figure copied",
        KIASATI_2019,
    ),
    PaperResult(
        "netifier",
        "pornography",
        None,
        "-",
        "no paper (GitHub only)",
        "Izzan, Wibisono, Putra (2018), GitHub ahmadizzan/netifier",
    ),
    PaperResult(
        "judol",
        "gambling_promotion",
        None,
        "-",
        "no paper (GitHub only)",
        "diashitenas (2025), GitHub diashitenas/llm_judol",
    ),
)


def paper_for(dataset: str, head: str) -> PaperResult | None:
    return next((p for p in PAPERS if p.dataset == dataset and p.head == head), None)


__all__ = ["PAPERS", "PaperResult", "paper_for"]
