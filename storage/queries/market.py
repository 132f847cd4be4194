"""Market stats: reading saved jobs for aggregation, upserting a day's groups, reading series back."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from storage.models import JobTarget, MarketStat
from storage.types import utcnow

_UPDATABLE = (
    "avg_salary_min",
    "avg_salary_max",
    "currency",
    "salary_samples",
    "top_skills",
    "job_count",
    "user_count",
    "updated_at",
)


@dataclass(frozen=True)
class SavedJob:
    id: uuid.UUID
    user_id: uuid.UUID
    job_url: str | None
    role_title: str | None
    location: str | None
    jd_parsed: dict[str, Any]


def jobs_saved_between(session: Session, start: datetime, end: datetime) -> list[SavedJob]:
    """Every user's jobs saved in [start, end): the raw input of one day's market aggregate."""
    cols = (
        JobTarget.id,
        JobTarget.user_id,
        JobTarget.job_url,
        JobTarget.role_title,
        JobTarget.location,
        JobTarget.jd_parsed,
    )
    stmt = select(*cols).where(JobTarget.created_at >= start, JobTarget.created_at < end)
    return [SavedJob(*row) for row in session.exec(stmt)]


def replace_day(session: Session, day: date, rows: Sequence[dict[str, Any]]) -> None:
    """Upsert the day's groups and drop groups published earlier that day but no longer eligible."""
    now = utcnow()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    for row in rows:
        values = {**row, "id": uuid.uuid4(), "date": day, "created_at": now, "updated_at": now}
        stmt = insert(MarketStat).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["date", "role", "location"],
            set_={name: getattr(stmt.excluded, name) for name in _UPDATABLE},
        )
        session.execute(stmt)
    _delete_stale(session, day, {(r["role"], r["location"]) for r in rows})
    session.commit()


def _delete_stale(session: Session, day: date, keep: set[tuple[str, str]]) -> None:
    stmt = sa.delete(MarketStat).where(MarketStat.date == day)
    if keep:
        stmt = stmt.where(sa.tuple_(MarketStat.role, MarketStat.location).not_in(list(keep)))
    session.execute(stmt)


def series(session: Session, *, role: str, location: str | None, since: date) -> list[MarketStat]:
    conds = [MarketStat.role == role, MarketStat.date >= since]
    if location is not None:
        conds.append(MarketStat.location == location)
    stmt = select(MarketStat).where(*conds).order_by(MarketStat.location, MarketStat.date)
    return list(session.exec(stmt))


def latest_day(session: Session, *, role: str, location: str | None) -> list[MarketStat]:
    """The rows of the most recent aggregated day for the role (one per location, or the one asked for)."""
    conds = [MarketStat.role == role]
    if location is not None:
        conds.append(MarketStat.location == location)
    last = session.exec(select(sa.func.max(MarketStat.date)).where(*conds)).one()
    if last is None:
        return []
    return list(session.exec(select(MarketStat).where(*conds, MarketStat.date == last)))
