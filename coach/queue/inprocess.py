"""The embedded queue: an asyncio loop inside the companion that runs due jobs from the database.

Because the rows are the queue, a job survives a restart: on start, work a dead process left behind is picked up.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable

import structlog
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from coach.queue import records
from storage.models import AnalysisJob
from storage.types import utcnow

log = structlog.get_logger("queue")
Runner = Callable[[uuid.UUID], Awaitable[None]]


class InProcessQueue:
    def __init__(self, engine: Engine, run: Runner, *, poll_s: float = 1.0) -> None:
        self.engine, self.run, self.poll_s = engine, run, poll_s
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        await asyncio.to_thread(records.recover_interrupted, self.engine)
        self._task = asyncio.create_task(self._loop(), name="analysis-queue")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def enqueue(self, job_id: uuid.UUID, *, delay_s: float = 0.0) -> None:
        self._wake.set()

    async def _loop(self) -> None:
        while True:
            for job_id in await asyncio.to_thread(self._due):
                try:
                    await self.run(job_id)
                except Exception:  # the runner records failures itself; never let the loop die
                    log.exception("analysis job crashed", job_id=str(job_id))
            self._wake.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_s)

    def _due(self) -> list[uuid.UUID]:
        with Session(self.engine) as db:
            stmt = select(AnalysisJob.id).where(
                AnalysisJob.status == "PENDING",
                (AnalysisJob.next_attempt_at.is_(None)) | (AnalysisJob.next_attempt_at <= utcnow()),
            )
            return list(db.exec(stmt.order_by(AnalysisJob.created_at)))
