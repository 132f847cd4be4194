"""How long a silence may last before the interviewer treats the answer as finished.

Generic end-of-turn models judge one utterance; an interviewer also knows what it asked.
A story question ("tell me about a time...") is not answered until the story has an
outcome, an answer that stops on "and" or "um" is mid-thought, and a one-line reply to a
real question is usually a pause for breath. Those wait long enough to survive a 2 s
thinking pause; an answer that sounds finished gets a prompt reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.speech.metrics import words_of
from pipelines.config import TurnTuning

TRAILING_OPEN = {
    "and",
    "but",
    "so",
    "because",
    "or",
    "then",
    "which",
    "that",
    "the",
    "a",
    "an",
    "to",
    "of",
    "with",
    "for",
    "when",
    "where",
    "if",
    "um",
    "uh",
    "umm",
    "er",
    "like",
    "basically",
    "also",
    "my",
    "our",
    "we",
    "i",
    "is",
    "was",
    "were",
    "as",
    "in",
    "on",
    "at",
    "by",
    "from",
    "while",
    "since",
    "although",
}
_STORY_QUESTION = re.compile(
    r"\b(tell me about a time|describe a (time|situation)|give me an example|walk me through a time|"
    r"a time (when|where|you)|have you ever|share an example|talk about a time)\b",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"\b(result(ed)?|outcome|in the end|ended up|as a result|reduced|increased|improved|saved|cut|grew|"
    r"doubled|halved|learned|learnt|lesson|shipped|launched|delivered|succeeded|resolved|fixed|"
    r"percent|%|takeaway|looking back|next time)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TurnContext:
    """What the interviewer last asked, so the policy knows what a finished answer looks like."""

    question_text: str = ""

    @property
    def expects_story(self) -> bool:
        return bool(_STORY_QUESTION.search(self.question_text))


@dataclass(frozen=True)
class TurnEndPolicy:
    tuning: TurnTuning = TurnTuning()

    def wait_after_pause(self, text: str, context: TurnContext, smart_turn_p: float | None) -> float:
        """Seconds of silence, counted from the end of speech, after which the answer is over."""
        t = self.tuning
        if _dangles(text) or self.story_is_open(text, context):
            # Prosody judges the sentence, not the story: a finished sentence often opens a pause.
            return t.unfinished_wait_s
        if self.is_short(text, context):
            confident = smart_turn_p is not None and smart_turn_p >= 0.9
            return t.default_wait_s if confident else t.unfinished_wait_s
        if smart_turn_p is None or smart_turn_p >= 0.5:
            return t.complete_wait_s
        return t.default_wait_s

    def is_short(self, text: str, context: TurnContext) -> bool:
        """A one-liner to a real question is more often a breath than the whole answer."""
        return bool(context.question_text) and len(words_of(text)) < self.tuning.min_answer_words

    @staticmethod
    def story_is_open(text: str, context: TurnContext) -> bool:
        """A "tell me about a time" answer is not over before it reaches an outcome."""
        return context.expects_story and not _OUTCOME.search(text)


def _dangles(text: str) -> bool:
    if not words_of(text):
        return True
    stripped = text.rstrip()
    if stripped.endswith((",", "...", "-", "—", ";", ":")):
        return True
    words = words_of(stripped)
    return bool(words) and words[-1] in TRAILING_OPEN
