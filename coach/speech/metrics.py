"""Per-answer speech metrics from the transcript text and the voice-activity timeline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from coach.interview.schema import SpeechMetrics

PAUSE_THRESHOLD_S = 1.0
SINGLE_FILLERS = {"um", "umm", "uh", "uhh", "er", "erm", "basically", "like"}
PHRASE_FILLERS = (("you", "know"), ("sort", "of"), ("kind", "of"), ("i", "mean"))
# "I like Go", "looks like", "what kind of": the same words doing real work.
_LIKE_KEEPS = {
    "i",
    "we",
    "you",
    "they",
    "would",
    "i'd",
    "we'd",
    "looks",
    "look",
    "looked",
    "feel",
    "feels",
    "felt",
    "seems",
    "seem",
    "seemed",
    "sounds",
    "something",
    "anything",
    "nothing",
    "just",
    "more",
    "much",
    "don't",
    "didn't",
    "really",
    "also",
    "things",
    "people",
}
_KIND_KEEPS = {
    "what",
    "which",
    "this",
    "that",
    "the",
    "a",
    "any",
    "some",
    "same",
    "different",
    "every",
    "these",
    "those",
    "one",
    "another",
    "right",
    "wrong",
}
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


class SpeechSegment(NamedTuple):
    """One stretch of voiced speech, in seconds on any shared clock."""

    start: float
    end: float


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def find_fillers(text: str) -> list[dict]:
    """Filler words with their word position, e.g. [{"word": "um", "index": 0}]."""
    words = words_of(text)
    found: list[dict] = []
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        phrase = _phrase_at(words, i)
        if phrase and not (phrase[0] in ("kind", "sort") and before in _KIND_KEEPS):
            found.append({"word": " ".join(phrase), "index": i})
        elif word in SINGLE_FILLERS and not (word == "like" and before in _LIKE_KEEPS):
            found.append({"word": word, "index": i})
    return found


def _phrase_at(words: list[str], i: int) -> tuple[str, str] | None:
    pair = tuple(words[i : i + 2])
    if pair not in PHRASE_FILLERS:
        return None
    # "you know the answer" keeps its meaning; a filler "you know" is followed by a pause word or clause.
    if (
        pair == ("you", "know")
        and i + 2 < len(words)
        and words[i + 2] in {"the", "how", "what", "that", "it"}
    ):
        return None
    return pair  # type: ignore[return-value]


def pause_stats(segments: Sequence[SpeechSegment]) -> tuple[int, float]:
    """Count silences over one second between speech segments, and the longest silence."""
    ordered = sorted(segments)
    gaps = [max(0.0, b.start - a.end) for a, b in zip(ordered, ordered[1:], strict=False)]
    return sum(1 for g in gaps if g > PAUSE_THRESHOLD_S), round(max(gaps, default=0.0), 2)


def compute_speech_metrics(
    text: str,
    segments: Sequence[SpeechSegment] = (),
    *,
    duration_s: float | None = None,
    talk_ratio: float | None = None,
) -> SpeechMetrics:
    """Metrics for one answer.

    Pace is words over the whole answer (first speech to last speech, pauses included),
    which is what a listener experiences; duration_s overrides it when no timeline exists.
    """
    words = words_of(text)
    span = duration_s if duration_s is not None else _span(segments)
    pauses, longest = pause_stats(segments)
    wpm = round(len(words) * 60.0 / span, 1) if span and span > 0 and words else None
    return SpeechMetrics(
        words=len(words),
        words_per_minute=wpm,
        fillers=find_fillers(text),
        pauses_over_1s=pauses,
        longest_pause_s=longest,
        talk_ratio=None if talk_ratio is None else round(talk_ratio, 3),
    )


def _span(segments: Sequence[SpeechSegment]) -> float | None:
    if not segments:
        return None
    return max(s.end for s in segments) - min(s.start for s in segments)
