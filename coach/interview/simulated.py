"""A scripted candidate and a text-only interview loop, for `coach simulate`, demos and tests."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Literal

import yaml

from coach.interview.answer_signals import estimate_seconds
from coach.interview.clock import FakeClock
from coach.interview.kits import DATA_DIR, role_kit_for
from coach.interview.protocol import InterviewerBrain, Reply
from coach.interview.schema import InterviewPlan, PlanQuestion, TranscriptTurn
from coach.interview.text import lower_first, stable_pick

Quality = Literal["strong", "vague", "one_word", "off_topic", "rambling", "silent"]
QUALITIES: tuple[str, ...] = ("strong", "vague", "one_word", "off_topic", "rambling", "silent")
SILENCE_S = 8.0  # how long a silent candidate lets the line stay quiet before the interviewer reacts

_VAGUE = (
    "We worked on that as a team. We looked at a few options and we tried some things. "
    "Our manager was happy with how we handled it and we all learned from it.",
    "We had a lot going on at the time. We talked about it as a team, we tried a couple of approaches, "
    "and our team usually figures these things out together.",
)
_ONE_WORD = ("Yes.", "Sure.", "Probably.", "Teamwork.")
_OFF_TOPIC = (
    "Honestly, my favourite thing is hiking on weekends. Last month I climbed a mountain near the lake with "
    "my dog, and the view from the summit was incredible. I also love baking sourdough bread on Sundays.",
    "That reminds me of my holiday in Portugal. The beaches were beautiful, the seafood was fantastic, "
    "and we rented a little car to drive along the coast every evening at sunset.",
)
_DIGRESSION = (
    "And actually, before that, there was a whole other thing going on with the office move, which meant we "
    "were all sitting in different places for a while, and honestly that made everything slower, and I "
    "remember we had long discussions about desks and meeting rooms and who would sit where, and it went on "
    "for weeks. "
)


@lru_cache(maxsize=1)
def _answer_bank() -> dict:
    return yaml.safe_load((DATA_DIR / "simulated_answers.yaml").read_text(encoding="utf-8"))


class SimulatedCandidate:
    """Answers questions at a chosen quality, with text that fits the competency being asked about.

    `quality` is one quality for every question, a list applied by question order (the last entry
    repeats), or a mapping from question id to quality (unlisted questions get "strong").
    """

    def __init__(self, role_family: str, quality: str | Sequence[str] | Mapping[str, str] = "strong") -> None:
        self.kit = role_kit_for(role_family)
        self._quality = quality
        self._question_ids: list[str] = []
        self._probes_seen = 0

    def quality_for(self, question: PlanQuestion | None) -> str:
        if isinstance(self._quality, str):
            return self._quality
        if isinstance(self._quality, Mapping):
            return self._quality.get(question.id, "strong") if question else "strong"
        position = max(0, len(self._question_ids) - 1)
        return self._quality[min(position, len(self._quality) - 1)] if self._quality else "strong"

    def answer(self, question: PlanQuestion | None, text: str) -> str:
        """Answer what the interviewer just said: a fresh question or a follow-up on it."""
        is_new = question is not None and (not self._question_ids or self._question_ids[-1] != question.id)
        if is_new:
            self._question_ids.append(question.id)
        quality = self.quality_for(question)
        key = (question.id if question else "none", len(self._question_ids), self._probes_seen)
        if not is_new:
            self._probes_seen += 1
        return _ANSWERERS[quality](self, question, text, is_new, key)

    # --- material ----------------------------------------------------------------------------------

    def parts(self, question: PlanQuestion | None) -> dict[str, str]:
        bank = _answer_bank()
        competency = question.competency if question else "ownership"
        own = bank.get(self.kit.id, {})
        return own.get(competency) or bank["common"].get(competency) or next(iter(own.values()))

    def _strong(self, question: PlanQuestion | None, text: str, is_new: bool, key: tuple) -> str:
        parts = self.parts(question)
        if not is_new:
            return _answer_probe(parts, text)
        if question is not None and question.kind == "coding":
            return _coding_answer(question)
        body = (
            _technical_answer(parts) if question and question.kind in ("technical", "case") else _star(parts)
        )
        topic = question.source.jd_requirement if question else None
        return f"{body} That work leaned directly on {lower_first(topic)}." if topic else body

    def _vague(self, question, text, is_new, key) -> str:
        return stable_pick(_VAGUE, *key)

    def _one_word(self, question, text, is_new, key) -> str:
        return stable_pick(_ONE_WORD, *key)

    def _off_topic(self, question, text, is_new, key) -> str:
        return stable_pick(_OFF_TOPIC, *key)

    def _rambling(self, question, text, is_new, key) -> str:
        core = self._strong(question, text, is_new, key)
        return (_DIGRESSION * 4 + core + " " + _DIGRESSION * 3).strip()

    def _silent(self, question, text, is_new, key) -> str:
        return ""


_ANSWERERS: dict[str, Callable[..., str]] = {
    "strong": SimulatedCandidate._strong,
    "vague": SimulatedCandidate._vague,
    "one_word": SimulatedCandidate._one_word,
    "off_topic": SimulatedCandidate._off_topic,
    "rambling": SimulatedCandidate._rambling,
    "silent": SimulatedCandidate._silent,
}


def _star(parts: dict[str, str]) -> str:
    return " ".join(parts[p] for p in ("situation", "task", "action", "result"))


def _technical_answer(parts: dict[str, str]) -> str:
    action = re.sub(r"^I ", "", parts["action"])
    return (
        f"I'd start by understanding the constraints and what success looks like, because that decides "
        f"the approach. Then I would take it step by step: {action} The trade-off is speed versus "
        f"certainty, so I'd timebox the investigation. I've done this before. {parts['situation']} "
        f"{parts['result']}"
    )


def _coding_answer(question: PlanQuestion) -> str:
    mode = question.coding_mode or "explain"
    opening = {
        "explain": "Reading it top to bottom, it takes the input, loops over it and returns a result.",
        "debug": "First I'd reproduce the problem with a small failing test before changing anything.",
        "modify": "I'd keep the existing behaviour and add the change behind a clear parameter.",
    }[mode]
    return (
        f"{opening} The main risk is the edge cases: an empty input, a very large input, and a failure "
        "in the middle, because those fail silently here. To debug it I would reproduce it, narrow it "
        "down with a test, fix it, and keep the test so it stays fixed. The trade-off is a little more "
        "code in exchange for predictable behaviour."
    )


def _answer_probe(parts: dict[str, str], probe: str) -> str:
    lowered = probe.lower()
    if re.search(r"number|how much|quantif|measure", lowered):
        numbers = re.findall(r"\d[\d.,]*(?: percent|%| minutes| milliseconds|x)?", parts["result"])
        return (
            f"Roughly {numbers[0].strip()}, measured over the following month. {parts['result']}"
            if numbers
            else parts["result"]
        )
    if re.search(r"result|outcome|turn out|end up|happened", lowered):
        return parts["result"]
    if re.search(r"you (do|did) (yourself|personally)|your (own|specific)|personally|yourself", lowered):
        return f"Personally, {lower_first(parts['action'])}. {parts['result']}"
    if re.search(r"context|situation|scene", lowered):
        return f"{parts['situation']} {parts['task']}"
    return f"Sure. {parts['action']} The reason is that it tackled the real cause first. {parts['result']}"


def _question_lookup(brain: InterviewerBrain, plan: InterviewPlan | None) -> dict[str, PlanQuestion]:
    plan = plan or getattr(brain, "plan", None)
    return {q.id: q for q in plan.questions} if plan else {}


class _Recorder:
    """Turns replies and answers into transcript turns on the simulated timeline."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.turns: list[TranscriptTurn] = []
        self._clock = clock
        self._origin = clock()
        self._wall = datetime.now(UTC)

    def _at(self, t: float) -> datetime:
        return self._wall + timedelta(seconds=t - self._origin)

    def add(self, role: str, kind: str, text: str, question_id: str | None, start: float) -> None:
        self.turns.append(
            TranscriptTurn(
                seq=len(self.turns),
                role=role,
                kind=kind,
                text=text,
                question_id=question_id,
                started_at=self._at(start),
                ended_at=self._at(self._clock()),
            )
        )


