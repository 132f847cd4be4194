"""Market pulse: salary and demand trends and in-demand skills for a role, from k-anonymous aggregates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from api.deps import CurrentUser, SessionDep
from api.limits import require_feature
from coach.market.roles import normalise_location, normalise_role
from coach.market.views import series_by_location, skill_demand
from storage.queries import market as q
from storage.types import utcnow

router = APIRouter(prefix="/api/market", tags=["market"], dependencies=[require_feature("market")])

RoleQuery = Annotated[
    str, Query(min_length=1, max_length=200, description='Job title, e.g. "Senior Backend Engineer"')
]
LocationQuery = Annotated[
    str | None, Query(max_length=200, description='City or "Remote"; all locations if empty')
]


class TrendPoint(BaseModel):
    date: date
    job_count: int
    avg_salary_min: int | None
    avg_salary_max: int | None
    currency: str | None
    salary_samples: int


class TrendSeries(BaseModel):
    location: str
    points: list[TrendPoint]


class Trends(BaseModel):
    role: str
    location: str | None
    days: int
    series: list[TrendSeries]


class SkillDemand(BaseModel):
    skill: str
    count: int
    share: float


class Skills(BaseModel):
    role: str
    location: str | None
    date: date | None
    job_count: int
    skills: list[SkillDemand]


def _keys(role: str, location: str | None) -> tuple[str, str | None]:
    key = normalise_role(role)
    if key is None:
        raise HTTPException(422, f"role: {role!r} does not name a job role.")
    return key, normalise_location(location) if location and location.strip() else None


@router.get("/trends")
def trends(
    user: CurrentUser,
    session: SessionDep,
    role: RoleQuery,
    location: LocationQuery = None,
    days: Annotated[int, Query(ge=1, le=365)] = 30,
) -> Trends:
    """Daily job count and average yearly salary range for the role, one series per location."""
    role_key, location_key = _keys(role, location)
    since = utcnow().date() - timedelta(days=days - 1)
    rows = q.series(session, role=role_key, location=location_key, since=since)
    return Trends(role=role_key, location=location_key, days=days, series=series_by_location(rows))


@router.get("/skills")
def skills(
    user: CurrentUser,
    session: SessionDep,
    role: RoleQuery,
    location: LocationQuery = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Skills:
    """The latest day's most requested skills for the role, with the share of its jobs asking for each."""
    role_key, location_key = _keys(role, location)
    rows = q.latest_day(session, role=role_key, location=location_key)
    job_count, demand = skill_demand(rows, limit)
    day = rows[0].date if rows else None
    return Skills(role=role_key, location=location_key, date=day, job_count=job_count, skills=demand)
