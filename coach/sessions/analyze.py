"""Running one analysis job: score the transcript, store the feedback, update career memory and readiness.

It reads the transcript and never writes to it, so a failed analysis leaves the session exactly as it was.
What the LLM pass costs is written to the usage records, the per-user cost feed that the daily cap reads.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, time
from typing import Any

import structlog
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from coach.analysis.analyzer import analyze_session
from coach.analysis.cost import session_cost
from coach.analysis.models import SessionAnalysis
from coach.interview.kits import role_kit_for
from coach.interview.schema import InterviewPlan, TranscriptTurn
from coach.memory.patterns import update_skill_patterns
from coach.memory.readiness import readiness
from coach.queue import records
from coach.sessions.lifecycle import can_move
from coach.settings import Settings
from storage.models import (
    AnalysisJob,
    InterviewAnalysis,
    InterviewPlanRecord,
    InterviewSession,
    JobTarget,
    UsageRecord,
    UserSkillPattern,
)
from storage.queries import sessions as session_q
from storage.types import utcnow

log = structlog.get_logger("analysis")


class AnalysisRunner:
    """Called by whichever queue is active with a job id; records its own success or failure."""

    def __init__(self, engine: Engine, settings: Settings, *, requeue=None) -> None:  # type: ignore[no-untyped-def]
        self.engine, self.settings, self.requeue = engine, settings, requeue

    async def __call__(self, job_id: uuid.UUID) -> None:
        job = await asyncio.to_thread(records.claim, self.engine, job_id)
        if job is None:
            return
        try:
            await self._run(job)
        except Exception as exc:
            log.warning("analysis attempt failed", job_id=str(job_id), attempt=job.attempts, error=repr(exc))
            delay = await asyncio.to_thread(records.fail, self.engine, job_id, f"{type(exc).__name__}: {exc}")
            await asyncio.to_thread(self._after_failure, job.session_id, delay)
            if delay is not None and self.requeue is not None:
                await self.requeue(job_id, delay_s=delay)
            return
        await asyncio.to_thread(records.finish, self.engine, job_id)

    async def _run(self, job: AnalysisJob) -> None:
        plan, turns, jd_parsed, session_row = await asyncio.to_thread(self._load, job.session_id)
        await asyncio.to_thread(self._move, job.session_id, "analysis")
        await asyncio.to_thread(records.progress, self.engine, job.id, 30)
        analysis = await self._analyze(plan, turns, jd_parsed, session_row.user_id)
        await asyncio.to_thread(records.progress, self.engine, job.id, 70)
        await asyncio.to_thread(self._store, session_row, plan, analysis, jd_parsed)

    async def _analyze(
        self, plan: InterviewPlan, turns: list[TranscriptTurn], jd: dict | None, user_id: uuid.UUID
    ) -> SessionAnalysis:
        if not self.settings.llm_enabled:
            return analyze_session(plan, turns, jd_parsed=jd)
        from openai import AsyncOpenAI

        from coach.analysis.llm import analyze_session_llm

        cap = self.settings.ANALYSIS_DAILY_COST_CAP_USD
        spent = await asyncio.to_thread(spent_today, self.engine, user_id) if cap > 0 else 0.0
        client = AsyncOpenAI(base_url=self.settings.LLM_BASE_URL, api_key=self.settings.LLM_API_KEY or "none")
        return await analyze_session_llm(plan, turns, client=client, model=self.settings.LLM_MODEL or "",
                                         jd_parsed=jd, spent_today=spent, daily_cap=cap)

    def _load(self, session_id: uuid.UUID) -> tuple[InterviewPlan, list[TranscriptTurn], dict | None, Any]:
        with Session(self.engine) as db:
            row = db.get(InterviewSession, session_id)
            if row is None:
                raise LookupError(f"session {session_id} no longer exists")
            plan = InterviewPlan.model_validate(db.get(InterviewPlanRecord, row.plan_id).plan)
            turns = [to_turn(t) for t in session_q.turns(db, session_id=session_id)]
            job = db.get(JobTarget, row.job_target_id) if row.job_target_id else None
            db.expunge(row)
            return plan, turns, (job.jd_parsed if job else None), row

    def _move(self, session_id: uuid.UUID, state: str, reason: str | None = None) -> None:
        with Session(self.engine) as db:
            row = db.get(InterviewSession, session_id)
            if row is not None and can_move(row.state, state):
                session_q.set_state(db, row=row, state=state, reason=reason)

    def _after_failure(self, session_id: uuid.UUID, delay: float | None) -> None:
        if delay is None:  # out of attempts: the transcript stays available, analysis can be re-run
            self._move(session_id, "transcript", "analysis_failed")

    def _store(
        self, row: InterviewSession, plan: InterviewPlan, analysis: SessionAnalysis, jd: dict | None
    ) -> None:
        with Session(self.engine) as db:
            weights = _rubric_weights(plan.role_kit)
            history = _job_history(db, row)
            before = after = None
            if row.job_target_id:
                before = readiness(history, rubric_weights=weights, jd_parsed=jd)
                after = readiness([*history, analysis], rubric_weights=weights, jd_parsed=jd)
            usage = analysis.usage
            stmt = select(InterviewAnalysis).where(InterviewAnalysis.session_id == row.id)
            existing = db.exec(stmt).first()
            record = existing or InterviewAnalysis(session_id=row.id, user_id=row.user_id, overall_score=0)
            record.job_target_id = row.job_target_id
            record.overall_score = analysis.overall_score
            record.result = analysis.model_dump(mode="json")
            record.readiness_before = before.model_dump(mode="json") if before else None
            record.readiness_after = after.model_dump(mode="json") if after else None
            record.generated_by = analysis.enriched_by
            record.cost_usd = session_cost(usage) if usage else 0.0
            record.created_at = utcnow()
            db.add(record)
            _update_patterns(db, row.user_id, analysis)
            live = db.get(InterviewSession, row.id)
            # Everything this session has cost so far (voice, earlier analysis runs) plus this run.
            live.cost_usd = round(_recorded_cost(db, row.id) + record.cost_usd, 4)
            db.add(live)
            for item in usage:
                db.add(_usage_row(row, item))
            db.commit()
        self._move(row.id, "results")


def to_turn(record: Any) -> TranscriptTurn:
    return TranscriptTurn(
        seq=record.seq, role=record.role, kind=record.kind, text=record.text, question_id=record.question_id,
        started_at=record.started_at, ended_at=record.ended_at, interrupted=record.interrupted,
        metrics=record.metrics,
    )


def _rubric_weights(kit_id: str) -> dict[str, float]:
    return {c.name: c.weight for c in role_kit_for(kit_id).competencies}


def _job_history(db: Session, row: InterviewSession) -> list[dict]:
    if row.job_target_id is None:
        return []
    stmt = (
        select(InterviewAnalysis)
        .where(InterviewAnalysis.job_target_id == row.job_target_id, InterviewAnalysis.session_id != row.id)
        .order_by(InterviewAnalysis.created_at)
    )
    return [{**a.result, "created_at": a.created_at.isoformat()} for a in db.exec(stmt)]


def _update_patterns(db: Session, user_id: uuid.UUID, analysis: SessionAnalysis) -> None:
    stmt = select(UserSkillPattern).where(UserSkillPattern.user_id == user_id)
    rows = {r.dimension: r for r in db.exec(stmt)}
    existing = [
        {"dimension": r.dimension, "occurrences": r.occurrences, "trend": r.trend,
         "recent_scores": r.recent_scores, "last_seen": r.last_seen.isoformat() if r.last_seen else None}
        for r in rows.values()
    ]
    for p in update_skill_patterns(existing, analysis, now=utcnow()):
        row = rows.get(p["dimension"]) or UserSkillPattern(user_id=user_id, dimension=p["dimension"])
        row.occurrences, row.trend, row.recent_scores = p["occurrences"], p["trend"], p["recent_scores"]
        row.last_seen = _parse_ts(p.get("last_seen"))
        row.updated_at = utcnow()
        db.add(row)


def _parse_ts(value: str | None):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime.fromisoformat(value) if value else None


def _recorded_cost(db: Session, session_id: uuid.UUID) -> float:
    return sum(u.cost_usd for u in session_q.usage(db, session_id=session_id))


def _usage_row(row: InterviewSession, item: dict) -> UsageRecord:
    tokens = int(item.get("input_tokens", 0)) + int(item.get("output_tokens", 0))
    return UsageRecord(
        user_id=row.user_id,
        session_id=row.id,
        provider=f"{item.get('provider', 'unknown')}:{item.get('model', '')}"[:64],
        metric=f"{item.get('purpose', 'analysis')}_llm_tokens"[:32],
        value=float(tokens),
        cost_usd=session_cost([item]),
    )


def spent_today(engine: Engine, user_id: uuid.UUID, *, now: datetime | None = None) -> float:
    """The user's recorded spend since midnight UTC, in USD."""
    midnight = datetime.combine((now or utcnow()).astimezone(UTC).date(), time.min, tzinfo=UTC)
    with Session(engine) as db:
        stmt = select(func.coalesce(func.sum(UsageRecord.cost_usd), 0.0)).where(
            UsageRecord.user_id == user_id, UsageRecord.at >= midnight
        )
        return float(db.exec(stmt).one())
