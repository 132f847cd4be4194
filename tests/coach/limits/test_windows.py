from __future__ import annotations

from datetime import UTC, datetime

from coach.limits.rules import DAY, HOUR
from coach.limits.windows import current_window


def test_a_daily_window_frees_at_midnight_utc() -> None:
    now = datetime(2026, 5, 4, 23, 59, 30, tzinfo=UTC)
    window = current_window(now, DAY)
    assert window.start == datetime(2026, 5, 4, tzinfo=UTC)
    assert window.retry_after(now) == 30


def test_an_hourly_window_frees_on_the_hour_and_never_says_zero() -> None:
    assert (
        current_window(datetime(2026, 5, 4, 10, 15, tzinfo=UTC), HOUR).retry_after(
            datetime(2026, 5, 4, 10, 15, tzinfo=UTC)
        )
        == 2700
    )
    nearly = datetime(2026, 5, 4, 10, 59, 59, 999000, tzinfo=UTC)
    assert current_window(nearly, HOUR).retry_after(nearly) == 1


def test_consecutive_windows_have_distinct_indexes() -> None:
    a = current_window(datetime(2026, 5, 4, 23, 59, tzinfo=UTC), DAY)
    b = current_window(datetime(2026, 5, 5, 0, 1, tzinfo=UTC), DAY)
    assert b.index == a.index + 1 and b.start == a.end
