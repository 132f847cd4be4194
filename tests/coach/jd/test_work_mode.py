from __future__ import annotations

import pytest

from coach.jd.work_mode import detect_work_mode


@pytest.mark.parametrize(
    "text, mode",
    [
        ("Location: Remote (US)", "remote"),
        ("This is a fully remote role; work from anywhere in the EU.", "remote"),
        ("Hybrid - 3 days a week in our Leeds office", "hybrid"),
        ("2 days per week in the office, the rest from home", "hybrid"),
        ("This position is on-site in Austin, TX.", "onsite"),
        ("This is not a remote position.", "onsite"),
        ("Experience with remote patient monitoring and an on-site gym", None),
        ("We run a hybrid cloud on AWS and on-prem.", None),
    ],
)
def test_work_mode(text: str, mode: str | None):
    assert detect_work_mode(text) == mode
