"""Keep only feedback that rests on words the candidate actually said.

A model asked for feedback will sometimes quote a sentence nobody said. Every claim must cite a quote
found verbatim in the transcript; offsets are recomputed here rather than trusted, so the stored
citation always satisfies ``quote == turn.text[start:end]``.
"""

from __future__ import annotations

from coach.analysis.models import Citation, Claim
from coach.analysis.text import words
from coach.interview.schema import TranscriptTurn

MIN_QUOTE_WORDS = 2  # a one-word "quote" is found almost anywhere and proves nothing
_QUOTE_CHARS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``: exact first, then ignoring whitespace runs and curly quotes."""
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    norm_text, index = _normalise(text)
    norm_quote = _normalise(quote)[0].strip()
    if not norm_quote:
        return None
    start = norm_text.find(norm_quote)
    if start < 0:
        return None
    return index[start], index[start + len(norm_quote) - 1] + 1


def _normalise(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs collapsed and typographic quotes straightened, plus original offsets."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text.translate(_QUOTE_CHARS)):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        index.append(i)
    return "".join(chars), index


def find_citation(quote: str, turns: list[TranscriptTurn], cited_seq: int | None = None) -> Citation | None:
    """Search the cited turn first, then the candidate's turns, then anything else that was said."""
    ordered = sorted(turns, key=lambda t: (t.seq != cited_seq, t.role != "candidate", t.seq))
    for turn in ordered:
        span = locate(quote, turn.text)
        if span is not None:
            start, end = span
            return Citation(turn_seq=turn.seq, start=start, end=end, quote=turn.text[start:end])
    return None


def verify_claims(raw_claims: object, turns: list[TranscriptTurn]) -> tuple[list[Claim], int]:
    """Claims whose quote exists in the transcript, and how many were dropped."""
    if not isinstance(raw_claims, list):
        return [], 0
    kept: list[Claim] = []
    for raw in raw_claims:
        claim = _verified(raw, turns)
        if claim is not None:
            kept.append(claim)
    return kept, len(raw_claims) - len(kept)


def _verified(raw: object, turns: list[TranscriptTurn]) -> Claim | None:
    if not isinstance(raw, dict):
        return None
    text, quote = raw.get("text"), raw.get("quote")
    if not isinstance(text, str) or not text.strip() or not isinstance(quote, str):
        return None
    if len(words(quote)) < MIN_QUOTE_WORDS:
        return None
    seq = raw.get("turn_seq") if isinstance(raw.get("turn_seq"), int) else None
    citation = find_citation(quote, turns, seq)
    if citation is None:
        return None
    criterion = raw.get("criterion") if isinstance(raw.get("criterion"), str) else None
    return Claim(text=text.strip(), criterion=criterion, evidence=citation)
