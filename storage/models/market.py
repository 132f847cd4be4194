from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from storage.types import created_field, id_field, json_field


class MarketStat(SQLModel, table=True):
    """One day's published aggregate of saved jobs for a (role, location); never tied to a user."""

    __tablename__ = "market_stats"
    __table_args__ = (
        sa.UniqueConstraint("date", "role", "location", name="uq_market_stats_date_role_location"),
        sa.Index("ix_market_stats_role_location_date", "role", "location", "date"),
    )

    id: uuid.UUID = id_field()
    date: dt.date = Field(sa_type=sa.Date, nullable=False)
    role: str = Field(max_length=120)
    location: str = Field(max_length=120)
    avg_salary_min: int | None = None
    avg_salary_max: int | None = None
    currency: str | None = Field(default=None, max_length=3)
    salary_samples: int = 0
    top_skills: list[dict[str, Any]] = json_field(default_factory=list)  # [{"skill": "Python", "count": 4}]
    job_count: int = 0
    user_count: int = 0
    created_at: dt.datetime = created_field()
    updated_at: dt.datetime = created_field()
