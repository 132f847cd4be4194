"""Text primitives: sentences with exact transcript offsets, tokens, stems, phrase and number finding."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.analysis.lexicon import STOPWORDS

WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’+#/.\-]*[A-Za-z0-9+#]|[A-Za-z0-9]")
DIGITS_RE = re.compile(r"\d+(?:[.,:]\d+)*")
_BOUNDARY_RE = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)|\n+")
NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred
    thousand million billion half double twice triple dozen""".split()  # noqa: SIM905
)
_SUFFIXES = (
    "izations",
    "isations",
    "ization",
    "isation",
    "ations",
    "ation",
    "ments",
    "ment",
    "nesses",
    "ness",
    "ingly",
    "ings",
    "ing",
    "edly",
    "ies",
    "ied",
    "ed",
    "ers",
    "er",
    "ly",
    "es",
    "s",
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of one transcript turn; ``text == turn.text[start:end]`` always holds."""

    turn_seq: int
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def split_sentences(text: str, turn_seq: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    cursor = 0
    for match in _BOUNDARY_RE.finditer(text):
        _append_span(sentences, text, turn_seq, cursor, match.end())
        cursor = match.end()
    _append_span(sentences, text, turn_seq, cursor, len(text))
    return sentences


def _append_span(out: list[Sentence], text: str, seq: int, start: int, end: int) -> None:
    # Trim whitespace on both sides so the quoted span starts and ends on visible characters.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and WORD_RE.search(text, start, end):
        out.append(Sentence(seq, start, end, text[start:end]))


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD_RE.findall(text)]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and not w.isdigit()]


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match "disagreed" with "disagreement" and "tests" with "testing"."""
    w = word.lower().removesuffix("'s")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # stopped -> stop
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


@lru_cache(maxsize=512)
def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?![a-z0-9])")


def find_phrases(lower_text: str, phrases: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Every occurrence (start, end, phrase) of the given lowercase phrases, on word boundaries."""
    hits = []
    for phrase in phrases:
        hits.extend((m.start(), m.end(), phrase) for m in _phrase_re(phrase).finditer(lower_text))
    return sorted(hits)


def count_phrases(lower_text: str, phrases: tuple[str, ...]) -> int:
    return len(find_phrases(lower_text, phrases))


def digit_numbers(text: str) -> list[str]:
    return DIGITS_RE.findall(text)


def number_mentions(text: str) -> int:
    """Digits plus spoken numbers ("three engineers"), the concrete quantities a listener hears."""
    return len(digit_numbers(text)) + sum(1 for w in words(text) if w in NUMBER_WORDS)


def join_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
