"""Strengths and weaknesses, each resting on the exact sentence of the transcript that shows it."""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.analysis.elements import elements_for
from coach.analysis.facts import AnswerFacts
from coach.analysis.lexicon import (
    FILLER_PHRASES,
    FILLER_WORDS,
    HEDGES,
    REASONING_MARKERS,
    REFLECTION_MARKERS,
    TRADEOFF_MARKERS,
    VAGUE_WORDS,
)
from coach.analysis.models import Citation, Claim, Criteria
from coach.analysis.text import Sentence, count_phrases, find_phrases, number_mentions
from coach.analysis.topics import concepts, covers, topic_stems

STRENGTH_FLOOR = 70  # a criterion below this is not praised
WEAKNESS_CEILING = 80  # a criterion at or above this is not criticised
_OPENING_PARTS = {"situation", "task", "clarify", "direct_answer", "approach", "connection"}
_TEAM = re.compile(r"\b(we|our|us)\b")


def cite(sentence: Sentence) -> Citation:
    return Citation(turn_seq=sentence.turn_seq, start=sentence.start, end=sentence.end, quote=sentence.text)


def _most(sentences: list[Sentence], score: Callable[[Sentence], float]) -> Sentence | None:
    best = max(sentences, key=score, default=None)
    return best if best is not None and score(best) > 0 else None


def _with(phrases: tuple[str, ...]) -> Callable[[Sentence], float]:
    return lambda s: count_phrases(s.lower, phrases)


def strengths(f: AnswerFacts, c: Criteria, limit: int = 3) -> list[Claim]:
    found: list[Claim] = []
    for criterion, finder in _STRENGTHS:
        if getattr(c, criterion) is not None and getattr(c, criterion) >= STRENGTH_FLOOR:
            claim = finder(f)
            if claim is not None and all(claim.text != x.text for x in found):
                found.append(claim)
    return found[:limit]


def weaknesses(f: AnswerFacts, c: Criteria, limit: int = 3) -> list[Claim]:
    measured = sorted(c.measured().items(), key=lambda kv: kv[1])
    found: list[Claim] = []
    for criterion, value in measured:
        if value >= WEAKNESS_CEILING:
            break
        for finder in _WEAKNESSES.get(criterion, ()):
            claim = finder(f)
            if claim is not None and all(claim.text != x.text for x in found):
                found.append(claim)
                break
    return found[:limit]


def _quantified(f: AnswerFacts) -> Claim | None:
    pool = f.elements.get("result") or f.sentences
    s = _most(pool, lambda s: number_mentions(s.text))
    return s and Claim(
        text="You put a number on it, which makes the impact believable.",
        criterion="specificity",
        evidence=cite(s),
    )


def _named(f: AnswerFacts) -> Claim | None:
    s = _most(f.sentences, lambda s: sum(1 for n in f.names if n in s.lower))
    return s and Claim(
        text="You named the concrete tools, systems or people involved.",
        criterion="specificity",
        evidence=cite(s),
    )


def _structured(f: AnswerFacts) -> Claim | None:
    for element in sorted(elements_for(f.kind), key=lambda e: -e.weight):
        if f.has(element.name):
            s = f.elements[element.name][0]
            return Claim(text=f"You included {element.label}.", criterion="structure", evidence=cite(s))
    return None


def _reasoned(f: AnswerFacts) -> Claim | None:
    s = _most(f.sentences, _with(REASONING_MARKERS))
    return s and Claim(text="You explained why, not just what.", criterion="depth", evidence=cite(s))


def _weighed(f: AnswerFacts) -> Claim | None:
    s = _most(f.sentences, _with(tuple(m.strip() for m in TRADEOFF_MARKERS)))
    return s and Claim(text="You weighed alternatives and trade-offs.", criterion="depth", evidence=cite(s))


def _reflected(f: AnswerFacts) -> Claim | None:
    s = _most(f.sentences, _with(REFLECTION_MARKERS))
    return s and Claim(text="You reflected on what you learned.", criterion="depth", evidence=cite(s))


def _on_point(f: AnswerFacts) -> Claim | None:
    wanted = topic_stems(f.exchange.question.text)

    def overlap(s: Sentence) -> float:
        have = topic_stems(s.text)
        return len(have & wanted) + len(concepts(have) & concepts(wanted))

    s = _most(f.sentences, overlap)
    return s and Claim(
        text="You answered the question that was asked.", criterion="relevance", evidence=cite(s)
    )


