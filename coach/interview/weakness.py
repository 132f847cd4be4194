"""What career memory says the candidate struggles with, turned into pressure on the plan."""

from __future__ import annotations

from dataclasses import dataclass, field

ANSWER_CRITERIA = ("structure", "specificity", "relevance", "depth", "conciseness", "delivery")
_TREND_FACTOR = {"declining": 1.5, "stagnant": 1.0, "improving": 0.5}
# Planned probes that make the candidate practise the criterion they keep missing.
CRITERION_PROBES = {
    "structure": "Take me through that in order: the situation, what you did, and how it ended.",
    "specificity": "What number would show the impact of that?",
    "relevance": "How does that example connect to what this role needs?",
    "depth": "Why that approach rather than the alternatives?",
    "conciseness": "In one or two sentences, what was the most important thing you did?",
}


@dataclass
class Weaknesses:
    competencies: dict[str, float] = field(default_factory=dict)  # name -> severity 0..1.5
    criteria: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # dimension -> human reason for rationales

    def competency_multiplier(self, name: str) -> float:
        # A strong, worsening weakness roughly triples the competency's share of questions.
        return 1.0 + 1.5 * self.competencies.get(name, 0.0)

    def is_weak(self, competency: str) -> bool:
        return self.competencies.get(competency, 0.0) >= 0.2


def _severity(occurrences: int, trend: str) -> float:
    return min(max(occurrences, 0), 5) / 5 * _TREND_FACTOR.get(trend, 1.0)


def read_weaknesses(patterns: list[dict] | None, job_target_history: list[dict] | None = None) -> Weaknesses:
    """Combine career-memory patterns with low competency scores from earlier sessions for this job."""
    found = Weaknesses()
    for p in patterns or []:
        dimension = str(p.get("dimension", ""))
        occurrences, trend = int(p.get("occurrences") or 0), str(p.get("trend") or "stagnant")
        severity = _severity(occurrences, trend)
        if severity <= 0:
            continue
        note = f"flagged in {occurrences} past answers, {trend}"
        if dimension.startswith("competency:"):
            name = dimension.split(":", 1)[1].strip()
            found.competencies[name] = max(found.competencies.get(name, 0.0), severity)
            found.notes[name] = note
        elif dimension in ANSWER_CRITERIA:
            found.criteria[dimension] = max(found.criteria.get(dimension, 0.0), severity)
            found.notes[dimension] = note
    _add_history_scores(found, job_target_history)
    return found


def _add_history_scores(found: Weaknesses, history: list[dict] | None) -> None:
    # History entries may carry {"competency_scores": {"system design": 2.0}} on a 1-5 scale.
    for entry in history or []:
        for name, score in (entry.get("competency_scores") or {}).items():
            if isinstance(score, int | float) and score < 3:
                severity = (3 - score) / 2
                if severity > found.competencies.get(name, 0.0):
                    found.competencies[name] = severity
                    found.notes.setdefault(name, f"scored {score:g}/5 in an earlier session for this job")


def history_question_ids(job_target_history: list[dict] | None) -> set[str]:
    return {qid for entry in job_target_history or [] for qid in entry.get("question_ids") or []}
