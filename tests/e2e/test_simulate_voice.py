"""`coach simulate --voice`: a planned interview spoken end to end over SmallWebRTC, fully offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.simulate import plan_for_jd

pytest.importorskip("faster_whisper")
pytest.importorskip("piper")

from pipelines.simulate_voice import VoiceSimulationError, run_voice_simulation  # noqa: E402

JD = Path(__file__).resolve().parent.parent / "fixtures" / "jds" / "backend_engineer.txt"

pytestmark = pytest.mark.e2e


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9']+", text.lower()) if len(w) > 2]


def recall(spoken: str, heard: str) -> float:
    heard_words = set(words(heard))
    expected = words(spoken)
    return sum(w in heard_words for w in expected) / len(expected)


@pytest.fixture
def restore_ice(monkeypatch):
    """The simulation patches aioice for loopback; put the original back after the test."""
    import aioice.ice

    monkeypatch.setattr(aioice.ice, "get_host_addresses", aioice.ice.get_host_addresses)


@pytest.fixture(scope="module")
def plan():
    plan = plan_for_jd(JD.read_text(), title=None, interview_type="behavioral", duration_min=8)
    assert len(plan.questions) == 2
    return plan


async def test_spoken_interview_covers_the_plan(plan, restore_ice, capsys):
    result = await run_voice_simulation(plan, ["vague", "off_topic"], max_follow_ups=0)
    out = capsys.readouterr().out

    assert result.completed
    assert result.asked_question_ids == [q.id for q in plan.questions]
    transcript = out.split("Transcript", 1)[1].split("Latency per answer", 1)[0]
    for question in plan.questions:
        assert question.text in transcript, question.text
    assert re.search(r"Interviewer \(closing\)", transcript)

    # Every answer was heard: whisper tiny is not exact, so compare words, per question.
    candidate = [t for t in result.turns if t.role == "candidate"]
    assert {t.question_id for t in candidate} == {q.id for q in plan.questions}
    for answer in result.answers:
        heard = " ".join(t.text for t in candidate if t.question_id == answer.question_id)
        assert recall(answer.text, heard) >= 0.6, (answer.text, heard)
        assert heard.split()[0] in transcript

    # One latency row per answer, every one measured at the client, and the percentiles.
    assert [a.quality for a in result.answers] == ["vague", "off_topic"]
    assert all(a.latency_s is not None and 0 < a.latency_s < 15 for a in result.answers)
    rows = [line for line in out.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == len(result.answers)
    assert re.search(r"voice-to-voice over 2 answers: p50 \d+ ms, p90 \d+ ms", out)


async def test_an_interview_that_does_not_finish_fails_with_a_message(plan, restore_ice, capsys):
    with pytest.raises(VoiceSimulationError) as failed:
        await run_voice_simulation(plan, "one_word", timeout_s=3.0)
    assert isinstance(failed.value, SystemExit)
    assert failed.value.code == "voice simulation failed: the interview did not finish within 3 s"
    assert "did NOT complete" in capsys.readouterr().out
