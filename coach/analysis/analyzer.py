"""Offline, deterministic post-session analysis: the same transcript always gets the same feedback."""

from __future__ import annotations

from collections import defaultdict
from statistics import mean

from coach.analysis import claims, criteria
from coach.analysis.advice import gated_advice, top_actions, try_next_time
from coach.analysis.delivery import answer_seconds, merge_metrics, summarise
from coach.analysis.exchanges import Exchange, group_exchanges
from coach.analysis.facts import AnswerFacts, gather
from coach.analysis.gate import Gate, assess
from coach.analysis.models import CRITERIA, Claim, Criteria, ExchangeAnalysis, SessionAnalysis
from coach.analysis.rewrite import rewrite
from coach.analysis.weights import weighted_score
from coach.interview.schema import InterviewPlan, PlanQuestion, SpeechMetrics, TranscriptTurn


def analyze_session(
    plan: InterviewPlan, turns: list[TranscriptTurn], *, jd_parsed: dict | None = None
) -> SessionAnalysis:
    terms = jd_terms(jd_parsed)
    resolved = plan.model_copy(
        update={"questions": [_resolve_requirement(q, jd_parsed) for q in plan.questions]}
    )
    exchanges = group_exchanges(resolved, turns)
    analyses = [analyze_exchange(e, extra_terms=terms) for e in exchanges]
    averages = criteria_averages(analyses)
    asked = {a.question_id for a in analyses}
    return SessionAnalysis(
        role_kit=plan.role_kit,
        interview_type=plan.interview_type,
        job_target_id=plan.job_target_id,
        overall_score=round(mean(a.score for a in analyses)) if analyses else 0,
        exchanges=analyses,
        competency_scores=competency_scores(analyses),
        criteria_averages=averages,
        delivery=summarise([t for e in exchanges for t in e.answers]),
        top_actions=top_actions(analyses, averages),
        not_reached=[q.id for q in plan.questions if q.id not in asked],
    )


def analyze_exchange(exchange: Exchange, *, extra_terms: frozenset[str] = frozenset()) -> ExchangeAnalysis:
    gate = assess(exchange)
    base = _base_fields(exchange, gate)
    competency = exchange.question.competency
    if gate.status == "empty":
        zero = Criteria(structure=0, specificity=0, relevance=0, depth=0, conciseness=0)
        advice = gated_advice("empty", competency)
        return ExchangeAnalysis(
            **base, score=0, criteria=zero, weaknesses=_gate_claims(gate), try_next_time=advice
        )
    f = gather(exchange, extra_terms)
    metrics = merge_metrics(exchange.answers)
    scored, covered, missed = _measure(f, gate, metrics)
    answered = gate.status == "answered"
    return ExchangeAnalysis(
        **base,
        score=min(weighted_score(exchange.question.kind, scored), gate.cap),
        criteria=scored,
        elements={name: bool(found) for name, found in f.elements.items()},
        rubric_covered=covered,
        rubric_missed=missed,
        strengths=claims.strengths(f, scored) if answered else [],
        weaknesses=claims.weaknesses(f, scored) if answered else _gate_claims(gate),
        rewrite=rewrite(f) if answered else "",
        try_next_time=try_next_time(f, scored, metrics, missed)
        if answered
        else gated_advice(gate.status, competency),
    )


def _measure(
    f: AnswerFacts, gate: Gate, metrics: SpeechMetrics | None
) -> tuple[Criteria, list[str], list[str]]:
    """All six criteria (delivery only with voice metrics), capped by the gate, plus rubric coverage."""
    relevance, covered, missed = criteria.relevance(f)
    measured = Criteria(
        structure=criteria.structure(f),
        specificity=criteria.specificity(f),
        relevance=relevance,
        depth=criteria.depth(f),
        conciseness=criteria.conciseness(f, answer_seconds(f.exchange.answers)),
        delivery=criteria.delivery(metrics),
    )
    return _apply_gate(measured, gate), covered, missed


def _base_fields(exchange: Exchange, gate: Gate) -> dict:
    q = exchange.question
    return {
        "question_id": q.id,
        "question_text": q.text,
        "kind": q.kind,
        "competency": q.competency,
        "jd_requirement": q.source.jd_requirement,
        "requirement_ids": list(q.source.requirement_ids),
        "answer_turn_seqs": [t.seq for t in exchange.answers],
        "word_count": exchange.word_count,
        "status": gate.status,
        "verdict": gate.verdict,
    }


def _apply_gate(c: Criteria, gate: Gate) -> Criteria:
    """Unusable answers cannot earn criterion points they did not show; off-topic ones lose relevance."""
    if gate.status == "off_topic":
        return c.model_copy(update={"relevance": min(c.relevance, 10)})
    if gate.status in ("too_short", "gibberish"):
        values = {k: min(v, gate.cap) for k, v in c.measured().items()}
        return Criteria(**values)
    return c


def _gate_claims(gate: Gate) -> list[Claim]:
    if gate.evidence is None or gate.verdict is None:
        return []
    return [Claim(text=gate.verdict, criterion="relevance", evidence=gate.evidence)]


def criteria_averages(analyses: list[ExchangeAnalysis]) -> dict[str, int]:
    averages: dict[str, int] = {}
    for name in CRITERIA:
        values = [getattr(a.criteria, name) for a in analyses if getattr(a.criteria, name) is not None]
        if values:
            averages[name] = round(mean(values))
    return averages


def competency_scores(analyses: list[ExchangeAnalysis]) -> dict[str, int]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for a in analyses:
        grouped[a.competency].append(a.score)
    return {name: round(mean(scores)) for name, scores in grouped.items()}


def jd_terms(jd_parsed: dict | None) -> frozenset[str]:
    """The posting's skills and tools count as concrete, checkable names when a candidate says them."""
    if not jd_parsed:
        return frozenset()
    names = [*jd_parsed.get("hard_skills", []), *jd_parsed.get("tools", [])]
    return frozenset(n.lower() for n in names if isinstance(n, str) and n.strip())


def _resolve_requirement(q: PlanQuestion, jd_parsed: dict | None) -> PlanQuestion:
    """A question may point at a requirement by id; relevance needs the requirement's words."""
    if not jd_parsed:
        return q
    reqs = jd_parsed.get("requirements") or {}
    by_id = {r.get("id"): r.get("text") for group in reqs.values() for r in group if isinstance(r, dict)}
    target = q.source.jd_requirement
    if target in by_id and by_id[target]:
        return q.model_copy(update={"source": q.source.model_copy(update={"jd_requirement": by_id[target]})})
    return q
