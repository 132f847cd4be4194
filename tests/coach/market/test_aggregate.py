"""Daily aggregation of saved jobs: averages, skills, privacy threshold and upserts."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from coach.market.aggregate import aggregate_market
from coach.settings import Settings
from storage.models import MarketStat
from storage.types import utcnow
from tests.coach.market.jobs import save_as_new_user
from tests.utils import create_job, signup


def _rows(client: TestClient) -> list[MarketStat]:
    with Session(client.app.state.engine) as session:
        return list(session.exec(select(MarketStat).order_by(MarketStat.role, MarketStat.location)))


def _run(client: TestClient, settings: Settings, day=None) -> int:  # type: ignore[no-untyped-def]
    return aggregate_market(client.app.state.engine, day=day or utcnow().date(), settings=settings)


def _backend_berlin(client: TestClient) -> None:
    # Four candidates, four wordings of the same role; pay given yearly, hourly, monthly and not at all.
    save_as_new_user(
        client,
        "Senior Backend Engineer",
        "Berlin, Germany",
        "$120,000 - $150,000 per year",
        ["Python", "PostgreSQL", "Kafka"],
    )
    save_as_new_user(client, "Backend Engineer II", "Berlin", "$60 - $75 per hour", ["Python", "PostgreSQL"])
    save_as_new_user(
        client,
        "Sr. Back-End Engineer (m/f/d)",
        "Berlin (Hybrid)",
        "$10,000 - $12,500 per month",
        ["Python", "PostgreSQL", "Docker"],
    )
    save_as_new_user(client, "Backend Engineer", "Berlin", None, ["Python", "Docker"])


def test_groups_jobs_of_several_users_into_yearly_averages_and_top_skills(
    client: TestClient, settings: Settings
) -> None:
    _backend_berlin(client)
    assert _run(client, settings) == 1
    [row] = _rows(client)
    assert (row.role, row.location, row.job_count, row.user_count) == ("backend engineer", "Berlin", 4, 4)
    # 120k/150k a year; 60/75 an hour over 2080 h = 124.8k/156k; 10k/12.5k a month = 120k/150k.
    assert (row.avg_salary_min, row.avg_salary_max, row.currency, row.salary_samples) == (
        121600,
        152000,
        "USD",
        3,
    )
    # Kafka is in one candidate's job and Docker in two: below K=3 users, so neither is published.
    assert row.top_skills == [{"skill": "Python", "count": 4}, {"skill": "PostgreSQL", "count": 3}]


def test_a_group_from_fewer_users_than_k_is_not_stored(client: TestClient, settings: Settings) -> None:
    one = signup(client)
    for n in range(3):  # many jobs, but from two people only
        create_job(
            client,
            one,
            role_title="Data Scientist",
            location="Paris",
            jd_text=f"Data Scientist\nSalary: €70,000 - €80,000\nRequirements:\n- Python #{n}",
        )
    save_as_new_user(client, "Data Scientist", "Paris", "€90,000 - €100,000", ["Python"])
    assert _run(client, settings) == 0
    assert _rows(client) == []
    save_as_new_user(client, "Senior Data Scientist", "Paris", None, ["Python"])
    assert _run(client, settings) == 1  # the third person makes the group publishable


def test_min_users_setting_raises_the_threshold(client: TestClient, settings: Settings) -> None:
    _backend_berlin(client)
    assert _run(client, settings.model_copy(update={"MARKET_MIN_USERS": 5})) == 0


def test_salary_shown_only_when_k_users_gave_one_and_minority_currency_is_left_out(
    client: TestClient, settings: Settings
) -> None:
    save_as_new_user(client, "Product Manager", "London", "£70,000 - £90,000", ["Jira"])
    save_as_new_user(client, "Product Manager", "London", "£80,000 - £100,000", ["Jira"])
    save_as_new_user(client, "Product Manager", "London", None, ["Jira"])
    _run(client, settings)
    [row] = _rows(client)
    assert row.avg_salary_min is None and row.salary_samples == 0  # two salaries would expose each other
    save_as_new_user(client, "Product Manager", "London", "£90,000 - £110,000", ["Jira"])
    save_as_new_user(client, "Product Manager", "London", "$150,000 - $170,000", ["Jira"])
    _run(client, settings)
    [row] = _rows(client)
    assert (row.avg_salary_min, row.avg_salary_max, row.currency, row.salary_samples) == (
        80000,
        100000,
        "GBP",
        3,
    )


def test_rerunning_a_day_updates_its_rows_instead_of_adding_more(
    client: TestClient, settings: Settings
) -> None:
    _backend_berlin(client)
    _run(client, settings)
    [first] = _rows(client)
    save_as_new_user(client, "Backend Engineer", "Berlin", None, ["Python"])
    _run(client, settings)
    [again] = _rows(client)
    assert again.id == first.id and again.job_count == 5 and again.updated_at >= first.updated_at


def test_a_group_that_drops_below_k_is_withdrawn_on_rerun(client: TestClient, settings: Settings) -> None:
    users = [save_as_new_user(client, "QA Engineer", "Remote", None, ["Selenium"]) for _ in range(3)]
    assert _run(client, settings) == 1
    job_id = client.get("/api/jobs", headers=users[0]).json()["items"][0]["id"]
    assert client.delete(f"/api/jobs/{job_id}", headers=users[0]).status_code == 204
    assert _run(client, settings) == 0
    assert _rows(client) == []


def test_the_same_posting_saved_by_several_users_counts_once(client: TestClient, settings: Settings) -> None:
    url = "https://jobs.example.com/42"
    for _ in range(3):
        save_as_new_user(client, "Site Reliability Engineer", "Remote - EU", None, ["Terraform"], job_url=url)
    _run(client, settings)
    [row] = _rows(client)
    assert (row.role, row.location, row.job_count, row.user_count) == (
        "site reliability engineer",
        "Remote",
        1,
        3,
    )


def test_only_jobs_saved_within_the_window_count(client: TestClient, settings: Settings) -> None:
    _backend_berlin(client)
    today = utcnow().date()
    assert _run(client, settings, day=today - timedelta(days=1)) == 0  # saved after that day
    later = today + timedelta(days=settings.MARKET_WINDOW_DAYS)
    assert _run(client, settings, day=later) == 0  # fallen out of the window
    assert _run(client, settings, day=today + timedelta(days=settings.MARKET_WINDOW_DAYS - 1)) == 1


def test_salary_currency_is_the_one_most_candidates_are_paid_in(
    client: TestClient, settings: Settings
) -> None:
    recruiter = signup(client)
    for n in range(4):  # one person's many dollar jobs cannot outvote three people
        create_job(
            client,
            recruiter,
            role_title="UX Designer",
            location="Dublin",
            jd_text=f"UX Designer {n}\nSalary: $100,000 - $120,000\nRequirements:\n- Figma",
        )
    for pay in ("€50,000 - €60,000", "€60,000 - €70,000", "€70,000 - €80,000"):
        save_as_new_user(client, "UX Designer", "Dublin", pay, ["Figma"])
    _run(client, settings)
    [row] = _rows(client)
    assert (row.currency, row.avg_salary_min, row.avg_salary_max, row.salary_samples) == (
        "EUR",
        60000,
        70000,
        3,
    )
