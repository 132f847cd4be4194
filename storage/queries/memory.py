"""Career memory: skill patterns, analyses and the answer library."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, select

from storage.models import UserSkillPattern


def skill_patterns(session: Session, *, user_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = session.exec(select(UserSkillPattern).where(UserSkillPattern.user_id == user_id))
    return [
        {"dimension": r.dimension, "occurrences": r.occurrences, "trend": r.trend,
         "last_seen": r.last_seen.isoformat() if r.last_seen else None, "recent_scores": r.recent_scores}
        for r in rows
    ]
