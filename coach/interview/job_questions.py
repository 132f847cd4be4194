"""Questions generated from a parsed job description: its requirements, risks and responsibilities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from coach.interview.bank import DEFAULT_BUDGET_S, BankQuestion
from coach.interview.kits import RoleKit
from coach.interview.schema import PlanQuestion, QuestionKind, QuestionSource
from coach.interview.text import content_stems, lower_first, short_id, stable_pick
from prompts import fill, load_prompt

_LEADING_FLUFF = re.compile(
    r"^(?:\d+\+?\s*(?:years?|yrs?)\s*(?:of)?\s*(?:professional|hands-on|proven)?\s*(?:experience)?\s*"
    r"(?:with|in|using|as)?\s*|(?:strong|solid|proven|excellent|deep|good|demonstrated|hands-on|working)\s+"
    r"|(?:experience|knowledge|familiarity|proficiency|expertise|understanding)\s+(?:with|in|of)\s+"
    r"|ability\s+to\s+)",
    re.IGNORECASE,
)
_TEMPLATE_CATEGORY = {
    "hard": "hard",
    "soft": "soft",
    "experience": "experience",
    "education": "credential",
    "certification": "credential",
}
_SOFT_COMPETENCY_HINTS = ("communication", "collaboration", "stakeholder", "empathy", "teamwork")
_KIND_FOR_TYPE: dict[str, QuestionKind] = {
    "behavioral": "behavioral",
    "hr_screen": "motivation",
    "technical_verbal": "technical",
    "case": "case",
    "coding": "technical",
}


@lru_cache(maxsize=1)
def templates() -> dict:
    return yaml.safe_load(load_prompt("job_questions.yaml"))


@dataclass
class JobContext:
    """The parts of a parsed JD the planner uses, tolerant of missing keys."""

    must_haves: list[dict] = field(default_factory=list)
    nice_to_haves: list[dict] = field(default_factory=list)
    risks: dict[str, str] = field(default_factory=dict)  # requirement id -> why it is a risk
    responsibilities: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    seniority: str | None = None

    @classmethod
    def from_parsed(cls, jd: dict | None) -> JobContext:
        if not jd:
            return cls()
        reqs = jd.get("requirements") or {}
        tags = {t.lower() for key in ("domain", "company_signals") for t in jd.get(key) or []}
        return cls(
            must_haves=_clean_requirements(reqs.get("must_have"), must=True),
            nice_to_haves=_clean_requirements(reqs.get("nice_to_have"), must=False),
            risks={
                r["requirement_id"]: r.get("reason", "")
                for r in jd.get("risks") or []
                if r.get("requirement_id")
            },
            responsibilities=[r for r in jd.get("responsibilities") or [] if r and r.strip()],
            tags=tags,
            seniority=jd.get("seniority"),
        )


def _clean_requirements(items: list[dict] | None, *, must: bool) -> list[dict]:
    cleaned = []
    for index, item in enumerate(items or [], start=1):
        if not item or not str(item.get("text", "")).strip():
            continue
        cleaned.append(
            {
                "id": item.get("id") or f"req-{index}",
                "text": item["text"].strip(),
                "skills": list(item.get("skills") or []),
                "category": item.get("category") or "other",
                "years": item.get("years"),
                "must": must,
            }
        )
    return cleaned


_COMMON_NOUN_ENDINGS = ("ion", "ing", "ics", "ment", "ity", "ance", "ence", "ship", "ness")


def speakable_skill(skill: str) -> str:
    """Lower-case a capitalised common noun ("Patient assessment") but keep names ("PostgreSQL")."""
    first, _, rest = skill.partition(" ")
    capitalised = first[:1].isupper() and first[1:].islower()
    # "Epic EHR" keeps its capital: a name is followed by more capitals, a common phrase is not.
    looks_common = capitalised and (rest.islower() if rest else first.endswith(_COMMON_NOUN_ENDINGS))
    return first.lower() + skill[len(first) :] if looks_common else skill


def requirement_topic(req: dict) -> str:
    """A short speakable name for what a requirement asks for ("PostgreSQL", "stakeholder management")."""
    if req["skills"]:
        return speakable_skill(req["skills"][0])
    text = lower_first(req["text"])
    for _ in range(3):  # "5+ years of strong experience with X" needs several passes
        text = _LEADING_FLUFF.sub("", text).strip()
    words = text.split()
    return " ".join(words[:8]) if words else lower_first(req["text"])


def competency_for(req: dict, kit: RoleKit) -> str:
    """The kit competency whose keywords best match the requirement; category decides ties."""
    stems = content_stems(" ".join([req["text"], *req["skills"]]))
    scored = [
        (len(stems & content_stems(" ".join([c.name, *c.keywords]))), -i, c.name)
        for i, c in enumerate(kit.competencies)
    ]
    best = max(scored)
    if best[0] > 0:
        return best[2]
    if req["category"] == "soft":
        soft = [c.name for c in kit.competencies if any(h in c.name for h in _SOFT_COMPETENCY_HINTS)]
        if soft:
            return soft[0]
    return kit.competencies[0].name


def responsibility_for(req: dict, responsibilities: list[str]) -> str:
    stems = content_stems(" ".join([req["text"], *req["skills"]]))
    ranked = sorted(responsibilities, key=lambda r: -len(stems & content_stems(r)))
    chosen = ranked[0] if ranked else templates()["default_responsibility"]
    return lower_first(chosen)


def _template_options(interview_type: str, req: dict, *, risk: bool) -> list[str]:
    """Every template that fits, starting from a deterministic pick so plans are reproducible."""
    table = templates()
    if risk and interview_type not in ("case", "coding"):
        options = table["risk"]["any"]
    elif interview_type in ("case", "hr_screen"):
        options = table[interview_type]["any"]
    else:
        section = table["technical_verbal" if interview_type == "coding" else interview_type]
        category = _TEMPLATE_CATEGORY.get(req["category"], "hard" if req["skills"] else "experience")
        options = section.get(category) or section["hard"]
    first = options.index(stable_pick(options, interview_type, req["text"]))
    return options[first:] + options[:first]


def _pick_template(interview_type: str, req: dict, *, risk: bool, avoid: set[str]) -> tuple[str, str, bool]:
    """(template, question id, is_retry): a fresh variant if one exists, else a deliberate retry."""
    options = _template_options(interview_type, req, risk=risk)
    ids = ["jd-" + short_id(interview_type, t, req["text"]) for t in options]
    for template, qid in zip(options, ids, strict=True):
        if qid not in avoid:
            return template, qid, False
    return options[0], ids[0], True


def requirement_probe(req: dict) -> str:
    """A short follow-up that checks one more requirement without a whole new question."""
    table = templates()["probe"]
    category = _TEMPLATE_CATEGORY.get(req["category"], "hard")
    template = stable_pick(table.get(category) or table["hard"], req["text"])
    return fill(template, skill=requirement_topic(req), requirement=lower_first(req["text"]))


def job_question(
    req: dict,
    kit: RoleKit,
    interview_type: str,
    ctx: JobContext,
    extra: list[dict] | None = None,
    avoid: set[str] | None = None,
) -> PlanQuestion:
    """A question aimed at one requirement, with probes for `extra` requirements it also covers.

    When every phrasing was asked recently the requirement still matters, so it comes back as a retry.
    """
    risk = ctx.risks.get(req["id"])
    template, qid, retry = _pick_template(interview_type, req, risk=risk is not None, avoid=avoid or set())
    text = fill(
        template,
        skill=requirement_topic(req),
        requirement=lower_first(req["text"]),
        responsibility=responsibility_for(req, ctx.responsibilities),
    )
    kind = _KIND_FOR_TYPE[interview_type]
    extra = extra or []
    return PlanQuestion(
        id=qid,
        text=text,
        kind=kind,
        competency=competency_for(req, kit),
        rationale=_rationale(req, risk, extra),
        source=QuestionSource(
            jd_requirement=req["text"],
            risk=risk,
            retry_of=qid if retry else None,
            requirement_ids=[req["id"], *(e["id"] for e in extra)],
        ),
        rubric=[fill(r, skill=requirement_topic(req)) for r in templates()["rubric"]],
        follow_ups=[requirement_probe(e) for e in extra],
        time_budget_s=DEFAULT_BUDGET_S[kind],
    )


def _rationale(req: dict, risk: str | None, extra: list[dict]) -> str:
    label = "must-have" if req.get("must", True) else "nice-to-have"
    parts = [f'Targets the {label} "{req["text"]}" ({req["id"]}).']
    if risk:
        parts.append(f"Resume risk: {risk}")
    if extra:
        parts.append("Follow-ups also probe: " + "; ".join(f'"{e["text"]}" ({e["id"]})' for e in extra) + ".")
    return " ".join(parts)


def resume_question(resume_profile: dict | None, kit: RoleKit) -> PlanQuestion | None:
    """One question anchored on the candidate's own strongest achievement, if the resume has one."""
    achievements = [a for a in (resume_profile or {}).get("achievements") or [] if a.get("text")]
    if not achievements:
        return None
    best = max(achievements, key=lambda a: (len(a.get("numbers") or []), len(a["text"])))
    achievement = lower_first(best["text"])
    template = templates()["resume"]["any"][0]
    req_like = {"text": best["text"], "skills": [], "category": "experience"}
    return PlanQuestion(
        id="cv-" + short_id(best["text"]),
        text=fill(template, achievement=achievement),
        kind="behavioral",
        competency=competency_for(req_like, kit),
        rationale=f'Your resume claims "{best["text"]}"; interviewers will ask you to back it up.',
        rubric=[
            "Explains the situation behind the claim",
            "Separates their own part from the team's",
            "Backs the numbers with how they were measured",
        ],
        follow_ups=["How did you measure that?"],
        time_budget_s=DEFAULT_BUDGET_S["behavioral"],
    )


def weakness_questions(kit: RoleKit, competency: str, interview_type: str) -> list[BankQuestion]:
    """Bank-shaped questions aimed squarely at a competency the candidate keeps struggling with."""
    if interview_type in ("coding", "case"):
        return []
    family = "behavioral" if interview_type in ("behavioral", "hr_screen") else "technical"
    known = kit.competency(competency)
    rubric = (
        known.rubric
        if known
        else [
            "Gives a specific recent example",
            "Explains their own choices",
            "Reflects honestly on what they would change",
        ]
    )
    kind: QuestionKind = "behavioral" if family == "behavioral" else "technical"
    return [
        BankQuestion(
            id="wk-" + short_id(competency, family, i),
            text=fill(t, competency=competency),
            competency=competency,
            kind=kind,
            interview_type=interview_type,
            rubric=list(rubric),
            time_budget_s=DEFAULT_BUDGET_S[kind],
        )
        for i, t in enumerate(templates()["weakness"][family])
    ]
