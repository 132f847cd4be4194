"""When the market aggregate runs: an arq cron job with Redis, an asyncio loop in embedded mode."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from arq.cron import CronJob, cron
from sqlalchemy.engine import Engine

from coach.market.aggregate import aggregate_market
from coach.settings import Settings
from storage.db import make_engine
from storage.types import utcnow

log = logging.getLogger(__name__)
CRON_NAME = "market_pulse"
# Sleeping in short steps and re-reading the wall clock keeps the schedule right after a laptop suspend,
# during which asyncio's monotonic clock stands still.
MAX_SLEEP_S = 900.0


def day_to_aggregate(now: datetime) -> date:
    """The run just after midnight summarises the day that has just ended."""
    return (now.astimezone(UTC) - timedelta(days=1)).date()


def next_run(now: datetime, hour: int) -> datetime:
    now = now.astimezone(UTC)
    today = datetime.combine(now.date(), time(hour), tzinfo=UTC)
    return today if now < today else today + timedelta(days=1)


async def aggregate_in_thread(engine: Engine, settings: Settings, day: date) -> int:
    return await asyncio.to_thread(aggregate_market, engine, day=day, settings=settings)


async def run_daily(
    engine: Engine,
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utcnow,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
) -> None:
    """Embedded mode's scheduler: catch up on yesterday at start, then run daily at MARKET_RUN_HOUR_UTC."""
    await _run_safely(engine, settings, day_to_aggregate(clock()))
    due = next_run(clock(), settings.MARKET_RUN_HOUR_UTC)
    while True:
        remaining = (due - clock()).total_seconds()
        if remaining > 0:
            await sleep(min(remaining, MAX_SLEEP_S))
            continue
        await _run_safely(engine, settings, day_to_aggregate(clock()))
        due = next_run(clock(), settings.MARKET_RUN_HOUR_UTC)


async def _run_safely(engine: Engine, settings: Settings, day: date) -> None:
    # One bad night must not end the schedule: log it and try again tomorrow.
    try:
        await aggregate_in_thread(engine, settings, day)
    except Exception:
        log.exception("market aggregation for %s failed", day)


def market_cron_jobs(settings: Settings) -> list[CronJob]:
    """arq cron jobs for the worker; pass `timezone=UTC` to the Worker so the hour means UTC."""

    async def market_pulse_job(ctx: dict[str, Any]) -> int:
        engine = make_engine(settings.DATABASE_URL)
        try:
            return await aggregate_in_thread(engine, settings, day_to_aggregate(utcnow()))
        finally:
            engine.dispose()

    return [
        cron(
            market_pulse_job,
            name=CRON_NAME,
            hour={settings.MARKET_RUN_HOUR_UTC},
            minute={0},
            second={0},
            unique=True,
            timeout=600,
        )
    ]
