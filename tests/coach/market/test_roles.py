"""Different wordings of one job land in one market group; different jobs stay apart."""

from __future__ import annotations

import pytest

from coach.market.roles import normalise_location, normalise_role


@pytest.mark.parametrize(
    "title",
    [
        "Sr. Backend Engineer II",
        "Senior Back-End Engineer (m/f/d)",
        "Backend Engineer - Payments",
        "Lead Backend Engineer",
        "Backend Engineer at Acme",
        "backend engineer III",
        "Staff Backend Engineer, Platform",
    ],
)
def test_level_and_decoration_do_not_split_a_role(title: str) -> None:
    assert normalise_role(title) == "backend engineer"


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Tech Lead", "tech lead"),  # "lead" is the job here, not a level
        ("Senior Product Manager", "product manager"),
        ("Engineering Manager", "engineering manager"),
        ("SWE III", "software engineer"),
        ("Full Stack Developer", "fullstack developer"),
    ],
)
def test_distinct_roles_keep_their_name(title: str, role: str) -> None:
    assert normalise_role(title) == role


def test_a_title_with_no_role_left_is_skipped() -> None:
    assert normalise_role("Senior") is None and normalise_role(None) is None


@pytest.mark.parametrize(
    ("location", "mode", "key"),
    [
        ("Berlin, Germany (Hybrid)", None, "Berlin"),
        ("Hybrid - London", None, "London"),
        ("NYC", None, "New York"),
        ("san francisco, CA", None, "San Francisco"),
        ("Remote - US", None, "Remote"),
        ("Toronto", "remote", "Remote"),
        (None, None, "Unspecified"),
    ],
)
def test_locations_group_by_city_with_remote_its_own(
    location: str | None, mode: str | None, key: str
) -> None:
    assert normalise_location(location, mode) == key
