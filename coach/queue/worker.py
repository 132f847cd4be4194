"""`coach worker`: arq workers for the analysis queue when REDIS_URL is set."""

from __future__ import annotations

import asyncio
from typing import Any

from arq.worker import Worker

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

    return Worker(**worker_settings(settings, runner, on_startup), burst=burst)
