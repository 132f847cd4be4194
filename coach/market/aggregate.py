"""The daily market aggregate: saved jobs grouped by (role, location), published only when k-anonymous.

Privacy rule: every published number must come from jobs saved by at least K distinct users
(MARKET_MIN_USERS). A group below K is not stored; within a stored group, the salary average and each
listed skill must also rest on K users, so no figure is one candidate's job in disguise.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from coach.market.roles import normalise_location, normalise_role
from coach.market.salary import YearlyPay, yearly_pay
from coach.settings import Settings, get_settings
from storage.queries import market as q
from storage.queries.market import SavedJob

log = logging.getLogger(__name__)


@dataclass
class Posting:
    """One job ad; the same URL saved by several candidates is one posting with several users."""

    role: str
    location: str
    pay: YearlyPay | None
    skills: dict[str, str]  # casefolded -> as written
    users: set[uuid.UUID] = field(default_factory=set)


def aggregate_market(engine: Engine, *, day: date, settings: Settings | None = None) -> int:
    """Recompute and upsert `day`'s stats from the jobs saved in the window up to it; returns rows stored."""
    settings = settings or get_settings()
    start, end = window(day, settings.MARKET_WINDOW_DAYS)
    with Session(engine) as session:
        jobs = q.jobs_saved_between(session, start, end)
        groups = group_postings(jobs)
        rows = [
            row
            for key, postings in sorted(groups.items())
            if (row := group_row(key, postings, settings)) is not None
        ]
        q.replace_day(session, day, rows)
    log.info(
        "market stats for %s: %d jobs, %d of %d groups published", day, len(jobs), len(rows), len(groups)
    )
    return len(rows)


def window(day: date, days: int) -> tuple[datetime, datetime]:
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
    return end - timedelta(days=days), end


def group_postings(jobs: list[SavedJob]) -> dict[tuple[str, str], list[Posting]]:
    postings: dict[tuple[str, str, str], Posting] = {}
    for job in jobs:
        parsed = job.jd_parsed or {}
        role = normalise_role(parsed.get("title") or job.role_title)
        if role is None:
            continue
        location = normalise_location(job.location, parsed.get("remote"))
        posting = postings.setdefault(
            (role, location, job.job_url or str(job.id)), _posting(role, location, parsed)
        )
        posting.users.add(job.user_id)
    groups: dict[tuple[str, str], list[Posting]] = defaultdict(list)
    for posting in postings.values():
        groups[(posting.role, posting.location)].append(posting)
    return groups


def _posting(role: str, location: str, parsed: dict[str, Any]) -> Posting:
    names = [*parsed.get("hard_skills", []), *parsed.get("tools", [])]
    skills = {str(n).casefold(): str(n) for n in reversed(names) if str(n).strip()}
    return Posting(role, location, yearly_pay(parsed.get("salary")), skills)


def group_row(key: tuple[str, str], postings: list[Posting], settings: Settings) -> dict[str, Any] | None:
    k = settings.MARKET_MIN_USERS
    users = _users(postings)
    if len(users) < k:
        return None
    role, location = key
    return {
        "role": role,
        "location": location,
        "job_count": len(postings),
        "user_count": len(users),
        **salary_summary(key, postings, k),
        "top_skills": top_skills(postings, k, settings.MARKET_TOP_SKILLS),
    }


def salary_summary(key: tuple[str, str], postings: list[Posting], k: int) -> dict[str, Any]:
    """Average yearly range in one currency: the one most candidates' jobs pay in (others are left out)."""
    by_currency: dict[str, list[Posting]] = defaultdict(list)
    for posting in postings:
        if posting.pay is not None:
            by_currency[posting.pay.currency].append(posting)
    if not by_currency:
        return _NO_SALARY
    currency = min(by_currency, key=lambda c: (-len(_users(by_currency[c])), -len(by_currency[c]), c))
    used = [p.pay for p in by_currency[currency] if p.pay]
    if left_out := sum(len(group) for group in by_currency.values()) - len(used):
        log.info("market %s/%s: %d salaries not in %s left out of the average", *key, left_out, currency)
    if len(_users(by_currency[currency])) < k:
        return _NO_SALARY
    return {
        "avg_salary_min": round(sum(pay.low for pay in used) / len(used)),
        "avg_salary_max": round(sum(pay.high for pay in used) / len(used)),
        "currency": currency,
        "salary_samples": len(used),
    }


_NO_SALARY: dict[str, Any] = {
    "avg_salary_min": None,
    "avg_salary_max": None,
    "currency": None,
    "salary_samples": 0,
}


def _users(postings: list[Posting]) -> set[uuid.UUID]:
    return set().union(*(p.users for p in postings))


def top_skills(postings: list[Posting], k: int, limit: int) -> list[dict[str, Any]]:
    """Skills by how many postings ask for them; a skill fewer than K candidates' jobs name is left out."""
    counts: Counter[str] = Counter()
    users: dict[str, set[uuid.UUID]] = defaultdict(set)
    names: dict[str, str] = {}
    for posting in postings:
        for folded, name in posting.skills.items():
            counts[folded] += 1
            users[folded] |= posting.users
            names.setdefault(folded, name)
    ranked = sorted(
        (s for s in counts if len(users[s]) >= k), key=lambda s: (-counts[s], names[s].casefold())
    )
    return [{"skill": names[s], "count": counts[s]} for s in ranked[:limit]]
