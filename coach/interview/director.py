"""The plan-driven interviewer: asks the planned questions in order, probes weak answers, keeps time.

No LLM is involved. The LLM interviewer reuses this class to decide state and only changes phrasing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from coach.interview.answer_signals import AnswerSignals, analyse_answer, estimate_seconds
from coach.interview.phrasing import Phrasebook
from coach.interview.planner import CLOSING_S
from coach.interview.protocol import Reply
from coach.interview.schema import InterviewPlan, Persona, PlanQuestion

MIN_FOLLOW_UP_S = 20  # no point starting a probe the candidate has no time to answer
MIN_NEXT_QUESTION_S = 45
_STAR_KINDS = {"behavioral", "situational"}
Action = Literal["follow_up", "retry", "next", "close"]


@dataclass(frozen=True)
class Decision:
    """What the interviewer does after an answer, before it is phrased."""

    action: Action
    signals: AnswerSignals | None = None
    probe_slot: str | None = None  # a phrase slot such as "probe_result"
    planned_probe: str | None = None  # a follow-up written in the plan
    over_time: bool = False
    close_reason: str = "completed"
    can_follow_up: bool = False  # whether the plan still allows a follow-up on this question

    def as_follow_up(self) -> Decision:
        return replace(self, action="follow_up")

    def as_next(self) -> Decision:
        return replace(self, action="next", probe_slot=None, planned_probe=None)


class PlanDirector:
    """InterviewerBrain that follows an InterviewPlan without any model."""

    def __init__(
        self,
        plan: InterviewPlan,
        *,
        clock: Callable[[], float] = time.monotonic,
        persona: Persona | None = None,
    ) -> None:
        self.plan = plan
        self.persona = persona or plan.persona
        self._clock = clock
        self._phrases = Phrasebook(self.persona)
        self._index = -1
        self._started_at: float | None = None
        self._question_started_at = 0.0
        self._follow_ups = 0
        self._unusable = 0
        self._probes_used: set[str] = set()
        self._heard = ""  # everything the candidate said on the current question
        self._spoken_probes: set[str] = set()
        self._finished = False
        self.asked_question_ids: list[str] = []

    # --- state other brains read -------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def current_question(self) -> PlanQuestion | None:
        if 0 <= self._index < len(self.plan.questions):
            return self.plan.questions[self._index]
        return None

    @property
    def heard(self) -> str:
        """Everything the candidate has said on the current question so far."""
        return self._heard

    def elapsed(self) -> float:
        return 0.0 if self._started_at is None else self._clock() - self._started_at

    def session_left(self) -> float:
        return self.plan.duration_min * 60 - self.elapsed()

    def question_elapsed(self) -> float:
        return self._clock() - self._question_started_at

    def upcoming_question(self) -> PlanQuestion | None:
        """The question a move-on would ask, or None when the interview should close instead."""
        following = self._index + 1
        if following >= len(self.plan.questions):
            return None
        candidate = self.plan.questions[following]
        room = self.session_left() - CLOSING_S
        # Starting a question that cannot get at least half its time would only overrun the session.
        return candidate if room >= max(MIN_NEXT_QUESTION_S, candidate.time_budget_s / 2) else None

    # --- InterviewerBrain --------------------------------------------------------------------------

    async def open(self) -> Reply:
        self._started_at = self._clock()
        if not self.plan.questions:
            return self._close("completed", prefix=self._greeting())
        first = self.plan.questions[0]
        self._start_question(0)
        lead = self._phrases.say("first_question", first.id)
        return Reply(text=f"{self._greeting()} {lead} {first.text}", kind="question", question_id=first.id)

    async def respond(self, answer: str, *, answer_seconds: float | None = None) -> Reply:
        if self._started_at is None:
            return await self.open()
        return self.apply(self.decide(answer, answer_seconds=answer_seconds), answer=answer)

    async def wrap_up(self, reason: str) -> Reply:
        return self._close(reason)

    # --- deciding ----------------------------------------------------------------------------------

    def decide(self, answer: str, *, answer_seconds: float | None = None) -> Decision:
        question = self.current_question
        if self._finished or question is None:
            return Decision(action="close")
        spoken = answer_seconds if answer_seconds is not None else estimate_seconds(answer)
        signals = analyse_answer(
            answer,
            question,
            answer_seconds=answer_seconds,
            earlier=self._heard,
            seconds_on_question=max(0.0, self.question_elapsed() - spoken),
        )
        if self.session_left() <= CLOSING_S / 2:
            return Decision(action="close", signals=signals, close_reason="time_up")
        if signals.unusable:
            retry = self._unusable == 0 and self._question_left(question) > MIN_FOLLOW_UP_S
            return Decision(action="retry" if retry else "next", signals=signals)
        return self._probe_or_move_on(question, signals)

    def _probe_or_move_on(self, question: PlanQuestion, signals: AnswerSignals) -> Decision:
        left = self._question_left(question)
        allowed = (
            left >= MIN_FOLLOW_UP_S
            and self._follow_ups < question.max_follow_ups
            and self.session_left() - CLOSING_S > MIN_FOLLOW_UP_S
        )
        base = Decision(
            action="next", signals=signals, over_time=left <= 0 or signals.rambling, can_follow_up=allowed
        )
        # Still off topic after being steered back: more probing would only frustrate, so move on.
        if not allowed or (signals.off_topic and "probe_redirect" in self._probes_used):
            return base
        slot = self._dynamic_probe(question, signals)
        if slot:
            return replace(base, action="follow_up", probe_slot=slot, over_time=False)
        planned = next((p for p in question.follow_ups if p not in self._spoken_probes), None)
        if planned:
            return replace(base, action="follow_up", planned_probe=planned, over_time=False)
        return base

    def _dynamic_probe(self, question: PlanQuestion, signals: AnswerSignals) -> str | None:
        wanted = [
            ("probe_redirect", signals.off_topic),
            ("probe_expand", signals.too_short),
            ("probe_concise", signals.rambling),
        ]
        if question.kind in _STAR_KINDS:
            wanted += [
                ("probe_result", "result" in signals.missing_star),
                ("probe_we", signals.vague_we),
                ("probe_action", "action" in signals.missing_star),
                ("probe_metric", not signals.has_metric),
                ("probe_situation", {"situation", "task"} <= set(signals.missing_star)),
            ]
        wanted.append(("probe_reasoning", signals.lacks_reasoning))
        return next((slot for slot, needed in wanted if needed and slot not in self._probes_used), None)

    def _question_left(self, question: PlanQuestion) -> float:
        return question.time_budget_s - self.question_elapsed()

    # --- phrasing and state changes ----------------------------------------------------------------

    def apply(
        self,
        decision: Decision,
        *,
        follow_up_text: str | None = None,
        acknowledgement: str | None = None,
        answer: str = "",
    ) -> Reply:
        """Carry out a decision; the LLM interviewer passes its own wording for the follow-up and ack."""
        question = self.current_question
        if decision.signals is not None and not decision.signals.unusable:
            self._heard = f"{self._heard} {answer}".strip()
        if decision.action == "close" or question is None:
            return self._close(decision.close_reason, signals=decision.signals)
        if decision.action == "retry":
            self._unusable += 1
            return Reply(
                text=self._phrases.say("retry_unusable", question.id), kind="retry", question_id=question.id
            )
        if decision.action == "follow_up":
            return self._follow_up(question, decision, follow_up_text)
        return self._move_on(decision, acknowledgement)

    def _follow_up(self, question: PlanQuestion, decision: Decision, text: str | None) -> Reply:
        self._follow_ups += 1
        if decision.probe_slot:
            self._probes_used.add(decision.probe_slot)
        if text is None and decision.planned_probe:
            text = decision.planned_probe
        if text is None:
            slot = decision.probe_slot or "probe_expand"
            text = self._phrases.say(slot, question.id, topic=question.competency)
        self._spoken_probes.add(text)
        return Reply(text=text, kind="follow_up", question_id=question.id)

    def _move_on(self, decision: Decision, acknowledgement: str | None) -> Reply:
        upcoming = self.upcoming_question()
        if upcoming is None:
            reason = "time_up" if self._index + 1 < len(self.plan.questions) else "completed"
            return self._close(reason, signals=decision.signals, acknowledgement=acknowledgement)
        lead = self._lead_in(decision, upcoming, acknowledgement)
        self._start_question(self._index + 1)
        return Reply(text=f"{lead} {upcoming.text}", kind="question", question_id=upcoming.id)

    def _lead_in(self, decision: Decision, upcoming: PlanQuestion, acknowledgement: str | None) -> str:
        signals = decision.signals
        if signals is not None and signals.unusable:
            return self._phrases.say("skip_unusable", upcoming.id)
        if decision.over_time:
            return self._phrases.say("time_transition", upcoming.id)
        ack = acknowledgement or self._acknowledge(signals, upcoming.id)
        return f"{ack} {self._phrases.say('transition', upcoming.id)}"

    def _acknowledge(self, signals: AnswerSignals | None, key: str) -> str:
        praise = signals is not None and signals.solid and signals.has_metric
        return self._phrases.say("ack_good" if praise else "ack_neutral", key)

    def _start_question(self, index: int) -> None:
        self._index = index
        self._question_started_at = self._clock()
        self._follow_ups = 0
        self._unusable = 0
        self._probes_used = set()
        self._heard = ""
        self.asked_question_ids.append(self.plan.questions[index].id)

    def _greeting(self) -> str:
        return self._phrases.say(
            "greeting", self.plan.role_kit, context=self._context(), minutes=self.plan.duration_min
        )

    def _context(self) -> str:
        if self.plan.job_title and self.plan.company_name:
            return f" for the {self.plan.job_title} role at {self.plan.company_name}"
        if self.plan.job_title:
            return f" for the {self.plan.job_title} role"
        return ""

    def _close(
        self,
        reason: str,
        *,
        signals: AnswerSignals | None = None,
        prefix: str = "",
        acknowledgement: str | None = None,
    ) -> Reply:
        if self._finished:
            return Reply(text=self._phrases.say("after_close"), kind="closing", done=True)
        self._finished = True
        slot = {"time_up": "closing_time_up", "idle": "closing_idle"}.get(reason, "closing_done")
        ack = (
            ""
            if signals is None or signals.unusable
            else (acknowledgement or self._acknowledge(signals, slot))
        )
        text = " ".join(part for part in (prefix, ack, self._phrases.say(slot, reason)) if part)
        return Reply(text=text, kind="closing", done=True)
