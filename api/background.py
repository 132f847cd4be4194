"""Starting and stopping background work with the app: the analysis queue, voice, the market schedule."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlmodel import Session

from api.voice import VoiceHub, mark_orphaned_voice_sessions
from coach.market.schedule import run_daily
from coach.queue import records
from coach.queue.inprocess import InProcessQueue
from coach.sessions.analyze import AnalysisRunner
from storage.models import InterviewSession


def make_queue(app: FastAPI):  # type: ignore[no-untyped-def]
    settings, engine = app.state.settings, app.state.engine
    if settings.REDIS_URL:
        from coach.queue.redis_queue import ArqQueue

        return ArqQueue(settings.REDIS_URL)  # `coach worker` runs the jobs
    return InProcessQueue(engine, AnalysisRunner(engine, settings))


async def queue_analysis(app: FastAPI, session_id: uuid.UUID) -> tuple[object, bool]:
    engine = app.state.engine
    with Session(engine) as db:
        user_id = db.get(InterviewSession, session_id).user_id
    job, created = await asyncio.to_thread(records.create_job, engine, session_id=session_id, user_id=user_id)
    if created:
        await app.state.queue.enqueue(job.id)
    return job, created


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.queue = make_queue(app)
    await app.state.queue.start()

    async def on_session_ended(session_id: uuid.UUID) -> None:
        await queue_analysis(app, session_id)

    app.state.on_session_ended = on_session_ended
    await asyncio.to_thread(mark_orphaned_voice_sessions, app.state.engine)
    app.state.voice = VoiceHub(app)
    settings = app.state.settings
    if settings.FEATURE_MARKET and settings.MARKET_SCHEDULE_EMBEDDED and not settings.REDIS_URL:
        # Embedded mode schedules the daily market aggregate itself; with Redis, `coach worker` runs it as a cron job.
        app.state.market_schedule = asyncio.create_task(run_daily(app.state.engine, settings))
    if app.state.settings.VOICE_PRELOAD:
        app.state.preload = asyncio.create_task(app.state.voice.ready())
    try:
        yield
    finally:
        schedule = getattr(app.state, "market_schedule", None)
        if schedule is not None:
            schedule.cancel()
            await asyncio.gather(schedule, return_exceptions=True)
        await app.state.queue.stop()
        await app.state.bus.close()
        voice = getattr(app.state, "voice", None)
        if voice is not None:
            await voice.shutdown()
