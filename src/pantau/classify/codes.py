"""The codes the classifier may suggest, and which model head or rule produces each."""

from __future__ import annotations

# Conduct codes exactly as SPEC §2 spells them, plus two descriptive codes of the rule layer.
SUGGESTED_CODES = (
    "hate_speech_sara",
    "degrading_institution",
    "badmouthing",
    "pornography",
    "hoax",
    "practical_politics",
    "gambling_promotion",
    "confidential_disclosure",
    "commercial",
    "entertainment",
)

# Model head -> the codes it stands for. The `insult` head (insults aimed at people or
# institutions) becomes `degrading_institution` and/or `badmouthing` by its target.
HEAD_CODES: dict[str, tuple[str, ...]] = {
    "hate_speech_sara": ("hate_speech_sara",),
    "insult": ("degrading_institution", "badmouthing"),
    "pornography": ("pornography",),
    "hoax": ("hoax",),
    "practical_politics": ("practical_politics",),
    "gambling_promotion": ("gambling_promotion",),
}


def head_labels(codes: frozenset[str]) -> dict[str, int]:
    """A reviewer's full judgement (the codes that apply) as labels for every head."""
    return {head: int(any(code in codes for code in mapped)) for head, mapped in HEAD_CODES.items()}


__all__ = ["HEAD_CODES", "SUGGESTED_CODES", "head_labels"]
