"""Fixed-window counters in Redis: one INCR per request on a key that expires with its window."""

from __future__ import annotations

import uuid
from functools import lru_cache

import redis

from coach.limits.windows import Window

# The key outlives its window a little so a request at the boundary still finds its count.
_EXPIRY_SLACK_S = 60


@lru_cache(maxsize=8)
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def hit(url: str, rule_name: str, *, user_id: uuid.UUID, window: Window) -> int:
    """Count this request and return the total in the window, this one included."""
    key = f"coach:limit:{rule_name}:{user_id}:{window.index}"
    pipe = _client(url).pipeline(transaction=True)
    pipe.incr(key)
    pipe.expireat(key, int(window.end.timestamp()) + _EXPIRY_SLACK_S)
    count, _ = pipe.execute()
    return int(count)
