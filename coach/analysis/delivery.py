"""Speech delivery: merge per-turn voice metrics and summarise pace, fillers and pauses for a session."""

from __future__ import annotations

from collections import Counter

from coach.analysis.lexicon import FILLER_PHRASES, FILLER_WORDS
from coach.analysis.models import DeliverySummary
from coach.analysis.text import find_phrases
from coach.interview.schema import SpeechMetrics, TranscriptTurn


def merge_metrics(turns: list[TranscriptTurn]) -> SpeechMetrics | None:
    """One SpeechMetrics for several answer turns; pace is weighted by words spoken."""
    measured = [t.metrics for t in turns if t.metrics is not None and t.metrics.words > 0]
    if not measured:
        return None
    total_words = sum(m.words for m in measured)
    paced = [m for m in measured if m.words_per_minute]
    wpm = sum(m.words_per_minute * m.words for m in paced) / sum(m.words for m in paced) if paced else None
    return SpeechMetrics(
        words=total_words,
        words_per_minute=wpm,
        fillers=[f for m in measured for f in m.fillers],
        pauses_over_1s=sum(m.pauses_over_1s for m in measured),
        longest_pause_s=max(m.longest_pause_s for m in measured),
    )


def answer_seconds(turns: list[TranscriptTurn]) -> float | None:
    spans = [(t.ended_at - t.started_at).total_seconds() for t in turns if t.started_at and t.ended_at]
    return sum(spans) if spans else None


def filler_words(turn: TranscriptTurn) -> list[str]:
    """The pipeline's detected fillers when measured, otherwise fillers written into the transcript."""
    if turn.metrics is not None and turn.metrics.words > 0:
        return [str(f.get("word", "")).lower() for f in turn.metrics.fillers if f.get("word")]
    lower = turn.text.lower()
    hits = find_phrases(lower, FILLER_WORDS) + find_phrases(lower, FILLER_PHRASES)
    return [phrase.strip(" ,") for _, _, phrase in hits]


def summarise(answer_turns: list[TranscriptTurn]) -> DeliverySummary:
    merged = merge_metrics(answer_turns)
    fillers = Counter(w for t in answer_turns for w in filler_words(t))
    summary = DeliverySummary(
        measured=merged is not None,
        filler_count=sum(fillers.values()),
        top_fillers=fillers.most_common(3),
    )
    if merged is not None:
        summary.average_wpm = round(merged.words_per_minute, 1) if merged.words_per_minute else None
        summary.pauses_over_1s = merged.pauses_over_1s
        summary.longest_pause_s = merged.longest_pause_s
    return summary
