"""GET /api/market/trends and /api/market/skills over published aggregates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.main import create_app
from coach.market.aggregate import aggregate_market
from coach.settings import Settings
from storage.models import JobTarget
from tests.coach.market.jobs import save_as_new_user
from tests.utils import signup

TODAY = datetime.now(UTC).date()


def _aggregate(client: TestClient, settings: Settings, day=TODAY) -> None:  # type: ignore[no-untyped-def]
    aggregate_market(client.app.state.engine, day=day, settings=settings)


def _backdate_all_jobs(client: TestClient, days: int) -> None:
    with Session(client.app.state.engine) as session:
        session.execute(sa.update(JobTarget).values(created_at=datetime.now(UTC) - timedelta(days=days)))
        session.commit()


def _two_days_of_backend_jobs(client: TestClient, settings: Settings) -> None:
    save_as_new_user(client, "Backend Engineer", "Berlin", "€60,000 - €70,000", ["Python", "Go"])
    save_as_new_user(client, "Senior Backend Engineer", "Berlin", "€80,000 - €90,000", ["Python", "Go"])
    save_as_new_user(client, "Backend Engineer", "Berlin", "€70,000 - €80,000", ["Python", "Go"])
    _backdate_all_jobs(client, days=1)
    _aggregate(client, settings, TODAY - timedelta(days=1))
    save_as_new_user(client, "Backend Developer", "Berlin", "€90,000 - €110,000", ["Python", "Go"])
    save_as_new_user(client, "Backend Engineer", "Berlin", "€50,000 - €60,000", ["Python", "Rust"])
    _aggregate(client, settings)


def test_trends_give_a_daily_series_for_the_role_however_it_is_worded(
    client: TestClient, settings: Settings
) -> None:
    _two_days_of_backend_jobs(client, settings)
    headers = signup(client)
    r = client.get(
        "/api/market/trends", params={"role": "Sr. Backend Engineer", "location": "berlin"}, headers=headers
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["role"], body["location"], body["days"]) == ("backend engineer", "Berlin", 30)
    [series] = body["series"]
    points = series["points"]
    assert [p["date"] for p in points] == [str(TODAY - timedelta(days=1)), str(TODAY)]
    assert [p["job_count"] for p in points] == [3, 4]  # the "Backend Developer" job is another role
    assert points[0] | {"date": None} == {
        "date": None,
        "job_count": 3,
        "avg_salary_min": 70000,
        "avg_salary_max": 80000,
        "currency": "EUR",
        "salary_samples": 3,
    }
    assert points[1]["avg_salary_min"] == 65000 and points[1]["avg_salary_max"] == 75000
    only_today = client.get(
        "/api/market/trends", params={"role": "backend engineer", "days": 1}, headers=headers
    )
    assert [p["date"] for p in only_today.json()["series"][0]["points"]] == [str(TODAY)]


def test_trends_without_location_return_one_series_per_location(
    client: TestClient, settings: Settings
) -> None:
    for city in ("Austin", "Austin", "Austin", "Remote", "Remote", "Remote"):
        save_as_new_user(client, "Data Engineer", city, None, ["Spark"])
    save_as_new_user(client, "Data Engineer", "Denver", None, ["Spark"])  # one person: not published
    _aggregate(client, settings)
    r = client.get("/api/market/trends", params={"role": "data engineer"}, headers=signup(client))
    assert r.json()["location"] is None
    assert {s["location"]: s["points"][0]["job_count"] for s in r.json()["series"]} == {
        "Austin": 3,
        "Remote": 3,
    }


def test_skills_rank_demand_with_share_of_jobs(client: TestClient, settings: Settings) -> None:
    _two_days_of_backend_jobs(client, settings)
    r = client.get(
        "/api/market/skills",
        params={"role": "backend engineer", "location": "Berlin"},
        headers=signup(client),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["date"], body["job_count"]) == (str(TODAY), 4)
    # Rust is in one candidate's job only: never published.
    assert body["skills"] == [
        {"skill": "Python", "count": 4, "share": 1.0},
        {"skill": "Go", "count": 3, "share": 0.75},
    ]
    assert (
        len(
            client.get(
                "/api/market/skills", params={"role": "backend engineer", "limit": 1}, headers=signup(client)
            ).json()["skills"]
        )
        == 1
    )


def test_skills_without_location_add_up_the_latest_day_across_locations(
    client: TestClient, settings: Settings
) -> None:
    for city, skills in [("Austin", ["SQL", "Spark"])] * 3 + [("Remote", ["SQL"])] * 3:
        save_as_new_user(client, "Data Engineer", city, None, skills)
    _aggregate(client, settings)
    body = client.get("/api/market/skills", params={"role": "Data Engineer"}, headers=signup(client)).json()
    assert body["job_count"] == 6
    assert body["skills"] == [
        {"skill": "SQL", "count": 6, "share": 1.0},
        {"skill": "Spark", "count": 3, "share": 0.5},
    ]


def test_a_group_below_k_users_is_never_shown(client: TestClient, settings: Settings) -> None:
    save_as_new_user(client, "Pharmacist", "Leeds", "£40,000 - £45,000", ["Dispensing"])
    save_as_new_user(client, "Pharmacist", "Leeds", "£42,000 - £47,000", ["Dispensing"])
    _aggregate(client, settings)
    headers = signup(client)
    params = {"role": "Pharmacist", "location": "Leeds"}
    assert client.get("/api/market/trends", params=params, headers=headers).json()["series"] == []
    skills = client.get("/api/market/skills", params=params, headers=headers).json()
    assert (skills["date"], skills["job_count"], skills["skills"]) == (None, 0, [])


def test_market_needs_sign_in_and_a_role(client: TestClient) -> None:
    assert client.get("/api/market/trends", params={"role": "nurse"}).status_code == 401
    headers = signup(client)
    r = client.get("/api/market/skills", headers=headers)
    assert r.status_code == 422 and "role" in r.json()["detail"]
    assert client.get("/api/market/trends", params={"role": "Senior"}, headers=headers).status_code == 422
    assert (
        client.get("/api/market/trends", params={"role": "nurse", "days": 0}, headers=headers).status_code
        == 422
    )


def test_switched_off_market_answers_404_with_the_reason(settings: Settings) -> None:
    off = settings.model_copy(update={"FEATURE_MARKET": False})
    with TestClient(create_app(off)) as client:
        headers = signup(client)
        for path in ("/api/market/trends", "/api/market/skills"):
            r = client.get(path, params={"role": "nurse"}, headers=headers)
            assert r.status_code == 404 and r.json() == {"detail": "The market feature is switched off."}
        assert client.get("/api/jobs", headers=headers).status_code == 200  # other features unaffected
        client.app.state.engine.dispose()
