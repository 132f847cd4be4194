"""How much each criterion counts toward an answer's score, by question kind.

Behavioral answers live or die on structure and specifics; technical and coding answers on depth of
reasoning; cases on structure and depth. Delivery only counts when voice metrics were measured.
"""

from __future__ import annotations

from coach.analysis.models import Criteria

WEIGHTS: dict[str, dict[str, float]] = {
    "behavioral": {
        "structure": 0.25,
        "specificity": 0.25,
        "relevance": 0.2,
        "depth": 0.15,
        "conciseness": 0.1,
    },
    "situational": {
        "structure": 0.2,
        "specificity": 0.15,
        "relevance": 0.25,
        "depth": 0.25,
        "conciseness": 0.1,
    },
    "motivation": {
        "structure": 0.15,
        "specificity": 0.2,
        "relevance": 0.3,
        "depth": 0.15,
        "conciseness": 0.15,
    },
    "technical": {
        "structure": 0.15,
        "specificity": 0.2,
        "relevance": 0.25,
        "depth": 0.3,
        "conciseness": 0.05,
    },
    "case": {"structure": 0.3, "specificity": 0.2, "relevance": 0.15, "depth": 0.25, "conciseness": 0.05},
    "coding": {"structure": 0.2, "specificity": 0.15, "relevance": 0.15, "depth": 0.4, "conciseness": 0.05},
}
DELIVERY_WEIGHT = 0.1


def weights_for(kind: str) -> dict[str, float]:
    return WEIGHTS.get(kind, WEIGHTS["behavioral"])


def weighted_score(kind: str, criteria: Criteria) -> int:
    weights = dict(weights_for(kind))
    values = criteria.measured()
    if "delivery" in values:
        weights["delivery"] = DELIVERY_WEIGHT
    total = sum(weights.values())
    return int(round(sum(values[k] * w for k, w in weights.items()) / total))
