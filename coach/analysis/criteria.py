"""The six answer criteria, each 0-100, computed from observable facts about the answer.

Point values are calibrated so a specific, structured answer lands around 75-90 and a vague,
generic one around 25-45; the fixtures in tests/coach/analysis hold them to that.
"""

from __future__ import annotations

from coach.analysis.elements import elements_for
from coach.analysis.facts import AnswerFacts
from coach.analysis.topics import concepts, coverage, covers, topic_stems
from coach.interview.schema import SpeechMetrics

WORDS_PER_MINUTE_SPOKEN = 150  # a comfortable interview pace, used to turn a time budget into words


def clamp(value: float) -> int:
    return int(round(max(0.0, min(100.0, value))))


def structure(f: AnswerFacts) -> int:
    elements = elements_for(f.kind)
    total = sum(e.weight for e in elements)
    present = sum(e.weight for e in elements if f.has(e.name))
    score = 15 + 85 * present / total
    if f.kind == "behavioral":
        score += _star_bonus(f)
    return clamp(score)


def _star_bonus(f: AnswerFacts) -> float:
    """Several distinct actions and a story told in order (context before result) read as a clear STAR."""
    bonus = 5.0 if len(f.elements.get("action", [])) >= 2 else 0.0
    sits, results = f.elements.get("situation", []), f.elements.get("result", [])
    if sits and results and f.sentences.index(sits[0]) <= f.sentences.index(results[-1]):
        bonus += 5
    if f.team_voice > 2 * max(f.first_person, 1):
        bonus -= 10  # "we did" throughout hides the candidate's own part
    return bonus


def specificity(f: AnswerFacts) -> int:
    score = 25 + min(40, 16 * f.numbers) + min(25, 7 * len(f.names))
    if f.numbers and f.has("result"):
        score += 10
    score -= min(30, 3 * f.per_100_words(f.vague))
    if f.word_count < 20:
        score = min(score, 25 + 2 * f.word_count)  # a one-liner cannot be specific about much
    return clamp(score)


def relevance(f: AnswerFacts) -> tuple[int, list[str], list[str]]:
    """Score plus the rubric points covered and missed."""
    q = f.exchange.question
    answer_stems = topic_stems(f.text)
    answer_concepts = concepts(answer_stems)
    asked = "\n".join([q.text, *(t.text for t in f.exchange.prompts), q.exhibit or ""])
    question_part = min(1.0, 1.6 * coverage(answer_stems, asked))
    covered = [r for r in q.rubric if covers(answer_stems, answer_concepts, r)]
    missed = [r for r in q.rubric if r not in covered]
    parts = [(40.0, question_part)]
    if q.rubric:
        parts.append((25.0, len(covered) / len(q.rubric)))
    if q.source.jd_requirement:
        parts.append((10.0, float(covers(answer_stems, answer_concepts, q.source.jd_requirement))))
    scale = 75.0 / sum(w for w, _ in parts)
    return clamp(25 + scale * sum(w * v for w, v in parts)), covered, missed


def depth(f: AnswerFacts) -> int:
    score = 10 + min(30, 12 * f.reasoning) + min(25, 10 * f.tradeoffs) + min(15, 8 * f.reflection)
    score += _kind_depth(f)
    if len(f.sentences) >= 4:
        score += 5
    if f.word_count >= 60:
        score += 5
    if f.word_count < 25:
        score = min(score, 20 + 2 * f.word_count)
    return clamp(score)


def _kind_depth(f: AnswerFacts) -> float:
    """Coding is judged on reasoning about correctness, complexity, edge cases and debugging method."""
    checks = {
        "coding": ("correctness", "complexity", "edge_cases", "testing"),
        "case": ("clarify", "quantify"),
        "technical": ("example", "tradeoff"),
        "situational": ("clarify", "tradeoff"),
        "behavioral": ("task", "result"),
        "motivation": ("evidence",),
    }.get(f.kind, ())
    return sum(20 / max(len(checks), 1) for name in checks if f.has(name)) + (5 if checks else 0)


def conciseness(f: AnswerFacts, answer_seconds: float | None = None) -> int:
    budget_s = f.exchange.question.time_budget_s
    high = max(120.0, budget_s / 60 * WORDS_PER_MINUTE_SPOKEN)
    low = 30.0 if f.kind in ("technical", "coding") else 45.0
    if f.word_count < low:
        score = 50 + 50 * f.word_count / low
    elif f.word_count > high:
        score = max(20.0, 100 - 80 * (f.word_count - high) / high)
    else:
        score = 100.0
    score -= min(35, 100 * f.repetition)
    score -= min(20, 4 * f.per_100_words(f.fillers))
    score -= min(15, 3 * f.per_100_words(f.hedges))
    if answer_seconds and answer_seconds > 1.5 * budget_s:
        score -= 15
    return clamp(score)


def delivery(metrics: SpeechMetrics | None) -> int | None:
    """Pace, fillers and pauses from voice metrics; None (not judged) for typed answers."""
    if metrics is None or metrics.words == 0:
        return None
    score = 100.0
    if metrics.words_per_minute:
        wpm = metrics.words_per_minute
        distance = 120 - wpm if wpm < 120 else max(0.0, wpm - 170)
        score -= min(70, 1.5 * distance)
    filler_rate = 100.0 * len(metrics.fillers) / metrics.words
    score -= min(40, 6 * max(0.0, filler_rate - 2))
    minutes = metrics.words / (metrics.words_per_minute or WORDS_PER_MINUTE_SPOKEN)
    score -= min(20, 5 * max(0.0, metrics.pauses_over_1s / max(minutes, 0.1) - 3))
    if metrics.longest_pause_s > 5:
        score -= 10
    return clamp(score)
