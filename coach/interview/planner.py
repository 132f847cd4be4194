"""Job-aware interview plans: which questions, in what order, with how much time, and why.

The offline planner is deterministic: the same inputs always give the same plan. The LLM variants
ask a model to improve on the offline plan and keep the offline plan whenever the answer is unusable.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from typing import Any

import openai

from coach.interview.bank import BankQuestion, UnsupportedInterviewType, questions_for
from coach.interview.coverage import must_have_coverage, question_targets
from coach.interview.job_questions import (
    JobContext,
    competency_for,
    job_question,
    requirement_probe,
    resume_question,
    weakness_questions,
)
from coach.interview.kits import RoleKit, role_kit_for
from coach.interview.llm_json import LLMUnavailable, chat_json
from coach.interview.schema import InterviewPlan, InterviewType, Persona, PlanQuestion, QuestionSource
from coach.interview.weakness import CRITERION_PROBES, Weaknesses, history_question_ids, read_weaknesses
from prompts import render_prompt

log = logging.getLogger(__name__)
__all__ = [
    "UnsupportedInterviewType",
    "available_seconds",
    "generate_plan",
    "generate_plan_llm",
    "generate_questions",
    "generate_questions_llm",
    "question_count",
]

GREETING_S = 45
CLOSING_S = 45
MIN_QUESTION_S = 45
MAX_PROBES = 4
_AVERAGE_BUDGET = {"behavioral": 165, "hr_screen": 120, "technical_verbal": 210, "case": 360, "coding": 400}
_PACE = {"warmup": 1.1, "standard": 1.0, "intense": 0.9}
_DIFFICULTY_RANK = {"warmup": 0, "standard": 1, "intense": 2}
_TONE_FOR_DIFFICULTY = {"warmup": "warm", "standard": "neutral", "intense": "tough"}
_CATEGORY_ORDER = {"hard": 0, "experience": 1, "soft": 2, "certification": 3, "education": 4}
_CRITERION_KINDS = {
    "structure": {"behavioral", "situational", "motivation", "case"},
    "specificity": {"behavioral", "situational", "motivation", "case"},
    "relevance": {"behavioral", "situational", "motivation"},
    "conciseness": {"behavioral", "situational", "motivation", "technical"},
    "depth": {"technical", "case", "coding"},
}


def available_seconds(duration_min: int) -> int:
    """Question time in a session: the duration minus the greeting and the closing."""
    return max(60, duration_min * 60 - GREETING_S - CLOSING_S)


def question_count(interview_type: str, duration_min: int, difficulty: str = "standard") -> int:
    average = _AVERAGE_BUDGET[interview_type] * _PACE.get(difficulty, 1.0)
    return max(1, int(available_seconds(duration_min) / average + 0.5))


def generate_plan(
    *,
    role_kit: str,
    interview_type: InterviewType,
    difficulty: str = "standard",
    duration_min: int = 15,
    persona: Persona | None = None,
    resume_profile: dict | None = None,
    jd_parsed: dict | None = None,
    job_target_history: list[dict] | None = None,
    user_weakness_patterns: list[dict] | None = None,
    recent_question_ids: set[str] | None = None,
    job_target_id: str | None = None,
    job_title: str | None = None,
    company_name: str | None = None,
) -> InterviewPlan:
    """Build a plan offline. Raises UnsupportedInterviewType for e.g. a coding interview in a nursing kit."""
    kit = role_kit_for(role_kit)
    weak = read_weaknesses(user_weakness_patterns, job_target_history)
    bank = _bank_with_weak_areas(kit, interview_type, weak)
    ctx = JobContext.from_parsed(jd_parsed)
    avoid = set(recent_question_ids or ()) | history_question_ids(job_target_history)
    slots = question_count(interview_type, duration_min, difficulty)
    from_job = _job_questions(ctx, kit, interview_type, _job_slot_limit(slots, interview_type), avoid)
    from_job += _resume_slot(resume_profile, kit, interview_type, slots, from_job, avoid)
    from_bank = _bank_questions(bank, kit, weak, ctx, difficulty, slots - len(from_job), from_job, avoid)
    questions = _order(from_job, from_bank)
    _attach_uncovered(questions, ctx)
    _apply_weaknesses(questions, weak, kit)
    _set_follow_up_limits(questions, difficulty)
    _assign_budgets(questions, available_seconds(duration_min), weak)
    return InterviewPlan(
        role_kit=kit.id,
        interview_type=interview_type,
        difficulty=difficulty,
        duration_min=duration_min,
        persona=persona or Persona(tone=_TONE_FOR_DIFFICULTY.get(difficulty, "neutral")),
        job_target_id=job_target_id,
        job_title=job_title or (jd_parsed or {}).get("title"),
        company_name=company_name,
        questions=questions,
    )


def _bank_with_weak_areas(kit: RoleKit, interview_type: str, weak: Weaknesses) -> list[BankQuestion]:
    """The bank, plus targeted questions for weak competencies so they can get more than one slot."""
    bank = questions_for(kit.id, interview_type)
    for name in sorted(weak.competencies):
        if weak.is_weak(name) and (kit.competency(name) or any(q.competency == name for q in bank)):
            bank = bank + weakness_questions(kit, name, interview_type)
    return bank


def _job_slot_limit(slots: int, interview_type: str) -> int:
    # Coding sessions are exercises from the bank; the JD reaches them through probes instead.
    if interview_type == "coding":
        return 0
    if interview_type == "case":
        return max(1, slots // 2)
    return max(1, math.ceil(slots * 0.6))


def _job_questions(
    ctx: JobContext, kit: RoleKit, interview_type: str, limit: int, avoid: set[str]
) -> list[PlanQuestion]:
    targets = ctx.must_haves or ctx.nice_to_haves
    if not targets or limit <= 0:
        return []
    # A case built around a missing certification makes no sense; risks lead only in question-led interviews.
    risks = set(ctx.risks) if interview_type not in ("case", "coding") else set()
    groups = _group_requirements(targets, risks, kit, limit)
    return [job_question(g[0], kit, interview_type, ctx, extra=g[1:], avoid=avoid) for g in groups]


def _group_requirements(reqs: list[dict], risks: set[str], kit: RoleKit, limit: int) -> list[list[dict]]:
    """Pack requirements into at most `limit` questions: risks lead their own, related ones share one."""
    ordered = sorted(reqs, key=lambda r: (r["id"] not in risks, _CATEGORY_ORDER.get(r["category"], 5)))
    groups: list[tuple[str, list[dict]]] = []
    for req in ordered:
        competency = competency_for(req, kit)
        is_risk = req["id"] in risks
        same = [g for g in groups if g[0] == competency and len(g[1]) < 3 and not is_risk]
        if same:
            same[0][1].append(req)
        elif len(groups) < limit:
            groups.append((competency, [req]))
        else:
            smallest = min(groups, key=lambda g: len(g[1]))
            if len(smallest[1]) <= MAX_PROBES:
                smallest[1].append(req)
    return [members for _, members in groups]


def _resume_slot(
    resume_profile: dict | None,
    kit: RoleKit,
    interview_type: str,
    slots: int,
    chosen: list[PlanQuestion],
    avoid: set[str],
) -> list[PlanQuestion]:
    if interview_type not in ("behavioral", "hr_screen") or slots - len(chosen) < 2:
        return []
    question = resume_question(resume_profile, kit)
    return [question] if question and question.id not in avoid else []


def _bank_questions(
    bank: list[BankQuestion],
    kit: RoleKit,
    weak: Weaknesses,
    ctx: JobContext,
    difficulty: str,
    n: int,
    chosen: list[PlanQuestion],
    avoid: set[str],
) -> list[PlanQuestion]:
    counts = Counter(q.competency for q in chosen)
    used = {q.id for q in chosen}
    cap = max(1, math.ceil(0.4 * (n + len(chosen))))  # keep one weak area from crowding out the rest
    picked: list[PlanQuestion] = []
    for _ in range(max(0, n)):
        found = _next_bank_question(bank, kit, weak, ctx, difficulty, counts, used, avoid, cap)
        if found is None:
            break
        question, retry = found
        used.add(question.id)
        counts[question.competency] += 1
        picked.append(_from_bank(question, kit, ctx, retry))
    return picked


def _next_bank_question(
    bank, kit, weak, ctx, difficulty, counts, used, avoid, cap
) -> tuple[BankQuestion, bool] | None:
    """Most under-served competency first (weights boosted by weakness); fresh questions before retries."""
    open_questions = [q for q in bank if q.id not in used]
    open_questions = [q for q in open_questions if counts[q.competency] < cap] or open_questions
    fresh = [q for q in open_questions if q.id not in avoid]
    retryable = [q for q in open_questions if q.id in avoid and weak.is_weak(q.competency)]
    pool = fresh + retryable or open_questions  # last resort: repeat something rather than run short
    if not pool:
        return None

    def priority(name: str) -> float:
        return kit.weight_of(name) * weak.competency_multiplier(name) / (counts[name] + 1)

    competency = max(dict.fromkeys(q.competency for q in pool), key=priority)
    candidates = [q for q in pool if q.competency == competency]
    best = min(candidates, key=lambda q: (q.id in avoid, _fit(q, ctx, difficulty), bank.index(q)))
    return best, best.id in avoid


def _fit(question: BankQuestion, ctx: JobContext, difficulty: str) -> tuple[int, int, int]:
    distance = abs(_DIFFICULTY_RANK[question.difficulty] - _DIFFICULTY_RANK.get(difficulty, 1))
    tag_overlap = len({t.lower() for t in question.job_fit_tags} & ctx.tags)
    level_miss = int(bool(question.role_level and ctx.seniority and ctx.seniority not in question.role_level))
    return distance, -tag_overlap, level_miss


def _from_bank(question: BankQuestion, kit: RoleKit, ctx: JobContext, retry: bool) -> PlanQuestion:
    if kit.competency(question.competency):
        share = f"{kit.weight_of(question.competency):.0%} of a {kit.name} interview"
        reasons = [f"Covers {question.competency}, {share}."]
    else:
        reasons = [f"Covers {question.competency}, which every interviewer checks."]
    tags = sorted({t for t in question.job_fit_tags if t.lower() in ctx.tags})
    if tags:
        reasons.append("The scenario fits this job: " + ", ".join(tags) + ".")
    if retry:
        reasons.append("Deliberate retry of a recent question, to see whether the answer has improved.")
    return PlanQuestion(
        id=question.id,
        text=question.text,
        kind=question.kind,
        competency=question.competency,
        rationale=" ".join(reasons),
        source=QuestionSource(retry_of=question.id if retry else None),
        rubric=question.rubric + question.judged,
        follow_ups=list(question.follow_ups),
        time_budget_s=question.time_budget_s,
        difficulty=question.difficulty,
        exhibit=question.exhibit,
        exhibit_language=question.exhibit_language,
        coding_mode=question.coding_mode,
    )


def _order(from_job: list[PlanQuestion], from_bank: list[PlanQuestion]) -> list[PlanQuestion]:
    """Interleave job and bank questions, easing in with warm-ups and ending on the hardest."""
    mixed: list[PlanQuestion] = []
    for i in range(max(len(from_job), len(from_bank))):
        mixed += from_job[i : i + 1] + from_bank[i : i + 1]
    ordered = sorted(mixed, key=lambda q: _DIFFICULTY_RANK[q.difficulty or "standard"])
    _spread_competencies(ordered)
    return ordered


def _spread_competencies(questions: list[PlanQuestion]) -> None:
    """Avoid two questions on the same competency back to back, without breaking the difficulty ramp."""

    def rank(q: PlanQuestion) -> int:
        return _DIFFICULTY_RANK[q.difficulty or "standard"]

    for i in range(1, len(questions)):
        if questions[i].competency != questions[i - 1].competency:
            continue
        for j in range(i + 1, len(questions)):
            if questions[j].competency != questions[i - 1].competency and rank(questions[j]) == rank(
                questions[i]
            ):
                questions[i], questions[j] = questions[j], questions[i]
                break


def _attach_uncovered(questions: list[PlanQuestion], ctx: JobContext) -> None:
    """Give every must-have no question targets yet a probe on the closest question."""
    for req in ctx.must_haves:
        if not questions or any(question_targets(q, req) for q in questions):
            continue
        room = [q for q in questions if len(q.follow_ups) < MAX_PROBES] or questions
        host = min(room, key=lambda q: (len(q.source.requirement_ids), len(q.follow_ups)))
        host.follow_ups.insert(0, requirement_probe(req))
        host.source.requirement_ids.append(req["id"])
        host.source.jd_requirement = host.source.jd_requirement or req["text"]
        host.rationale += f' A follow-up probes the must-have "{req["text"]}" ({req["id"]}).'


def _apply_weaknesses(questions: list[PlanQuestion], weak: Weaknesses, kit: RoleKit) -> None:
    for question in questions:
        if weak.is_weak(question.competency):
            question.source.weakness = question.source.weakness or f"competency:{question.competency}"
            question.max_follow_ups += 1
            question.rationale += (
                f" Extra probing: {question.competency} is a past weak area "
                f"({weak.notes.get(question.competency, 'from earlier sessions')})."
            )
    for criterion, _ in sorted(weak.criteria.items(), key=lambda kv: -kv[1]):
        _apply_criterion(questions, criterion, weak.notes.get(criterion, ""))


def _apply_criterion(questions: list[PlanQuestion], criterion: str, note: str) -> None:
    probe = CRITERION_PROBES.get(criterion)
    kinds = _CRITERION_KINDS.get(criterion, set())
    hosts = [q for q in questions if q.kind in kinds and probe not in q.follow_ups][:2]
    for question in hosts:
        question.follow_ups.append(probe)
        question.max_follow_ups += 1
        question.source.weakness = question.source.weakness or criterion
        question.rationale += f" Practises {criterion}, a recurring gap ({note})."


def _set_follow_up_limits(questions: list[PlanQuestion], difficulty: str) -> None:
    shift = {"warmup": -1, "standard": 0, "intense": 1}.get(difficulty, 0)
    for question in questions:
        probes_for_job = max(0, len(question.source.requirement_ids) - 1)
        wanted = max(question.max_follow_ups, 1 + probes_for_job) + shift
        question.max_follow_ups = max(1, min(MAX_PROBES, wanted))


def _assign_budgets(questions: list[PlanQuestion], total_s: int, weak: Weaknesses) -> None:
    """Scale budgets so they sum exactly to the question time; weak areas get a larger share."""
    if not questions:
        return
    weights = [q.time_budget_s * (1.25 if weak.is_weak(q.competency) else 1.0) for q in questions]
    scale = total_s / sum(weights)
    budgets = [max(MIN_QUESTION_S, int(w * scale)) for w in weights]
    budgets[budgets.index(max(budgets))] += total_s - sum(budgets)
    for question, budget in zip(questions, budgets, strict=True):
        question.time_budget_s = budget


# --- LLM plans ------------------------------------------------------------------------------------


def plan_questions_schema() -> dict:
    """JSON Schema for an LLM plan reply, derived from the PlanQuestion model."""
    question = PlanQuestion.model_json_schema()
    defs = question.pop("$defs", {})
    return {
        "type": "object",
        "required": ["questions"],
        "properties": {
            "questions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/PlanQuestion"}}
        },
        "$defs": {**defs, "PlanQuestion": question},
    }


async def generate_plan_llm(
    *, client: openai.AsyncOpenAI, model: str, timeout_s: float = 30.0, **plan_args: Any
) -> InterviewPlan:
    """Ask the model to improve the offline plan; any error or weaker result returns the offline plan."""
    offline = generate_plan(**plan_args)
    try:
        reply = await chat_json(
            client,
            model,
            _plan_messages(offline, plan_args),
            schema=plan_questions_schema(),
            timeout_s=timeout_s,
        )
        return _accept_llm_plan(offline, reply, plan_args)
    except (LLMUnavailable, ValueError) as exc:
        log.warning("LLM plan rejected, using the offline plan: %s", exc)
        return offline


def _plan_messages(offline: InterviewPlan, plan_args: dict) -> list[dict]:
    kit = role_kit_for(offline.role_kit)
    ctx = JobContext.from_parsed(plan_args.get("jd_parsed"))
    weak = read_weaknesses(plan_args.get("user_weakness_patterns"), plan_args.get("job_target_history"))
    prompt = render_prompt(
        "plan_generation",
        interview_type=offline.interview_type,
        kit_name=kit.name,
        difficulty=offline.difficulty,
        duration_min=offline.duration_min,
        question_seconds=available_seconds(offline.duration_min),
        job_title=offline.job_title or "not given",
        competencies=json.dumps({c.name: c.weight for c in kit.competencies}),
        requirements=json.dumps({r["id"]: r["text"] for r in ctx.must_haves}),
        risks=json.dumps(ctx.risks),
        weaknesses=json.dumps(weak.notes),
        recent_ids=json.dumps(sorted(plan_args.get("recent_question_ids") or [])),
        draft=json.dumps({"questions": [q.model_dump(mode="json") for q in offline.questions]}),
        schema=json.dumps(plan_questions_schema()),
    )
    return [{"role": "user", "content": prompt}]


def _accept_llm_plan(offline: InterviewPlan, reply: dict, plan_args: dict) -> InterviewPlan:
    questions = [PlanQuestion.model_validate(q) for q in reply["questions"]]
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate question ids")
    recent = set(plan_args.get("recent_question_ids") or ())
    repeats = [q.id for q in questions if q.id in recent and q.source.retry_of != q.id]
    if repeats:
        raise ValueError(f"repeats recent questions without marking a retry: {repeats}")
    candidate = offline.model_copy(update={"questions": questions, "generated_by": "llm"})
    jd = plan_args.get("jd_parsed")
    if must_have_coverage(candidate, jd) < min(0.8, must_have_coverage(offline, jd)):
        raise ValueError("covers fewer must-have requirements than the offline plan")
    _assign_budgets(questions, available_seconds(offline.duration_min), Weaknesses())
    return candidate


# --- prep-page questions --------------------------------------------------------------------------

PREP_KEYS = ("behavioral_questions", "technical_questions")


def generate_questions(jd_parsed: dict, *, n: int = 5) -> dict:
    """Likely interview questions for a job's prep page, derived from its requirements.

    Returns {"behavioral_questions": [str], "technical_questions": [str], "generated_by": "offline"}.
    Jobs with few requirements are topped up from the role kit's question bank.
    """
    kit = role_kit_for((jd_parsed or {}).get("role_family"))
    ctx = JobContext.from_parsed(jd_parsed)
    must = sorted(
        ctx.must_haves, key=lambda r: (r["id"] not in ctx.risks, _CATEGORY_ORDER.get(r["category"], 5))
    )
    reqs = must + ctx.nice_to_haves
    technical_reqs = [r for r in reqs if r["category"] != "soft"]
    behavioral = [job_question(r, kit, "behavioral", ctx).text for r in reqs[:n]]
    technical = [job_question(r, kit, "technical_verbal", ctx).text for r in technical_reqs[:n]]
    behavioral += [q.text for q in questions_for(kit.id, "behavioral")][: max(0, n - len(behavioral))]
    technical += [q.text for q in questions_for(kit.id, "technical_verbal")][: max(0, n - len(technical))]
    return {"behavioral_questions": behavioral, "technical_questions": technical, "generated_by": "offline"}


def prep_questions_schema(n: int) -> dict:
    texts = {"type": "array", "minItems": 1, "maxItems": n, "items": {"type": "string", "minLength": 10}}
    return {"type": "object", "required": list(PREP_KEYS), "properties": dict.fromkeys(PREP_KEYS, texts)}


async def generate_questions_llm(
    jd_parsed: dict, *, client: openai.AsyncOpenAI, model: str, n: int = 5, timeout_s: float = 30.0
) -> dict:
    """LLM-written prep questions in the same shape as generate_questions, which it falls back to."""
    jd_parsed = jd_parsed or {}
    ctx = JobContext.from_parsed(jd_parsed)
    prompt = render_prompt(
        "question_generation",
        n=n,
        job_title=jd_parsed.get("title") or "not given",
        role_family=jd_parsed.get("role_family") or "other",
        responsibilities=json.dumps(ctx.responsibilities),
        requirements=json.dumps({r["id"]: r["text"] for r in ctx.must_haves + ctx.nice_to_haves}),
        schema=json.dumps(prep_questions_schema(n)),
    )
    messages = [{"role": "user", "content": prompt}]
    try:
        reply = await chat_json(client, model, messages, schema=prep_questions_schema(n), timeout_s=timeout_s)
    except LLMUnavailable as exc:
        log.warning("LLM prep questions rejected, using offline questions: %s", exc)
        return generate_questions(jd_parsed, n=n)
    result = {key: [text.strip() for text in reply[key]] for key in PREP_KEYS}
    return {**result, "generated_by": "llm"}
