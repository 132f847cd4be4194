"""`coach simulate`: a whole interview against a saved job or a JD file, with a scripted candidate."""

from __future__ import annotations

import uuid
from datetime import datetime

from coach.interview.planner import generate_plan
from coach.interview.schema import InterviewPlan, TranscriptTurn
from coach.interview.simulated import simulate_interview
from coach.jd.parser import parse_jd


def plan_for_jd(jd_text: str, *, title: str | None, interview_type: str, duration_min: int,
                company: str | None = None) -> InterviewPlan:
    parsed = parse_jd(jd_text, title=title, company=company).model_dump(mode="json")
    return generate_plan(role_kit=parsed.get("role_family") or "generic", interview_type=interview_type,  # type: ignore[arg-type]
                         duration_min=duration_min, jd_parsed=parsed, job_title=title or parsed.get("title"),
                         company_name=company)


def job_from_db(job_id: str) -> tuple[str, str | None, str | None]:
    from sqlmodel import Session

    from coach.settings import get_settings
    from storage.db import make_engine
    from storage.models import JobTarget

    with Session(make_engine(get_settings().DATABASE_URL)) as db:
        job = db.get(JobTarget, uuid.UUID(job_id))
        if job is None:
            raise LookupError(f"no job with id {job_id}")
        return job.jd_text or "", job.role_title, job.company_name


async def run_text(plan: InterviewPlan, qualities: list[str]) -> list[TranscriptTurn]:
    return await simulate_interview(plan, quality=qualities if len(qualities) > 1 else qualities[0])


def format_plan(plan: InterviewPlan) -> str:
    lines = [f"Plan: {plan.interview_type}, {plan.duration_min} min, {plan.role_kit} kit"
             + (f", {plan.job_title}" if plan.job_title else "")]
    for i, q in enumerate(plan.questions, 1):
        lines.append(f"  {i}. [{q.competency}, {q.time_budget_s}s] {q.text}")
        lines.append(f"     why: {q.rationale}")
    return "\n".join(lines)


def format_transcript(turns: list[TranscriptTurn]) -> str:
    start = turns[0].started_at if turns and turns[0].started_at else None
    out = []
    for t in turns:
        stamp = _mmss(t.started_at, start)
        who = "Interviewer" if t.role == "interviewer" else "Candidate  "
        tag = f" ({t.kind})" if t.kind in ("follow_up", "closing", "greeting") else ""
        out.append(f"[{stamp}] {who}{tag}: {t.text or '(silence)'}")
    return "\n".join(out)


def _mmss(at: datetime | None, start: datetime | None) -> str:
    if at is None or start is None:
        return "--:--"
    seconds = int((at - start).total_seconds())
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
