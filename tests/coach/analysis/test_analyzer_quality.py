"""Scores a candidate would trust: good answers win, non-answers lose, and feedback quotes real words."""

from __future__ import annotations

from collections import Counter

import pytest

from coach.analysis import analyze_session
from coach.analysis.text import digit_numbers, words
from coach.interview.schema import PlanQuestion
from tests.coach.analysis.answer_bank import CASES, UNUSABLE_ANSWERS, Case, session

IDS = [c.question.id for c in CASES]
PROCESS_QUESTION = PlanQuestion(
    id="p1",
    text="Tell me about a time you improved a slow process.",
    kind="behavioral",
    competency="process improvement",
    rationale="fixture",
)


def _score(case: Case, answer: str) -> int:
    plan, turns = session([(case.question, answer)])
    return analyze_session(plan, turns).exchanges[0].score


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_strong_answer_outscores_vague_answer_on_the_same_question(case: Case) -> None:
    strong, vague = _score(case, case.strong), _score(case, case.vague)
    assert strong >= 70, f"strong answer scored only {strong}"
    assert vague <= 50, f"vague answer scored {vague}"
    assert strong - vague >= 30


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("kind", list(UNUSABLE_ANSWERS))
def test_unusable_answers_score_at_most_20_and_are_named(case: Case, kind: str) -> None:
    plan, turns = session([(case.question, UNUSABLE_ANSWERS[kind])])
    exchange = analyze_session(plan, turns).exchanges[0]
    assert exchange.score <= 20
    assert exchange.status != "answered"
    assert exchange.verdict
    assert exchange.weaknesses[0].text == exchange.verdict
    assert exchange.strengths == []


@pytest.mark.parametrize("answer", ["", "I don't know, sorry."])
def test_a_non_answer_is_called_no_answer(answer: str) -> None:
    plan, turns = session([(CASES[0].question, answer)])
    exchange = analyze_session(plan, turns).exchanges[0]
    assert exchange.verdict.startswith("No answer was given")
    assert exchange.score <= 5


def test_off_topic_answer_says_what_it_talked_about_and_what_was_asked() -> None:
    case = CASES[2]  # rate limiter design
    plan, turns = session([(case.question, UNUSABLE_ANSWERS["off_topic"])])
    verdict = analyze_session(plan, turns).exchanges[0].verdict
    assert verdict.startswith("The answer was off-topic: it talks about pizza")
    assert "the question asked about system design" in verdict


def test_on_topic_answer_in_different_words_is_not_called_off_topic() -> None:
    case = CASES[0]  # "disagreed with a teammate"
    answer = (
        "My coworker and I had a real clash over the API design, so I suggested we each prototype our "
        "version for a day and compare them with the team."
    )
    plan, turns = session([(case.question, answer)])
    assert analyze_session(plan, turns).exchanges[0].status == "answered"


def test_every_cited_span_is_the_exact_transcript_text() -> None:
    pairs = [
        (c.question.model_copy(update={"id": f"{c.question.id}-{i}"}), answer)
        for c in CASES
        for i, answer in enumerate([c.strong, c.vague, *UNUSABLE_ANSWERS.values()])
    ]
    plan, turns = session(pairs)
    by_seq = {t.seq: t for t in turns}
    claims = [c for e in analyze_session(plan, turns).exchanges for c in [*e.strengths, *e.weaknesses]]
    assert len(claims) > 2 * len(CASES)
    for claim in claims:
        ev = claim.evidence
        assert ev.quote, claim.text
        assert by_seq[ev.turn_seq].text[ev.start : ev.end] == ev.quote


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_rewrite_keeps_every_number_and_adds_none(case: Case) -> None:
    for answer in (case.strong, case.vague):
        plan, turns = session([(case.question, answer)])
        rewrite = analyze_session(plan, turns).exchanges[0].rewrite
        assert rewrite
        assert Counter(digit_numbers(rewrite)) == Counter(digit_numbers(answer))


def test_rewrite_of_a_story_without_numbers_asks_for_the_result_instead_of_inventing_one() -> None:
    case = CASES[0]
    plan, turns = session([(case.question, case.vague)])
    rewrite = analyze_session(plan, turns).exchanges[0].rewrite
    assert "[add the measurable result]" in rewrite
    assert digit_numbers(rewrite) == []


def test_rewrite_removes_fillers_and_hedges_but_keeps_the_facts() -> None:
    answer = (
        "Um, so I think at my last job the build was, like, really slow. Basically I moved our tests to "
        "parallel runners in GitHub Actions, you know. Uh, the build went from 20 minutes to 8 minutes."
    )
    plan, turns = session([(PROCESS_QUESTION, answer)])
    rewrite = analyze_session(plan, turns).exchanges[0].rewrite.lower()
    assert not {"um", "uh", "basically", "like"} & set(words(rewrite))
    assert "you know" not in rewrite and "i think" not in rewrite
    assert "github actions" in rewrite
    assert digit_numbers(rewrite) == ["20", "8"]


def test_rewrite_reorders_a_story_told_backwards_into_star() -> None:
    answer = (
        "We cut refund handling from 10 days to 2 days. I rebuilt the refund workflow in Zendesk and "
        "trained 12 agents on it. At my last company, refunds were handled over email and customers kept "
        "complaining."
    )
    plan, turns = session([(PROCESS_QUESTION, answer)])
    rewrite = analyze_session(plan, turns).exchanges[0].rewrite
    context, action, result = (rewrite.index(s) for s in ("At my last company", "I rebuilt", "We cut refund"))
    assert context < action < result


def test_coding_answers_are_judged_on_correctness_complexity_edge_cases_and_testing() -> None:
    coding = next(c for c in CASES if c.question.kind == "coding")
    plan, turns = session(
        [(coding.question, coding.strong), (coding.question.model_copy(update={"id": "v"}), coding.vague)]
    )
    strong, vague = analyze_session(plan, turns).exchanges
    for part in ("correctness", "complexity", "edge_cases", "testing"):
        assert strong.elements[part] and not vague.elements[part]
    assert strong.criteria.depth - vague.criteria.depth >= 40
