"""Observable facts about one answer, computed once and shared by criteria, claims, rewrite and advice."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from coach.analysis.elements import DIRECT, Element, elements_for, matches
from coach.analysis.exchanges import Exchange
from coach.analysis.lexicon import (
    FILLER_PHRASES,
    FILLER_WORDS,
    HEDGES,
    REASONING_MARKERS,
    REFLECTION_MARKERS,
    TECH_TERMS,
    TRADEOFF_MARKERS,
    VAGUE_WORDS,
)
from coach.analysis.text import WORD_RE, Sentence, count_phrases, number_mentions, words
from coach.analysis.topics import concepts, topic_stems

_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|me|my)\b")
_TEAM_VOICE = re.compile(r"\b(we|we're|we've|we'd|us|our)\b")
_NOT_NAMES = frozenset({"I", "I'm", "I've", "I'd", "I'll", "OK", "Okay"})


@dataclass
class AnswerFacts:
    exchange: Exchange
    sentences: list[Sentence]
    text: str
    lower: str
    word_count: int
    elements: dict[str, list[Sentence]] = field(default_factory=dict)
    numbers: int = 0
    names: set[str] = field(default_factory=set)
    vague: int = 0
    fillers: int = 0
    hedges: int = 0
    reasoning: int = 0
    tradeoffs: int = 0
    reflection: int = 0
    first_person: int = 0
    team_voice: int = 0
    repetition: float = 0.0

    @property
    def kind(self) -> str:
        return self.exchange.question.kind

    def has(self, element: str) -> bool:
        return bool(self.elements.get(element))

    def per_100_words(self, count: int) -> float:
        return 100.0 * count / max(self.word_count, 1)


def gather(exchange: Exchange, extra_terms: frozenset[str] = frozenset()) -> AnswerFacts:
    text = exchange.answer_text
    lower = text.lower().replace("’", "'")
    facts = AnswerFacts(exchange, exchange.sentences, text, lower, len(words(text)))
    facts.elements = detect_elements(exchange, facts.sentences)
    facts.numbers = number_mentions(text)
    facts.names = _named_things(facts.sentences, extra_terms)
    facts.vague = count_phrases(lower, VAGUE_WORDS)
    facts.fillers = count_phrases(lower, FILLER_WORDS) + count_phrases(lower, FILLER_PHRASES)
    facts.hedges = count_phrases(lower, HEDGES)
    facts.reasoning = count_phrases(lower, REASONING_MARKERS)
    facts.tradeoffs = count_phrases(lower, tuple(m.strip() for m in TRADEOFF_MARKERS))
    facts.reflection = count_phrases(lower, REFLECTION_MARKERS)
    facts.first_person = len(_FIRST_PERSON.findall(lower))
    facts.team_voice = len(_TEAM_VOICE.findall(lower))
    facts.repetition = _repetition(words(text))
    return facts


def detect_elements(exchange: Exchange, sentences: list[Sentence]) -> dict[str, list[Sentence]]:
    found: dict[str, list[Sentence]] = {}
    for element in elements_for(exchange.question.kind):
        found[element.name] = _element_sentences(element, exchange, sentences)
    return found


def _element_sentences(element: Element, exchange: Exchange, sentences: list[Sentence]) -> list[Sentence]:
    if element is DIRECT:
        # A direct answer addresses the question's topic in the opening sentence.
        wanted = topic_stems(exchange.question.text)
        first = sentences[:1]
        return [s for s in first if _on_topic(topic_stems(s.text), wanted)]
    return [s for s in sentences if matches(element, s)]


def _on_topic(have: set[str], wanted: set[str]) -> bool:
    return bool(have & wanted) or bool(concepts(have) & concepts(wanted))


def _named_things(sentences: list[Sentence], extra_terms: frozenset[str]) -> set[str]:
    """Tools, products, companies and technologies the answer names: the nouns a listener can check."""
    terms = TECH_TERMS | extra_terms
    names: set[str] = set()
    phrases = tuple(t for t in extra_terms if " " in t)
    for sentence in sentences:
        names.update(p for p in phrases if p in sentence.lower)
        for i, match in enumerate(WORD_RE.finditer(sentence.text)):
            token = match.group(0)
            if (
                token.lower() in terms
                or i > 0
                and token[0].isupper()
                and token not in _NOT_NAMES
                and not token.isdigit()
            ):
                names.add(token.lower())
    return names


def _repetition(tokens: list[str]) -> float:
    """Share of word trigrams that were already said: circling back over the same point."""
    grams = list(zip(tokens, tokens[1:], tokens[2:], strict=False))
    if len(grams) < 6:
        return 0.0
    counts = Counter(grams)
    return sum(c - 1 for c in counts.values()) / len(grams)
