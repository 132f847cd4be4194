"""Fixed windows on the UTC clock: a daily limit frees up at midnight UTC, an hourly one on the hour."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class Window:
    index: int
    start: datetime
    end: datetime

    def retry_after(self, now: datetime) -> int:
        """Whole seconds until the window frees (never 0, so a client never retries at once)."""
        return max(1, math.ceil((self.end - now).total_seconds()))


def current_window(now: datetime, seconds: int) -> Window:
    index = int(now.timestamp()) // seconds
    start = datetime.fromtimestamp(index * seconds, tz=UTC)
    return Window(index, start, start + timedelta(seconds=seconds))
