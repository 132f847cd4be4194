"""Counting from the database rows the product writes, and from Redis when configured."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from coach.limits.check import LimitExceeded, check_limit
from coach.limits.rules import RULES
from coach.settings import Settings
from storage.db import make_engine
from storage.models import Drill, User

DRILLS = RULES["drill_generations_per_day"]


@pytest.fixture
def db(settings: Settings):  # type: ignore[no-untyped-def]
    engine = make_engine(settings.DATABASE_URL)
    with Session(engine) as session:
        yield session
    engine.dispose()


def _user(db: Session) -> uuid.UUID:
    user = User(email=f"{uuid.uuid4().hex[:8]}@example.com", hashed_password="x")
    db.add(user)
    db.commit()
    return user.id


def _generation(db: Session, user_id: uuid.UUID, at: datetime, n: int = 3) -> None:
    # As the drills route writes them: one generation, one timestamp for all its drills.
    db.add_all(
        [Drill(user_id=user_id, dimension="structure", question=f"Q{i}", created_at=at) for i in range(n)]
    )
    db.commit()


def test_drill_generations_count_generations_not_drills(db: Session, settings: Settings) -> None:
    settings = settings.model_copy(update={"LIMIT_DRILL_GENERATIONS_PER_DAY": 2})
    user_id, now = _user(db), datetime.now(UTC)
    _generation(db, user_id, now - timedelta(seconds=5))
    check_limit(DRILLS, user_id=user_id, settings=settings, session=db, now=now)  # 3 drills, 1 generation
    _generation(db, user_id, now - timedelta(seconds=1))
    with pytest.raises(LimitExceeded) as exc:
        check_limit(DRILLS, user_id=user_id, settings=settings, session=db, now=now)
    assert str(exc.value) == "Rate limit exceeded: 2 drill generations per day."


def test_yesterdays_use_does_not_count_today(db: Session, settings: Settings) -> None:
    settings = settings.model_copy(update={"LIMIT_DRILL_GENERATIONS_PER_DAY": 1})
    user_id, now = _user(db), datetime(2026, 5, 5, 0, 0, 10, tzinfo=UTC)
    _generation(db, user_id, now - timedelta(seconds=20))
    check_limit(DRILLS, user_id=user_id, settings=settings, session=db, now=now)


def test_zero_switches_a_limit_off(db: Session, settings: Settings) -> None:
    settings = settings.model_copy(update={"LIMIT_DRILL_GENERATIONS_PER_DAY": 0})
    user_id, now = _user(db), datetime.now(UTC)
    for k in range(3):
        _generation(db, user_id, now - timedelta(seconds=k + 1))
    check_limit(DRILLS, user_id=user_id, settings=settings, session=db, now=now)


def test_redis_window_counts_each_request_and_reports_when_it_frees(
    db: Session, settings: Settings, redis_url: str
) -> None:
    settings = settings.model_copy(update={"REDIS_URL": redis_url, "LIMIT_DRILL_GENERATIONS_PER_DAY": 2})
    user_id, now = _user(db), datetime.now(UTC)
    _generation(db, user_id, now - timedelta(seconds=1))  # the database is not what Redis counts
    check_limit(DRILLS, user_id=user_id, settings=settings, session=db, now=now)
    check_limit(DRILLS, user_id=user_id, settings=settings, session=db, now=now)
    with pytest.raises(LimitExceeded) as exc:
        check_limit(DRILLS, user_id=user_id, settings=settings, session=db, now=now)
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    assert exc.value.retry_after == math.ceil((midnight - now).total_seconds())
    check_limit(DRILLS, user_id=user_id, settings=settings, session=db, now=midnight)


def test_unreachable_redis_falls_back_to_the_database(db: Session, settings: Settings) -> None:
    settings = settings.model_copy(
        update={"REDIS_URL": "redis://127.0.0.1:1/0", "LIMIT_DRILL_GENERATIONS_PER_DAY": 1}
    )
    user_id, now = _user(db), datetime.now(UTC)
    _generation(db, user_id, now - timedelta(seconds=1))
    with pytest.raises(LimitExceeded):
        check_limit(DRILLS, user_id=user_id, settings=settings, session=db, now=now)
