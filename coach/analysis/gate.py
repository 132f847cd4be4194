"""Recognise answers that cannot be scored on their merits: empty, a word or two, noise, off-topic.

Such answers are capped low and called what they are, so that a candidate is never told a shrug
was "a good start".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analysis.exchanges import Exchange
from coach.analysis.lexicon import COMMON_WORDS, STOPWORDS, TECH_TERMS, WORK_WORDS
from coach.analysis.models import AnswerStatus, Citation
from coach.analysis.text import NUMBER_WORDS, count_phrases, join_list, stem, words
from coach.analysis.topics import concepts, main_topics, topic_stems, work_share

_NON_ANSWERS = (
    "i don't know",
    "i do not know",
    "no idea",
    "not sure",
    "can't remember",
    "cannot remember",
    "skip this",
    "i'll pass",
    "next question",
    "no comment",
    "i can't answer",
    "i cannot answer",
    "nothing comes to mind",
    "sorry",
)
_KNOWN = STOPWORDS | COMMON_WORDS | WORK_WORDS | TECH_TERMS | NUMBER_WORDS
_NO_VOWEL = re.compile(r"^[^aeiouy]+$")
_CONSONANT_RUN = re.compile(r"[^aeiouy]{5,}")
_REPEATED_CHAR = re.compile(r"(.)\1\1")
CAPS: dict[AnswerStatus, int] = {
    "empty": 0,
    "too_short": 10,
    "gibberish": 5,
    "off_topic": 20,
    "answered": 100,
}


@dataclass(frozen=True)
class Gate:
    status: AnswerStatus
    verdict: str | None
    cap: int
    evidence: Citation | None = None


def assess(exchange: Exchange) -> Gate:
    answer = exchange.answer_text
    tokens = words(answer)
    if not tokens:
        return Gate("empty", "No answer was given.", CAPS["empty"], _question_span(exchange))
    span = _answer_span(exchange)
    if _declined(answer):
        verdict = f'No answer was given: you said "{span.quote.rstrip(".!?")}".'
        return Gate("empty", verdict, 5, span)
    if len([t for t in tokens if t not in STOPWORDS]) <= 1 or len(tokens) <= 3:
        return Gate("too_short", _too_short_verdict(tokens, span.quote), CAPS["too_short"], span)
    if is_gibberish(tokens, exchange.reference_text):
        verdict = "The answer could not be understood: it reads as random characters rather than words."
        return Gate("gibberish", verdict, CAPS["gibberish"], span)
    if _off_topic(answer, exchange.reference_text):
        return Gate("off_topic", _off_topic_verdict(exchange), CAPS["off_topic"], span)
    return Gate("answered", None, CAPS["answered"])


def _declined(answer: str) -> bool:
    """ "I don't know, sorry" with at most a couple of other words is a non-answer, not a short answer."""
    lower = answer.lower().replace("’", "'")
    if not count_phrases(lower, _NON_ANSWERS):
        return False
    for phrase in _NON_ANSWERS:
        lower = lower.replace(phrase, " ")
    return len([t for t in words(lower) if t not in STOPWORDS]) <= 2


def is_gibberish(tokens: list[str], reference: str = "") -> bool:
    alpha = [t for t in tokens if t.isalpha()]
    if len(alpha) < 2:
        return False
    known = _KNOWN | {stem(w) for w in words(reference)}
    implausible = sum(1 for t in alpha if _implausible(t))
    known_share = sum(1 for t in alpha if t in known or stem(t) in known) / len(alpha)
    stop_share = sum(1 for t in alpha if t in STOPWORDS) / len(alpha)
    distinct = len(set(alpha)) / len(alpha)
    return (
        implausible / len(alpha) >= 0.34
        or (known_share < 0.25 and stop_share < 0.1)
        or (len(alpha) >= 4 and distinct <= 0.34 and stop_share < 0.1)
    )


def _implausible(token: str) -> bool:
    if len(token) <= 2:
        return False
    return bool(_NO_VOWEL.match(token) or _CONSONANT_RUN.search(token) or _REPEATED_CHAR.search(token))


def _off_topic(answer: str, reference: str) -> bool:
    answer_stems = topic_stems(answer)
    wanted = topic_stems(reference)
    if answer_stems & wanted or concepts(answer_stems) & concepts(wanted):
        return False
    return work_share(answer) < 0.15


def _off_topic_verdict(exchange: Exchange) -> str:
    talked = join_list(main_topics(exchange.answer_text)) or "something else"
    q = exchange.question
    asked = q.competency if q.competency and q.competency != "general" else join_list(main_topics(q.text))
    return f"The answer was off-topic: it talks about {talked}, the question asked about {asked}."


def _too_short_verdict(tokens: list[str], quote: str) -> str:
    if len(tokens) == 1:
        return f'The answer was a single word ("{quote.rstrip(".!?")}"), which gives nothing to assess.'
    return f'The answer was only {len(tokens)} words ("{quote.rstrip(".!?")}"), too short to assess.'


def _question_span(exchange: Exchange) -> Citation | None:
    for turn in exchange.prompts:
        text = turn.text
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        if end > start:
            return Citation(turn_seq=turn.seq, start=start, end=end, quote=text[start:end])
    return None


def _answer_span(exchange: Exchange) -> Citation:
    first = exchange.sentences[0]
    return Citation(turn_seq=first.turn_seq, start=first.start, end=first.end, quote=first.text)
