"""Reading published market stats back as trend points and skill demand."""

from __future__ import annotations

from collections import Counter
from typing import Any

from storage.models import MarketStat


def trend_point(row: MarketStat) -> dict[str, Any]:
    return {
        "date": row.date,
        "job_count": row.job_count,
        "avg_salary_min": row.avg_salary_min,
        "avg_salary_max": row.avg_salary_max,
        "currency": row.currency,
        "salary_samples": row.salary_samples,
    }


def series_by_location(rows: list[MarketStat]) -> list[dict[str, Any]]:
    """One time series per location, in date order (rows arrive ordered by location, then date)."""
    series: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        series.setdefault(row.location, []).append(trend_point(row))
    return [{"location": location, "points": points} for location, points in series.items()]


def skill_demand(rows: list[MarketStat], limit: int) -> tuple[int, list[dict[str, Any]]]:
    """Job count and skills summed over the given rows; share is the fraction of those jobs asking for it.

    Every input row is already published (k-anonymous), so summing them reveals nothing new.
    """
    jobs = sum(r.job_count for r in rows)
    counts: Counter[str] = Counter()
    for row in rows:
        for item in row.top_skills:
            counts[item["skill"]] += int(item["count"])
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:limit]
    return jobs, [{"skill": s, "count": n, "share": round(n / jobs, 3) if jobs else 0.0} for s, n in ranked]
