"""Career memory of recurring weaknesses, updated after every session or drill.

A dimension (an answer criterion or "competency:<name>") becomes a pattern the first time it scores
below WEAKNESS_THRESHOLD. From then on every analysis that measures it appends its score to
``recent_scores`` (last 10 kept), so the trend can show recovery as well as decline; each further score
below the threshold adds an occurrence and moves ``last_seen``. Trend method: coach.memory.trend.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from coach.analysis.models import SessionAnalysis
from coach.drills.models import DrillResult
from coach.memory.dimensions import dimension_scores
from coach.memory.trend import trend

WEAKNESS_THRESHOLD = 60.0
HISTORY = 10
_TREND_ORDER = {"declining": 0, "stagnant": 1, "improving": 2}


def update_skill_patterns(
    existing: list[dict],
    analysis: SessionAnalysis | DrillResult | Mapping,
    *,
    now: datetime,
) -> list[dict]:
    """The updated pattern list, most pressing first; ``existing`` is not modified."""
    patterns = {p["dimension"]: _copy(p) for p in existing if isinstance(p, Mapping) and p.get("dimension")}
    for dimension, score in dimension_scores(analysis).items():
        weak = score < WEAKNESS_THRESHOLD
        entry = patterns.get(dimension)
        if entry is None and not weak:
            continue
        entry = entry or {"dimension": dimension, "occurrences": 0, "last_seen": None, "recent_scores": []}
        entry["recent_scores"] = [*entry["recent_scores"], round(score, 1)][-HISTORY:]
        if weak:
            entry["occurrences"] += 1
            entry["last_seen"] = now.isoformat()
        entry["trend"] = trend(entry["recent_scores"])
        entry["active"] = weak  # still below the threshold as of the latest measurement
        patterns[dimension] = entry
    return sorted(patterns.values(), key=severity)


def severity(pattern: Mapping) -> tuple:
    """Active first, then declining before stagnant before improving, then most frequent, then lowest."""
    scores = pattern.get("recent_scores") or [100.0]
    return (
        not pattern.get("active", True),
        _TREND_ORDER.get(pattern.get("trend", "stagnant"), 1),
        -int(pattern.get("occurrences", 0)),
        scores[-1],
    )


def _copy(pattern: Mapping) -> dict:
    entry = dict(pattern)
    entry["recent_scores"] = [float(s) for s in pattern.get("recent_scores", [])]
    entry["occurrences"] = int(pattern.get("occurrences", 0))
    return entry
