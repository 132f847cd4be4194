"""Pay ranges: "$120k-$150k", "USD 120,000 - 150,000 per year", "£45,000", "₹18-25 LPA", "$45/hr"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.jd.schema import PayPeriod, Salary

_CURRENCY_SIGNS = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
    "RS": "INR",
    "RS.": "INR",
    "¥": "JPY",
}
_CODES = ("USD", "EUR", "GBP", "INR", "CAD", "AUD", "NZD", "SGD", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN")
_CUR = r"(?:US\$|CA\$|C\$|AU\$|A\$|NZ\$|S\$|\$|£|€|₹|¥|Rs\.?|(?:" + "|".join(_CODES) + r")\b)"
_AMOUNT = r"\d{1,3}(?:[,.' ]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d+)?"
_UNIT = r"(?:k|K|LPA|lpa|lakhs?|lacs?|L|cr|crores?)"
_MONEY = re.compile(
    rf"(?P<c1>{_CUR})?\s?(?P<a>{_AMOUNT})\s?(?P<u1>{_UNIT})?\b"
    rf"(?:\s*(?:-|–|—|to|and)\s*(?P<c2>{_CUR})?\s?(?P<b>{_AMOUNT})\s?(?P<u2>{_UNIT})?\b)?"
    rf"(?:\s?(?P<c3>€|£|(?:{'|'.join(_CODES)})\b))?"
)
_UNIT_FACTOR = {
    "k": 1e3,
    "lpa": 1e5,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "l": 1e5,
    "cr": 1e7,
    "crore": 1e7,
    "crores": 1e7,
}
_PERIOD_AFTER = re.compile(
    r"^\s*(?:/|per|an|a|each)\s*(?P<p>hour|hr|h|year|yr|annum|month|mo|week|wk)\b"
    r"|^\s*(?P<q>hourly|annually|yearly|monthly|p\.?a\.?|pa|ctc|lpa)\b",
    re.IGNORECASE,
)
_PERIOD_WORDS = {
    "hour": "hour",
    "hr": "hour",
    "h": "hour",
    "hourly": "hour",
    "year": "year",
    "yr": "year",
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "pa": "year",
    "p.a.": "year",
    "p.a": "year",
    "ctc": "year",
    "lpa": "year",
    "month": "month",
    "mo": "month",
    "monthly": "month",
}
_SCALE_WORD = re.compile(
    r"^\s*(?:million|billion|bn|mm|m\b|b\b|\+?\s*(?:users|customers|employees|people))", re.IGNORECASE
)
_PAY_CUE = re.compile(
    r"\b(?:salary|compensation|pay|base|range|ote|rate|wages?|earn\w*|ctc|lpa|package|"
    r"per hour|per year|per annum|hourly|annual)\b",
    re.IGNORECASE,
)
_NOT_PAY_CUE = re.compile(
    r"\b(?:stipend|bonus|budget|allowance|reimburse\w*|credit|funding|raised|revenue|"
    r"valuation|arr|investment|grant|donat\w*|contribution|match|401)\b",
    re.IGNORECASE,
)


@dataclass
class _Candidate:
    salary: Salary
    score: int
    start: int


def parse_salary(text: str) -> Salary | None:
    """The most pay-like money amount in the text, or None when nothing looks like pay."""
    candidates = [c for m in _MONEY.finditer(text) if (c := _candidate(text, m)) is not None]
    best = max(candidates, key=lambda c: (c.score, -c.start), default=None)
    return best.salary if best and best.score >= 1 else None


def _candidate(text: str, m: re.Match[str]) -> _Candidate | None:
    after = text[m.end() : m.end() + 24]
    units = [(u or "").lower() for u in (m["u1"], m["u2"])]
    currency = _currency(m["c1"] or m["c2"] or m["c3"], units)
    if currency is None or _SCALE_WORD.match(after):
        return None
    low, high = _amounts(m["a"], m["b"], units)
    if low <= 0 or high < low:
        return None
    explicit = _explicit_period(after, units)
    period = explicit or _period_from_size(high)
    if not _plausible(high, period, currency):
        return None
    sentence = _sentence_around(text, m.start(), m.end())
    score = 1 + 2 * bool(_PAY_CUE.search(sentence)) + bool(m["b"]) + bool(explicit)
    score -= 4 * bool(_NOT_PAY_CUE.search(sentence))
    salary = Salary(min=low, max=high, currency=currency, period=period)
    return _Candidate(salary, score, m.start())


def _currency(token: str | None, units: list[str]) -> str | None:
    if token:
        return _CURRENCY_SIGNS.get(token.upper(), token.upper())
    # "18-25 LPA" is rupees even without a sign.
    return (
        "INR"
        if any(u in ("lpa", "lakh", "lakhs", "lac", "lacs", "cr", "crore", "crores") for u in units)
        else None
    )


def _amounts(a: str, b: str | None, units: list[str]) -> tuple[float, float]:
    low, high = _number(a), _number(b) if b else None
    unit_a, unit_b = units
    # "$120-150k" and "18-25 LPA": the unit written once applies to both ends.
    factor_b = _UNIT_FACTOR.get(unit_b, 1.0)
    factor_a = _UNIT_FACTOR.get(unit_a, factor_b if high is not None and not unit_a else 1.0)
    if high is None:
        return low * factor_a, low * factor_a
    return low * factor_a, high * factor_b


def _number(raw: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[,.' ]\d{3})+", raw):
        return float(re.sub(r"[,.' ]", "", raw))
    return float(raw.replace(",", ""))


def _explicit_period(after: str, units: list[str]) -> PayPeriod | None:
    if "lpa" in units:
        return "year"
    m = _PERIOD_AFTER.match(after)
    if not m:
        return None
    return _PERIOD_WORDS.get((m["p"] or m["q"]).lower())


def _period_from_size(amount: float) -> PayPeriod:
    if amount < 300:
        return "hour"
    return "month" if amount < 15_000 else "year"


def _plausible(amount: float, period: PayPeriod, currency: str) -> bool:
    # Rupee and yen salaries run to millions; other currencies stay well below that per year.
    ceiling = {"hour": 2_000, "month": 200_000, "year": 2_000_000}[period]
    if currency in ("INR", "JPY"):
        ceiling *= 100
    return amount <= ceiling and (period != "year" or amount >= 1_000)


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start))
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    return text[left + 1 : min(right_candidates, default=len(text))]
