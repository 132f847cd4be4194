"""The daily run: after 02:00 UTC it summarises the day that ended; arq runs it with Redis."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from arq.worker import Worker
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from coach.market.schedule import market_cron_jobs, next_run, run_daily
from coach.queue.redis_queue import redis_settings
from coach.settings import Settings
from storage.models import MarketStat
from tests.coach.market.jobs import save_as_new_user


def _stat_days(client: TestClient) -> list:  # type: ignore[type-arg]
    with Session(client.app.state.engine) as session:
        return sorted(session.exec(select(MarketStat.date)))


def _three_users_save_a_job(client: TestClient) -> None:
    for _ in range(3):
        save_as_new_user(client, "Registered Nurse", "Boston", "$45 - $55 per hour", ["Patient care"])


def test_next_run_is_the_coming_two_oclock_utc() -> None:
    assert next_run(datetime(2026, 3, 1, 13, 5, tzinfo=UTC), 2) == datetime(2026, 3, 2, 2, tzinfo=UTC)
    assert next_run(datetime(2026, 3, 1, 1, 59, tzinfo=UTC), 2) == datetime(2026, 3, 1, 2, tzinfo=UTC)
    berlin_morning = datetime(2026, 3, 1, 2, 30, tzinfo=UTC).astimezone()
    assert next_run(berlin_morning, 2) == datetime(2026, 3, 2, 2, tzinfo=UTC)


class _FakeClock:
    """Wall-clock time that moves only when the scheduler sleeps; stops the loop after `until`."""

    def __init__(self, start: datetime, until: datetime) -> None:
        self.now, self.until, self.sleeps = start, until, []  # type: ignore[var-annotated]

    def __call__(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)
        if self.now > self.until:
            raise asyncio.CancelledError


async def test_embedded_loop_catches_up_then_runs_each_night(client: TestClient, settings: Settings) -> None:
    _three_users_save_a_job(client)
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    clock = _FakeClock(today, until=today + timedelta(days=1, hours=15))
    with pytest.raises(asyncio.CancelledError):
        await run_daily(client.app.state.engine, settings, clock=clock, sleep=clock.sleep)
    # Started at noon: yesterday at once (no jobs yet then, so no rows), today at 02:00 tomorrow.
    assert _stat_days(client) == [today.date()]
    assert max(clock.sleeps) <= 900  # short naps, so a suspended laptop still wakes on time
    assert sum(clock.sleeps) >= 14 * 3600


async def test_arq_cron_job_aggregates_yesterday(settings: Settings, redis_url: str) -> None:
    settings = settings.model_copy(update={"REDIS_URL": redis_url})
    with TestClient(_app(settings)) as client:
        _three_users_save_a_job(client)
        [job] = market_cron_jobs(settings)
        assert (job.hour, job.minute) == ({2}, {0})
        job.next_run = datetime.now(UTC)  # due now, instead of waiting for 02:00
        worker = Worker(cron_jobs=[job], redis_settings=redis_settings(redis_url), burst=True, timezone=UTC,
                        handle_signals=False, queue_name=f"market-test-{uuid.uuid4().hex}", poll_delay=0.05)
        await worker.async_run()
        await worker.close()
        assert worker.jobs_complete == 1 and worker.jobs_failed == 0
        # The saved jobs are today's, so yesterday's aggregate has nothing to publish; today's run would.
        assert _stat_days(client) == []


def _app(settings: Settings):  # type: ignore[no-untyped-def]
    from api.main import create_app

    return create_app(settings)
