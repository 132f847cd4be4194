"""The daily run: at 02:00 UTC it summarises the day that has just ended; with Redis, arq runs it."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from arq.worker import Worker
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from coach.market.schedule import CRON_NAME, next_run, run_daily
from coach.queue.worker import build_worker
from coach.queue.redis_queue import redis_settings
from coach.settings import Settings
from storage.models import JobTarget, MarketStat
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
    # Started at noon: yesterday at once (no jobs yet then, so no row), today at 02:00 tomorrow, tomorrow
    # at 02:00 the day after (today's jobs are still inside the window).
    assert _stat_days(client) == [today.date(), today.date() + timedelta(days=1)]
    assert max(clock.sleeps) <= 900  # short naps, so a suspended laptop still wakes on time


async def test_arq_cron_job_aggregates_yesterday(settings: Settings, redis_url: str) -> None:
    settings = settings.model_copy(update={"REDIS_URL": redis_url})
    with TestClient(_app(settings)) as client:
        _three_users_save_a_job(client)
        _move_saved_jobs_back_a_day(client)
        product_worker = build_worker(settings, burst=True)  # what `coach worker` runs
        [job] = [j for j in product_worker.cron_jobs if j.name == CRON_NAME]
        assert (job.hour, job.minute) == ({2}, {0}) and product_worker.timezone == UTC
        job.next_run = datetime.now(UTC)  # due now, instead of waiting for 02:00
        worker = Worker(
            cron_jobs=[job],
            redis_settings=redis_settings(redis_url),
            burst=True,
            timezone=UTC,
            handle_signals=False,
            queue_name=f"market-test-{uuid.uuid4().hex}",
            poll_delay=0.05,
        )
        await worker.async_run()
        await worker.close()
        assert worker.jobs_complete == 1 and worker.jobs_failed == 0
        assert _stat_days(client) == [(datetime.now(UTC) - timedelta(days=1)).date()]


def test_the_companion_without_redis_catches_up_on_yesterday_when_it_starts(settings: Settings) -> None:
    settings = settings.model_copy(update={"MARKET_SCHEDULE_EMBEDDED": True})
    with TestClient(_app(settings)) as client:
        _three_users_save_a_job(client)
        _move_saved_jobs_back_a_day(client)
    client.app.state.engine.dispose()
    with TestClient(_app(settings)) as client:  # a restart: the embedded schedule runs yesterday at once
        deadline = time.monotonic() + 10
        while not _stat_days(client) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _stat_days(client) == [(datetime.now(UTC) - timedelta(days=1)).date()]
    client.app.state.engine.dispose()


def _move_saved_jobs_back_a_day(client: TestClient) -> None:
    with Session(client.app.state.engine) as session:
        session.execute(sa.update(JobTarget).values(created_at=datetime.now(UTC) - timedelta(days=1)))
        session.commit()


def _app(settings: Settings):  # type: ignore[no-untyped-def]
    from api.main import create_app

    return create_app(settings)
