"""Group a transcript into exchanges: a planned question, its follow-ups and the candidate's replies."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.analysis.text import Sentence, split_sentences, words
from coach.interview.schema import InterviewPlan, PlanQuestion, TranscriptTurn

_ENDS_EXCHANGE = {"greeting", "closing"}


@dataclass
class Exchange:
    question: PlanQuestion
    prompts: list[TranscriptTurn] = field(default_factory=list)  # interviewer turns: question, follow-ups
    answers: list[TranscriptTurn] = field(default_factory=list)
    superseded: list[TranscriptTurn] = field(default_factory=list)  # replies the interviewer asked to redo

    @property
    def answer_text(self) -> str:
        return "\n".join(t.text for t in self.answers if t.text.strip())

    @property
    def sentences(self) -> list[Sentence]:
        return [s for t in self.answers for s in split_sentences(t.text, t.seq)]

    @property
    def word_count(self) -> int:
        return len(words(self.answer_text))

    @property
    def reference_text(self) -> str:
        """What the answer should be about: question, follow-ups asked, rubric, target requirement."""
        q = self.question
        parts = [
            q.text,
            *(t.text for t in self.prompts),
            *q.rubric,
            q.competency,
            q.source.jd_requirement or "",
        ]
        return "\n".join(p for p in parts if p)


def group_exchanges(plan: InterviewPlan, turns: list[TranscriptTurn]) -> list[Exchange]:
    """Exchanges in the order questions were first asked; candidate small talk outside them is ignored."""
    by_id = {q.id: q for q in plan.questions}
    exchanges: dict[str, Exchange] = {}
    current: Exchange | None = None
    for turn in sorted(turns, key=lambda t: t.seq):
        if turn.role == "interviewer":
            current = _interviewer_turn(turn, current, exchanges, by_id)
        else:
            target = exchanges.get(turn.question_id or "", current)
            if target is not None:
                target.answers.append(turn)
    for exchange in exchanges.values():
        if not exchange.answers:
            exchange.answers = exchange.superseded  # an unusable reply is still what was said
    return list(exchanges.values())


def _interviewer_turn(
    turn: TranscriptTurn,
    current: Exchange | None,
    exchanges: dict[str, Exchange],
    by_id: dict[str, PlanQuestion],
) -> Exchange | None:
    if turn.question_id:
        exchange = exchanges.get(turn.question_id)
        if exchange is None:
            question = by_id.get(turn.question_id) or _unplanned(turn)
            exchange = exchanges[turn.question_id] = Exchange(question)
        _add_prompt(exchange, turn)
        return exchange
    if turn.kind in ("question", "follow_up", "retry") and current is not None:
        _add_prompt(current, turn)
        return current
    if turn.kind == "question":
        # An interviewer question without an id still deserves an exchange of its own.
        key = f"turn-{turn.seq}"
        exchanges[key] = Exchange(_unplanned(turn, key), [turn])
        return exchanges[key]
    return None if turn.kind in _ENDS_EXCHANGE else current


def _add_prompt(exchange: Exchange, turn: TranscriptTurn) -> None:
    if turn.kind == "retry":
        # The interviewer could not use the reply (noise, a cut-off); the retry answer replaces it.
        exchange.superseded.extend(exchange.answers)
        exchange.answers = []
    exchange.prompts.append(turn)


def _unplanned(turn: TranscriptTurn, qid: str | None = None) -> PlanQuestion:
    return PlanQuestion(
        id=qid or turn.question_id or f"turn-{turn.seq}",
        text=turn.text,
        kind="behavioral",
        competency="general",
        rationale="asked outside the plan",
    )
