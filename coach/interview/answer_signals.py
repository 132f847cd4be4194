"""Cheap, explainable signals about one answer, used to decide follow-ups without an LLM.

Heuristics on purpose: they run on every turn in a realtime voice loop and must be predictable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.interview.schema import PlanQuestion
from coach.interview.text import STOPWORDS, content_stems, words

SPEAKING_WORDS_PER_S = 2.5  # about 150 words a minute
STAR_PARTS = ("situation", "task", "action", "result")
_STAR_KINDS = {"behavioral", "situational"}
_MIN_WORDS = {"behavioral": 25, "situational": 25, "case": 25, "technical": 15, "coding": 15, "motivation": 8}

_CUES = {
    "situation": r"\b(when i (was|joined|started)|at my (last|previous|current)|"
    r"in my (last|previous|current)|we had|there was|"
    r"the situation|back in|last year|a few years ago|our team|i was working|while i was|"
    r"at the time|one (time|day|project)|on a project|we were|the project)\b",
    "task": r"\b(my (role|job|task|goal|responsibility) was|i was (responsible|asked|tasked|the)|i needed|"
    r"i had to|the goal was|we needed to|our goal|i was in charge|objective|had to make sure|i wanted|"
    r"i took (it )?on|i set out to|i decided to|it was (up to me|my job)|nobody (owned|was))\b",
    # Any first-person past-tense verb ("I rolled back", "I migrated") or a common irregular one.
    "action": r"\bi (\w{3,}ed|built|wrote|rewrote|led|set|ran|made|took|drove|met|spoke|put|gave|sat|found|"
    r"began|chose|brought|got|did|sent|taught|told|thought|reached|dug|cut|split|kept|held|went|read|let|"
    r"saw|spent|sold|won|left|paid|fed|hired|ate|drew|froze|sought|bought|dealt|meant|stood)\b",
    "result": r"\b(as a result|the result|resulted|outcome|in the end|ended up|which (meant|led)|led to|"
    r"reduced|increased|improved|saved|cut|grew|doubled|halved|dropped|shipped|launched|"
    r"went live|succeeded|recovered|resolved|closed|won|learned|since then|afterwards)\b",
}
_NUMBER_WORDS = (
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|hundred|hundreds|thousand|thousands|million|millions|billion|percent|half|double|"
    r"doubled|twice|triple|tripled|tenfold)\b"
)
_DIGIT = re.compile(r"\d+(?:[.,]\d+)?\s*(%|x|k|m|ms|s|h)?", re.IGNORECASE)
_YEAR = re.compile(r"^(19|20)\d\d$")
_REASONING = re.compile(
    r"\b(because|so that|trade-?offs?|instead|rather than|depends|the reason|which means|"
    r"otherwise|downside|upside|risk|cost|edge case|pros?|cons?)\b"
)
_REASONING_KINDS = {"technical", "case", "coding"}
_WE = re.compile(r"\b(we|our|us|we're|we've|ourselves)\b")
_I = re.compile(r"\b(i|my|me|i'm|i've|i'd|myself|mine)\b")
_FILLERS = {"um", "uh", "erm", "hmm", "mm", "ah", "er", "like", "so", "yeah", "well", "okay", "ok"}
# Words any answer about work tends to contain; an answer with none of these and none of the
# question's words is off topic.
_WORK_WORDS = content_stems(
    "work job role team project customer client user manager colleague company product service deadline "
    "problem issue decision result goal plan process data code system patient sale deal ticket meeting "
    "stakeholder design experience responsibility lead task outcome"
)


@dataclass(frozen=True)
class AnswerSignals:
    word_count: int
    empty: bool = False
    garbage: bool = False
    too_short: bool = False
    missing_star: tuple[str, ...] = ()
    has_metric: bool = True
    vague_we: bool = False
    off_topic: bool = False
    rambling: bool = False
    lacks_reasoning: bool = False  # technical, case and coding answers that never say why

    @property
    def unusable(self) -> bool:
        """Nothing to react to: the interviewer should neither praise nor probe the content."""
        return self.empty or self.garbage

    @property
    def solid(self) -> bool:
        return not (self.unusable or self.too_short or self.off_topic or self.missing_star or self.vague_we)


def estimate_seconds(text: str) -> float:
    return len(words(text)) / SPEAKING_WORDS_PER_S


def has_metric(text: str) -> bool:
    lowered = text.lower()
    numbers = [m.group(0).strip() for m in _DIGIT.finditer(lowered)]
    if any(not _YEAR.match(n) for n in numbers):
        return True
    return re.search(_NUMBER_WORDS, lowered) is not None


def missing_star_parts(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    return tuple(part for part in STAR_PARTS if not re.search(_CUES[part], lowered))


def is_garbage(text: str) -> bool:
    """Keyboard mash, noise transcribed as text, or a word repeated over and over."""
    tokens = words(text)
    letters = sum(c.isalpha() for c in text)
    if not tokens or letters < 0.5 * len(text.replace(" ", "")):
        return bool(text.strip())
    vowelless = sum(1 for t in tokens if len(t) > 3 and not re.search(r"[aeiouy]", t))
    if vowelless / len(tokens) > 0.4:
        return True
    return len(tokens) >= 5 and len(set(tokens)) <= 2


def _is_empty(tokens: list[str]) -> bool:
    return not [t for t in tokens if t not in _FILLERS]


def _is_vague_we(text: str) -> bool:
    lowered = text.lower()
    we, i = len(_WE.findall(lowered)), len(_I.findall(lowered))
    return we >= 3 and i * 3 <= we


def _is_off_topic(text: str, question: PlanQuestion, tokens: list[str]) -> bool:
    meaningful = [t for t in tokens if t not in STOPWORDS]
    if len(meaningful) < 8:
        return False  # too little to judge; the short-answer probe handles it
    answer = content_stems(text)
    topic = content_stems(
        " ".join([question.text, question.competency, *question.rubric, *question.follow_ups])
    )
    return not (answer & topic) and not (answer & _WORK_WORDS)


def analyse_answer(
    answer: str,
    question: PlanQuestion | None,
    *,
    answer_seconds: float | None = None,
    seconds_on_question: float = 0.0,
    earlier: str = "",
) -> AnswerSignals:
    """Signals for one answer.

    `earlier` is what the candidate already said on this question (before follow-ups): STAR parts,
    numbers and "I" vs "we" count across the whole exchange, so a probe is never asked for something
    that was already given. `seconds_on_question` is the time spent before this answer.
    """
    tokens = words(answer)
    if _is_empty(tokens):
        return AnswerSignals(word_count=len(tokens), empty=True, too_short=True, has_metric=False)
    if is_garbage(answer):
        return AnswerSignals(word_count=len(tokens), garbage=True, too_short=True, has_metric=False)
    kind = question.kind if question else "behavioral"
    spoken_s = answer_seconds if answer_seconds is not None else estimate_seconds(answer)
    budget = question.time_budget_s if question else 180
    whole = f"{earlier} {answer}".strip()
    return AnswerSignals(
        word_count=len(tokens),
        too_short=not earlier.strip() and len(tokens) < _MIN_WORDS.get(kind, 15),
        missing_star=missing_star_parts(whole) if kind in _STAR_KINDS else (),
        has_metric=has_metric(whole),
        vague_we=_is_vague_we(whole),
        off_topic=question is not None and _is_off_topic(answer, question, tokens),
        lacks_reasoning=kind in _REASONING_KINDS and not _REASONING.search(whole.lower()),
        rambling=spoken_s > 0.7 * budget or (seconds_on_question + spoken_s > budget and spoken_s > 60),
    )
