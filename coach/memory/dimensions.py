"""Read dimension scores from whatever analysis career memory is given: live objects or stored JSON."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from coach.analysis.models import SessionAnalysis
from coach.drills.models import DrillResult

CRITERION_LABELS = {
    "structure": "Structure",
    "specificity": "Specificity",
    "relevance": "Relevance",
    "depth": "Depth",
    "conciseness": "Conciseness",
    "delivery": "Delivery",
}


def as_analysis(value: SessionAnalysis | DrillResult | Mapping) -> SessionAnalysis | DrillResult:
    if isinstance(value, SessionAnalysis | DrillResult):
        return value
    if "drill_id" in value:
        return DrillResult.model_validate(dict(value))
    return SessionAnalysis.model_validate(
        {k: v for k, v in value.items() if k in SessionAnalysis.model_fields}
    )


def dimension_scores(value: SessionAnalysis | DrillResult | Mapping) -> dict[str, float]:
    return as_analysis(value).dimension_scores()


def label(dimension: str) -> str:
    if dimension.startswith("competency:"):
        return dimension.split(":", 1)[1]
    return CRITERION_LABELS.get(dimension, dimension)


def session_time(value: object) -> datetime | None:
    """When a stored session happened, if the record says so (created_at, ended_at or analyzed_at)."""
    if not isinstance(value, Mapping):
        return None
    for key in ("created_at", "ended_at", "analyzed_at"):
        raw = value.get(key)
        if isinstance(raw, datetime):
            return raw
        if isinstance(raw, str):
            try:
                return datetime.fromisoformat(raw)
            except ValueError:
                continue
    return None
