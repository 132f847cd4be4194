from __future__ import annotations

import pytest

from coach.jd.salary import parse_salary


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Salary: $120k-$150k + equity", (120_000, 150_000, "USD", "year")),
        ("USD 120,000 - 150,000 per year", (120_000, 150_000, "USD", "year")),
        ("£45,000", (45_000, 45_000, "GBP", "year")),
        ("CTC ₹18-25 LPA", (1_800_000, 2_500_000, "INR", "year")),
        ("Pay: $45/hr", (45, 45, "USD", "hour")),
        ("$38–$52/hour depending on experience", (38, 52, "USD", "hour")),
        ("€60.000 - €75.000 brutto", (60_000, 75_000, "EUR", "year")),
        ("Gehalt 60.000 - 75.000 €", (60_000, 75_000, "EUR", "year")),
        ("INR 12 lakhs per annum", (1_200_000, 1_200_000, "INR", "year")),
        ("$8,000/month", (8_000, 8_000, "USD", "month")),
        ("CA$95,000 to CA$110,000 annually", (95_000, 110_000, "CAD", "year")),
        ("between $120k and $140K base", (120_000, 140_000, "USD", "year")),
    ],
)
def test_salary_formats(text: str, expected: tuple):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.currency, salary.period) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We raised $20 million in our Series A.",
        "A $1,000 learning stipend every year.",
        "401(k) match up to 4%.",
        "5+ years of experience, 3 days a week in the office.",
        "We process $2B in payments for 4,000 merchants.",
    ],
)
def test_money_that_is_not_pay_is_ignored(text: str):
    assert parse_salary(text) is None


def test_the_pay_range_beats_perk_amounts_in_the_same_posting():
    text = "We offer a $2,000 learning budget.\nThe base salary range is $140,000 to $175,000."
    assert (parse_salary(text).min, parse_salary(text).max) == (140_000, 175_000)
