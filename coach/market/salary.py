"""Pay ranges brought to one yearly scale so postings paid by the hour or month can be averaged together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# A full-time year: 40 h x 52 weeks; the usual convention in job boards' own yearly estimates.
HOURS_PER_YEAR = 2080
_PER_YEAR = {"year": 1, "month": 12, "hour": HOURS_PER_YEAR}


@dataclass(frozen=True)
class YearlyPay:
    low: float
    high: float
    currency: str


def yearly_pay(salary: dict[str, Any] | None) -> YearlyPay | None:
    """The parsed JD's salary as a yearly range; None when missing or unreadable."""
    if not salary:
        return None
    factor = _PER_YEAR.get(str(salary.get("period") or "year"))
    currency = str(salary.get("currency") or "").upper()
    try:
        low, high = float(salary["min"]), float(salary["max"])
    except (KeyError, TypeError, ValueError):
        return None
    if factor is None or not currency or low <= 0 or high < low:
        return None
    return YearlyPay(low * factor, high * factor, currency)
