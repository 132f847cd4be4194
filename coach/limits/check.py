"""Deciding whether a user may do one more of something now."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

import redis
from sqlmodel import Session

from coach.limits import database, redis_counter
from coach.limits.rules import Rule
from coach.limits.windows import Window, current_window
from coach.settings import Settings
from storage.types import utcnow

log = logging.getLogger(__name__)


class LimitExceeded(Exception):
    def __init__(self, rule: Rule, allowed: int, retry_after: int) -> None:
        super().__init__(rule.message(allowed))
        self.rule, self.allowed, self.retry_after = rule, allowed, retry_after

    @property
    def message(self) -> str:
        return str(self)


def check_limit(
    rule: Rule, *, user_id: uuid.UUID, settings: Settings, session: Session, now: datetime | None = None
) -> None:
    """Raise LimitExceeded when this request would go over the rule's cap in the current window."""
    allowed = rule.allowed(settings)
    if allowed <= 0:
        return
    now = now or utcnow()
    window = current_window(now, rule.window_s)
    if _used(rule, user_id, settings, session, window) > allowed:
        raise LimitExceeded(rule, allowed, window.retry_after(now))


def _used(rule: Rule, user_id: uuid.UUID, settings: Settings, session: Session, window: Window) -> int:
    """Uses in the window including this request."""
    if settings.REDIS_URL:
        try:
            return redis_counter.hit(settings.REDIS_URL, rule.name, user_id=user_id, window=window)
        except redis.RedisError as exc:
            # Limits are a guard, not a reason to go down with Redis: the database still knows the count.
            log.warning("rate limit %s counted from the database: Redis unavailable (%s)", rule.name, exc)
    return database.count_since(session, rule.name, user_id=user_id, since=window.start) + 1
