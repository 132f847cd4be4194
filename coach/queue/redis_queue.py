"""The production queue: arq on Redis. Jobs stay in Redis until a worker finishes them, so they survive restarts."""

from __future__ import annotations

import uuid
from typing import Any

from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from arq.worker import func

from coach.settings import Settings

ANALYZE = "analyze_session_job"
JOB_TIMEOUT_S = 120  # after a worker dies, arq hands its job to another once this passes


def redis_settings(url: str) -> RedisSettings:
    return RedisSettings.from_dsn(url)


class ArqQueue:
    def __init__(self, url: str) -> None:
        self.url = url
        self.pool: ArqRedis | None = None

    async def start(self) -> None:
        self.pool = await create_pool(redis_settings(self.url))

    async def stop(self) -> None:
        if self.pool is not None:
            await self.pool.aclose()

    async def enqueue(self, job_id: uuid.UUID, *, delay_s: float = 0.0) -> None:
        assert self.pool is not None, "queue not started"
        # One arq job id per attempt window, so a retry is not swallowed as a duplicate of the finished try.
        key = f"analysis:{job_id}:{int(delay_s * 1000)}"
        await self.pool.enqueue_job(ANALYZE, str(job_id), _job_id=key, _defer_by=delay_s or None)


def worker_settings(settings: Settings, run: Any, on_startup: Any = None) -> dict[str, Any]:
    """Keyword arguments for arq.Worker running the analysis function."""

    async def analyze_session_job(ctx: dict[str, Any], job_id: str) -> None:
        await run(uuid.UUID(job_id))

    return {
        "functions": [func(analyze_session_job, name=ANALYZE)],
        "redis_settings": redis_settings(settings.REDIS_URL or ""),
        "job_timeout": JOB_TIMEOUT_S,
        "max_tries": 5,
        "on_startup": on_startup,
        "handle_signals": False,
    }