def _advance(clock: Callable[[], float], seconds: float) -> None:
    if isinstance(clock, FakeClock):
        clock.advance(seconds)


async def run_text_interview(
    brain: InterviewerBrain,
    candidate: SimulatedCandidate,
    *,
    clock: Callable[[], float],
    plan: InterviewPlan | None = None,
    max_turns: int = 400,
) -> list[TranscriptTurn]:
    """Play a whole interview; with a FakeClock, time moves by estimated speaking time, so it is instant."""
    questions = _question_lookup(brain, plan)
    recorder = _Recorder(clock)
    reply = await _say(brain.open(), recorder, clock)
    while not reply.done and len(recorder.turns) < max_turns:
        answer = candidate.answer(questions.get(reply.question_id or ""), reply.text)
        seconds = estimate_seconds(answer) if answer.strip() else SILENCE_S
        start = clock()
        _advance(clock, seconds)
        recorder.add("candidate", "answer", answer, reply.question_id, start)
        reply = await _say(brain.respond(answer, answer_seconds=seconds), recorder, clock)
    if not reply.done:
        await _say(brain.wrap_up("time_up"), recorder, clock)
    return recorder.turns


async def _say(pending, recorder: _Recorder, clock: Callable[[], float]) -> Reply:
    reply = await pending
    start = clock()
    _advance(clock, estimate_seconds(reply.text))
    recorder.add("interviewer", reply.kind, reply.text, reply.question_id, start)
    return reply


async def simulate_interview(
    plan: InterviewPlan,
    *,
    quality: str | Sequence[str] | Mapping[str, str] = "strong",
    role_family: str | None = None,
) -> list[TranscriptTurn]:
    """Run the offline interviewer against a simulated candidate on a fake clock."""
    from coach.interview.director import (
        PlanDirector,
    )  # the director imports the planner; keep this module light

    clock = FakeClock()
    brain = PlanDirector(plan, clock=clock)
    candidate = SimulatedCandidate(role_family or plan.role_kit, quality)
    return await run_text_interview(brain, candidate, clock=clock, plan=plan)
