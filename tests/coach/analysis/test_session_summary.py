"""Session-level results: exchanges grouped right, delivery measured from voice, actions that add up."""

from __future__ import annotations

from statistics import mean

from coach.analysis import analyze_session
from coach.interview.schema import InterviewPlan, SpeechMetrics, TranscriptTurn
from tests.coach.analysis.answer_bank import CASES, UNUSABLE_ANSWERS, case, session


def _turn(seq: int, role: str, kind: str, text: str, qid: str | None = None, **kw) -> TranscriptTurn:
    return TranscriptTurn(seq=seq, role=role, kind=kind, text=text, question_id=qid, **kw)


def test_follow_ups_and_their_answers_belong_to_the_question_they_probe() -> None:
    b1, t1, c1 = case("b1").question, case("t1").question, case("c1").question
    plan = InterviewPlan(role_kit="backend", interview_type="behavioral", questions=[b1, t1, c1])
    turns = [
        _turn(0, "interviewer", "greeting", "Welcome!"),
        _turn(1, "candidate", "answer", "Thanks, happy to be here."),
        _turn(2, "interviewer", "question", b1.text, "b1"),
        _turn(3, "candidate", "answer", case("b1").strong),
        _turn(4, "interviewer", "follow_up", "What would you do differently?", "b1"),
        _turn(
            5, "candidate", "answer", "I would involve the on-call team earlier because they run it at night."
        ),
        _turn(6, "interviewer", "transition", "Great, let's move on."),
        _turn(7, "interviewer", "question", t1.text, "t1"),
        _turn(8, "candidate", "answer", case("t1").strong),
        _turn(9, "interviewer", "closing", "That's all, thank you."),
        _turn(10, "candidate", "answer", "Thank you!"),
    ]
    analysis = analyze_session(plan, turns)
    assert [e.question_id for e in analysis.exchanges] == ["b1", "t1"]
    assert analysis.exchanges[0].answer_turn_seqs == [3, 5]
    assert analysis.exchanges[1].answer_turn_seqs == [8]
    assert analysis.not_reached == ["c1"]


def test_session_scores_summarise_the_answers() -> None:
    plan, turns = session(
        [
            (case("b1").question, case("b1").strong),
            (case("b2").question, case("b2").vague),
            (case("t1").question, UNUSABLE_ANSWERS["empty"]),
        ]
    )
    analysis = analyze_session(plan, turns)
    scores = [e.score for e in analysis.exchanges]
    assert analysis.overall_score == round(mean(scores))
    assert analysis.competency_scores["collaboration"] > analysis.competency_scores["patient assessment"]
    assert analysis.competency_scores["system design"] == 0
    assert len(analysis.top_actions) == 3
    assert analysis.top_actions[0].startswith("Answer every question in full: 1 got no usable answer")
    assert "delivery" not in analysis.criteria_averages  # typed answers are not judged on delivery


def test_weakest_criterion_leads_the_actions_of_a_vague_session() -> None:
    pairs = [(c.question, c.vague) for c in CASES[:4]]
    analysis = analyze_session(*session(pairs))
    weakest = min(analysis.criteria_averages, key=analysis.criteria_averages.get)
    assert analysis.top_actions[0].lower().startswith(weakest)
    assert all(e.try_next_time for e in analysis.exchanges)


def _voice(words: int, wpm: float, fillers: list[str], pauses: int, longest: float) -> SpeechMetrics:
    return SpeechMetrics(
        words=words,
        words_per_minute=wpm,
        pauses_over_1s=pauses,
        longest_pause_s=longest,
        fillers=[{"word": w, "index": i * 7} for i, w in enumerate(fillers)],
    )


def test_delivery_is_judged_from_voice_metrics_and_summarised() -> None:
    q1, q2 = case("b1").question, case("b2").question
    plan = InterviewPlan(role_kit="nursing", interview_type="behavioral", questions=[q1, q2])
    calm = _voice(160, 140, ["um"], 2, 1.4)
    rushed = _voice(120, 210, ["um", "like", "um", "uh", "um", "like", "um", "you know"], 9, 6.5)
    turns = [
        _turn(0, "interviewer", "question", q1.text, "b1"),
        _turn(1, "candidate", "answer", case("b1").strong, metrics=calm),
        _turn(2, "interviewer", "question", q2.text, "b2"),
        _turn(3, "candidate", "answer", case("b2").strong, metrics=rushed),
    ]
    analysis = analyze_session(plan, turns)
    calm_ex, rushed_ex = analysis.exchanges
    assert calm_ex.criteria.delivery >= 90
    assert rushed_ex.criteria.delivery <= 40
    assert any("Slow down" in tip for tip in rushed_ex.try_next_time)
    d = analysis.delivery
    assert d.measured
    assert d.average_wpm == round((160 * 140 + 120 * 210) / 280, 1)
    assert d.filler_count == 9
    assert d.top_fillers[0] == ("um", 5)
    assert d.pauses_over_1s == 11 and d.longest_pause_s == 6.5


def test_same_words_with_and_without_voice_differ_only_in_delivery() -> None:
    q = case("t1").question
    plan = InterviewPlan(role_kit="backend", interview_type="technical_verbal", questions=[q])
    typed = [
        _turn(0, "interviewer", "question", q.text, "t1"),
        _turn(1, "candidate", "answer", case("t1").strong),
    ]
    spoken = [typed[0], typed[1].model_copy(update={"metrics": _voice(150, 150, [], 1, 1.2)})]
    a_typed, a_spoken = analyze_session(plan, typed).exchanges[0], analyze_session(plan, spoken).exchanges[0]
    assert a_typed.criteria.delivery is None and a_spoken.criteria.delivery == 100
    assert a_typed.criteria.model_dump(exclude={"delivery"}) == a_spoken.criteria.model_dump(
        exclude={"delivery"}
    )


def test_question_pointing_at_a_requirement_id_is_judged_against_that_requirement() -> None:
    q = case("t1").question.model_copy(deep=True)
    q.source.jd_requirement = "req-2"
    q.rubric = []
    jd = {
        "requirements": {
            "must_have": [
                {
                    "id": "req-2",
                    "text": "Operating Redis in production",
                    "skills": ["Redis"],
                    "years": None,
                    "category": "hard",
                }
            ],
            "nice_to_have": [],
        },
        "hard_skills": ["Redis"],
        "tools": [],
    }
    plan, turns = session([(q, case("t1").strong)])
    analysis = analyze_session(plan, turns, jd_parsed=jd)
    assert analysis.exchanges[0].jd_requirement == "Operating Redis in production"
    assert analysis.exchanges[0].criteria.relevance >= 80


def test_reply_the_interviewer_asked_to_redo_is_replaced_by_the_retry_answer() -> None:
    q = case("t1").question
    plan = InterviewPlan(role_kit="backend", interview_type="technical_verbal", questions=[q])
    turns = [
        _turn(0, "interviewer", "question", q.text, "t1"),
        _turn(1, "candidate", "answer", "zxcvb qwrtp mnbvc lkjhg"),
        _turn(2, "interviewer", "retry", "Sorry, I didn't catch that. Could you say it again?", "t1"),
        _turn(3, "candidate", "answer", case("t1").strong),
    ]
    exchange = analyze_session(plan, turns).exchanges[0]
    assert exchange.answer_turn_seqs == [3]
    assert exchange.status == "answered" and "zxcvb" not in exchange.rewrite
    only_noise = analyze_session(plan, turns[:3]).exchanges[0]
    assert only_noise.answer_turn_seqs == [1] and only_noise.status == "gibberish"
