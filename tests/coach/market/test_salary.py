from __future__ import annotations

from coach.market.salary import YearlyPay, yearly_pay


def test_hourly_and_monthly_pay_become_yearly() -> None:
    assert yearly_pay({"min": 50, "max": 60, "currency": "usd", "period": "hour"}) == YearlyPay(
        104000, 124800, "USD"
    )
    assert yearly_pay({"min": 4000, "max": 5000, "currency": "EUR", "period": "month"}) == YearlyPay(
        48000, 60000, "EUR"
    )


def test_unusable_salaries_are_ignored() -> None:
    assert yearly_pay(None) is None
    assert yearly_pay({"min": 90, "max": 80, "currency": "USD", "period": "year"}) is None
    assert yearly_pay({"min": 90, "max": 100, "currency": "", "period": "year"}) is None
    assert yearly_pay({"min": 90, "max": 100, "currency": "USD", "period": "fortnight"}) is None
