"""`coach worker`: arq workers for the analysis queue and the daily market aggregate when REDIS_URL is set."""

from __future__ import annotations

import asyncio
from datetime import UTC
from typing import Any

from arq.worker import Worker

from coach.market.schedule import market_cron_jobs
from coach.queue import records
from coach.queue.redis_queue import ArqQueue, worker_settings
from coach.sessions.analyze import AnalysisRunner
from coach.settings import Settings
from storage.db import make_engine


def build_worker(settings: Settings, *, burst: bool = False) -> Worker:
    engine = make_engine(settings.DATABASE_URL)
    queue = ArqQueue(settings.REDIS_URL or "")
    runner = AnalysisRunner(engine, settings, requeue=queue.enqueue)

    async def on_startup(ctx: dict[str, Any]) -> None:
        # Rows the database still calls pending (e.g. queued while Redis was away) are queued again.
        await queue.start()
        for job_id in await asyncio.to_thread(records.active_job_ids, engine):
            await queue.enqueue(job_id)

    # The daily market aggregate runs as an arq cron job: unique across workers, hour read in UTC.
    return Worker(**worker_settings(settings, runner, on_startup), cron_jobs=market_cron_jobs(settings),
                  timezone=UTC, burst=burst)
