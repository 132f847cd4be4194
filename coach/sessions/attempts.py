"""Retrying one answer: scored exactly like the session's exchanges, against the same planned question."""

from __future__ import annotations

from coach.analysis.analyzer import analyze_exchange, jd_terms
from coach.analysis.exchanges import Exchange
from coach.analysis.models import ExchangeAnalysis
from coach.interview.schema import PlanQuestion, SpeechMetrics, TranscriptTurn


def score_attempt(
    question: PlanQuestion, text: str, *, jd_parsed: dict | None = None, metrics: SpeechMetrics | None = None
) -> ExchangeAnalysis:
    asked = TranscriptTurn(seq=0, role="interviewer", kind="question", text=question.text, question_id=question.id)
    said = TranscriptTurn(seq=1, role="candidate", kind="retry", text=text, question_id=question.id, metrics=metrics)
    return analyze_exchange(Exchange(question, [asked], [said]), extra_terms=jd_terms(jd_parsed))
