from __future__ import annotations

import pytest

from coach.interview.answer_signals import analyse_answer, has_metric
from coach.interview.schema import PlanQuestion

QUESTION = PlanQuestion(
    id="q1",
    text="Tell me about a production incident you were involved in.",
    kind="behavioral",
    competency="reliability and operations",
    rationale="test",
    rubric=["Explains how the issue was detected", "Names the root cause and the fix"],
    time_budget_s=180,
)
NO_RESULT = (
    "At my last job our checkout service started failing on a Friday evening. I was the on-call engineer, "
    "so I had to stabilize it. I rolled back the deploy, checked the dashboards and found a slow query "
    "exhausting the connection pool."
)
FULL = NO_RESULT + " As a result, we recovered in 22 minutes and added pool alerts."


def test_a_story_without_an_ending_is_missing_its_result() -> None:
    assert "result" in analyse_answer(NO_RESULT, QUESTION).missing_star
    assert analyse_answer(FULL, QUESTION).missing_star == ()


def test_the_result_given_in_an_earlier_answer_still_counts() -> None:
    assert analyse_answer("It was about 22 minutes.", QUESTION, earlier=FULL).missing_star == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We cut costs by 30%.", True),
        ("It was twice as fast.", True),
        ("Back in 2021 it went fine.", False),
        ("It went really well.", False),
        ("p95 fell to 120ms", True),
    ],
)
def test_numbers_that_show_impact_count_as_a_metric_but_years_do_not(text: str, expected: bool) -> None:
    assert has_metric(text) is expected


def test_team_only_stories_are_flagged_as_vague_we() -> None:
    vague = (
        "We worked on it as a team. We looked at options and we tried things. Our manager was happy with us."
    )
    assert analyse_answer(vague, QUESTION).vague_we
    assert not analyse_answer(FULL, QUESTION).vague_we


def test_an_answer_about_something_else_is_off_topic() -> None:
    hobby = (
        "Honestly my favourite thing is hiking on weekends. Last month I climbed a mountain near the lake "
        "with my dog and the view from the summit was incredible."
    )
    assert analyse_answer(hobby, QUESTION).off_topic
    assert not analyse_answer(FULL, QUESTION).off_topic


@pytest.mark.parametrize("text", ["", "   ", "um uh hmm", "..."])
def test_silence_and_fillers_are_empty(text: str) -> None:
    signals = analyse_answer(text, QUESTION)
    assert signals.empty and signals.unusable


@pytest.mark.parametrize("text", ["asdf qwrt zxcv bnml", "la la la la la la", "#### $$$$ %%%% 1234"])
def test_keyboard_mash_and_noise_are_garbage(text: str) -> None:
    assert analyse_answer(text, QUESTION).unusable


def test_one_word_is_too_short_but_a_short_follow_up_reply_is_fine() -> None:
    assert analyse_answer("Yes.", QUESTION).too_short
    assert not analyse_answer("About 22 minutes.", QUESTION, earlier=FULL).too_short


def test_a_long_answer_past_the_budget_is_rambling() -> None:
    assert analyse_answer(FULL, QUESTION, answer_seconds=150).rambling
    assert not analyse_answer(FULL, QUESTION, answer_seconds=40).rambling