def _missing_part(f: AnswerFacts) -> Claim | None:
    missing = [e for e in sorted(elements_for(f.kind), key=lambda e: -e.weight) if not f.has(e.name)]
    if not missing or not f.sentences:
        return None
    part = missing[0]
    s = f.sentences[0] if part.name in _OPENING_PARTS else f.sentences[-1]
    text = (
        f"The answer opens without {part.label}."
        if part.name in _OPENING_PARTS
        else (f"The answer leaves out {part.label}.")
    )
    return Claim(text=text, criterion="structure", evidence=cite(s))


def _vague(f: AnswerFacts) -> Claim | None:
    s = _most(f.sentences, _with(VAGUE_WORDS))
    if s is None:
        return None
    words = sorted({p for _, _, p in find_phrases(s.lower, VAGUE_WORDS)})[:3]
    listed = ", ".join(f'"{w}"' for w in words)
    return Claim(
        text=f"Vague wording ({listed}) where a specific detail belongs.",
        criterion="specificity",
        evidence=cite(s),
    )


def _unquantified(f: AnswerFacts) -> Claim | None:
    if f.numbers or not f.sentences:
        return None
    s = (f.elements.get("result") or f.sentences)[-1]
    return Claim(
        text="No numbers anywhere: the impact cannot be judged.", criterion="specificity", evidence=cite(s)
    )


def _off_rubric(f: AnswerFacts) -> Claim | None:
    stems_ = topic_stems(f.text)
    missed = [r for r in f.exchange.question.rubric if not covers(stems_, concepts(stems_), r)]
    prompt = f.exchange.prompts[0] if f.exchange.prompts else None
    if not missed or prompt is None or not prompt.text.strip():
        return None
    start, end = len(prompt.text) - len(prompt.text.lstrip()), len(prompt.text.rstrip())
    evidence = Citation(turn_seq=prompt.seq, start=start, end=end, quote=prompt.text[start:end])
    return Claim(
        text=f"The question wanted this and the answer did not cover it: {missed[0]}.",
        criterion="relevance",
        evidence=evidence,
    )


def _unexplained(f: AnswerFacts) -> Claim | None:
    if f.reasoning or not f.sentences:
        return None
    s = max(f.sentences, key=lambda s: len(s.text))
    return Claim(
        text="Says what happened but not why: no reasoning or trade-off.", criterion="depth", evidence=cite(s)
    )


def _team_voice(f: AnswerFacts) -> Claim | None:
    if f.kind != "behavioral" or f.team_voice <= 2 * max(f.first_person, 1):
        return None
    s = _most(f.sentences, lambda s: len(_TEAM.findall(s.lower)))
    return s and Claim(
        text='"We" throughout: your own part is unclear.', criterion="structure", evidence=cite(s)
    )


def _filler(f: AnswerFacts) -> Claim | None:
    s = _most(f.sentences, _with(FILLER_WORDS + FILLER_PHRASES))
    return s and Claim(text="Filler words dilute the point.", criterion="conciseness", evidence=cite(s))


def _hedged(f: AnswerFacts) -> Claim | None:
    s = _most(f.sentences, _with(HEDGES))
    return s and Claim(
        text='Hedging ("I think", "maybe") undercuts your point.', criterion="conciseness", evidence=cite(s)
    )


def _repeated(f: AnswerFacts) -> Claim | None:
    seen: set[str] = set()
    for s in f.sentences:
        key = s.lower.strip(" .!?")
        if key in seen:
            return Claim(text="The same point is made twice.", criterion="conciseness", evidence=cite(s))
        seen.add(key)
    return None


def _long(f: AnswerFacts) -> Claim | None:
    if len(f.sentences) < 2:
        return None
    return Claim(
        text="The answer runs long: the key point gets lost.",
        criterion="conciseness",
        evidence=cite(f.sentences[-1]),
    )


def _paced(f: AnswerFacts) -> Claim | None:
    if not f.sentences:
        return None
    return Claim(
        text="Delivery got in the way: pace, fillers or long pauses.",
        criterion="delivery",
        evidence=cite(f.sentences[0]),
    )


_STRENGTHS: tuple[tuple[str, Callable[[AnswerFacts], Claim | None]], ...] = (
    ("specificity", _quantified),
    ("structure", _structured),
    ("depth", _reasoned),
    ("depth", _weighed),
    ("specificity", _named),
    ("depth", _reflected),
    ("relevance", _on_point),
)
_WEAKNESSES: dict[str, tuple[Callable[[AnswerFacts], Claim | None], ...]] = {
    "structure": (_missing_part, _team_voice),
    "specificity": (_unquantified, _vague),
    "relevance": (_off_rubric,),
    "depth": (_unexplained, _missing_part),
    "conciseness": (_repeated, _filler, _hedged, _long),
    "delivery": (_paced,),
}
