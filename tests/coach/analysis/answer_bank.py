"""Fixed interview questions with a strong and a vague answer each, plus answers that must score low.

Strong answers are what a coach would hold up as good (specific, structured, reasoned); vague answers
are what candidates commonly say when unprepared. Both are written by hand, never by the analyzer.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.interview.schema import InterviewPlan, PlanQuestion, TranscriptTurn


@dataclass(frozen=True)
class Case:
    question: PlanQuestion
    strong: str
    vague: str


def _q(qid: str, kind: str, competency: str, text: str, rubric: list[str], **extra) -> PlanQuestion:
    return PlanQuestion(
        id=qid, text=text, kind=kind, competency=competency, rationale="fixture", rubric=rubric, **extra
    )


CASES: list[Case] = [
    Case(
        _q(
            "b1",
            "behavioral",
            "collaboration",
            "Tell me about a time you disagreed with a teammate about a technical decision.",
            [
                "describes the disagreement and both positions",
                "shows how they resolved it respectfully",
                "states the outcome",
            ],
        ),
        "At my last company, a fintech startup, our team was choosing a queue for payment events. A senior "
        "engineer wanted to build on Postgres LISTEN/NOTIFY, and I believed Kafka was safer because we "
        "expected ten times more traffic after the partner launch. My task was to reach a decision within "
        "one sprint without splitting the team. I set up a short comparison doc, ran a load test on both "
        "options with 5,000 events per second, and invited him to review the results with me before the "
        "design meeting. The test showed Postgres falling behind at 1,200 events per second, so he agreed "
        "to Kafka, and I took on his concern about operational cost by choosing a managed service. As a "
        "result we launched on time, handled the 8x traffic spike with no lost events, and he and I now "
        "pair on capacity planning. I learned that data settles disagreements faster than opinions.",
        "I usually try to get along with everyone on the team. Sometimes people have different opinions "
        "about things and that's fine. I think communication is really important, so I just talk to them "
        "and we figure it out. In the end it usually works out well and everyone is happy.",
    ),
    Case(
        _q(
            "b2",
            "behavioral",
            "patient assessment",
            "Describe a time you had to handle a deteriorating patient during a busy shift.",
            [
                "recognises the warning signs",
                "escalates appropriately",
                "communicates with the team and family",
            ],
        ),
        "Last winter on a 28-bed medical ward, I was covering six patients on a night shift when an "
        "82-year-old post-op patient's blood pressure dropped to 88 over 50 and her heart rate climbed to "
        "124. I was responsible for her care, so I needed to act fast without leaving my other patients "
        "unsafe. I repeated the observations, calculated her early warning score at 7, and called the rapid "
        "response team within five minutes because that score triggers escalation under our policy. I asked "
        "a colleague to cover my other patients, started oxygen per protocol and gave a structured SBAR "
        "handover to the doctor. She was transferred to high dependency within the hour and recovered from "
        "sepsis, and her family later thanked the team for keeping them informed. Since then I teach new "
        "graduates to trust the score and escalate early.",
        "I have dealt with a lot of patients who got worse. I always make sure to check on them and tell "
        "the doctor if something is wrong. Nursing is very busy so you have to stay calm and do your best. "
        "Things usually turn out fine.",
    ),
    Case(
        _q(
            "t1",
            "technical",
            "system design",
            "How would you design a rate limiter for a public API?",
            [
                "chooses an algorithm such as token bucket or sliding window",
                "discusses where state is stored",
                "handles distributed consistency and failure",
            ],
        ),
        "I'd use a token bucket per API key, because it allows short bursts while enforcing an average "
        "rate. The bucket state lives in Redis, keyed by API key, and a small Lua script refills and takes "
        "tokens atomically so two gateway nodes cannot double-spend. For example, at my last job we limited "
        "partners to 100 requests per second with bursts of 200, and the Redis check added under 2 ms at "
        "p99. The trade-off is that Redis becomes a dependency, so if it is unreachable I would fail open "
        "for paid tiers and fall back to a local in-memory limiter rather than reject every request. A "
        "sliding window log is more exact, but it costs memory per request, so I'd only choose it for "
        "low-volume endpoints like login. So overall: token bucket in Redis, atomic script, local fallback.",
        "I would basically limit how many requests people can make. You can store some stuff somewhere and "
        "check it every time. There are various ways to do it and it depends on the situation. It's a "
        "pretty common thing so I think it would be fine.",
    ),
    Case(
        _q(
            "t2",
            "technical",
            "data modeling",
            "How do you decide between a SQL database and a NoSQL store for a new service?",
            [
                "considers access patterns and query needs",
                "considers consistency requirements",
                "considers scale and operations",
            ],
        ),
        "I start from the access patterns and the consistency the product needs. If we need joins, "
        "transactions and ad hoc reporting, I pick PostgreSQL, because relational integrity saves us from "
        "reconciling money or inventory by hand. For example, in my last role we kept orders in Postgres "
        "with strict foreign keys and served 3,000 writes per second on a single primary with read "
        "replicas. I would choose a document or key-value store like DynamoDB when access is by a single "
        "key at very high scale and the schema changes often, accepting eventual consistency and losing ad "
        "hoc queries. The trade-off is operational: Postgres needs careful schema migrations, DynamoDB "
        "needs you to design every query upfront. So I'd default to Postgres and move specific hot paths "
        "out only when measurements show the need.",
        "It depends on the use case really. SQL is good for some things and NoSQL is good for other things. "
        "I usually go with what the team knows. Both are fine in most cases.",
    ),
    Case(
        _q(
            "c1",
            "case",
            "problem solving",
            "Our client, a regional coffee chain, has seen profits fall 15% this year. How would you figure "
            "out why?",
            [
                "clarifies the objective and asks questions",
                "structures revenue and cost drivers",
                "quantifies and prioritises hypotheses",
                "gives a recommendation",
            ],
        ),
        "First I'd clarify the goal: is the client asking to restore profit this year, and is the 15% drop "
        "across all 40 stores or concentrated in a few? I'd assume it is chain-wide for now. I'd break it "
        "down into revenue and costs. On revenue, I'd split it into number of transactions times average "
        "ticket, and check whether footfall fell, for example because a competitor opened nearby, or "
        "whether customers buy fewer add-ons. On costs, I'd look at the three biggest lines: coffee beans, "
        "labour and rent; bean prices rose roughly 30% this year, so if beans are 15% of revenue that alone "
        "would explain about 4.5 points of margin. I'd prioritise checking beans and labour first because "
        "they are the largest and fastest to verify. My recommendation would depend on the data, but if it "
        "is bean costs, I'd recommend a small price increase on premium drinks and renegotiating supplier "
        "contracts, and as a next step I'd pull store-level P&L for the last 8 quarters.",
        "I would look at the data and see what is going on. Maybe costs went up or sales went down, there "
        "could be a lot of reasons. I'd talk to the people there and try to understand the business better. "
        "Then we can come up with some ideas to fix it.",
    ),
    Case(
        _q(
            "c2",
            "case",
            "product sense",
            "Should a food delivery app add a grocery delivery service? Walk me through how you'd decide.",
            [
                "clarifies the goal and constraints",
                "sizes the opportunity",
                "weighs risks and costs",
                "makes a recommendation",
            ],
        ),
        "I'd first clarify the objective: is it growth in order frequency or margin, and do we have a "
        "timeline? Assuming the goal is order frequency, I'd break the decision into three parts: customer "
        "demand, economics and execution risk. For demand, if we have 2 million monthly users and survey "
        "data shows 20% already buy groceries online, that's 400,000 potential users. For economics, "
        "grocery baskets are larger, say 60 dollars versus 25, but picking costs and thin margins matter, "
        "so I'd estimate contribution per order before deciding. The main risk is operational: our couriers "
        "are optimized for 30-minute hot food runs, not heavy baskets, so I'd consider partnering with "
        "existing stores rather than building dark stores. My recommendation would be to pilot with two "
        "grocery partners in one city for 3 months and measure repeat rate and contribution margin as the "
        "next step.",
        "Grocery delivery is a big market and lots of people like it, so it could be good. But it could "
        "also be hard to do. I think we should look into it more and see what customers want. If it seems "
        "like a good idea, then we should do it.",
    ),
    Case(
        _q(
            "k1",
            "coding",
            "algorithms",
            "Given an array of integers and a target, return the indices of two numbers that add up to the "
            "target. Walk me through your approach.",
            [
                "chooses an efficient approach",
                "explains correctness",
                "states complexity",
                "handles edge cases",
            ],
        ),
        "My approach is a single pass with a hash map from value to index. For each element I compute the "
        "complement, target minus the current value, and check whether it is already in the map; if it is, "
        "I return the stored index and the current index, otherwise I store the current value. It works "
        "because any valid pair is found when we reach its second element, since the first one is already "
        "in the map, so the invariant is that the map holds every earlier value. That's O(n) time and O(n) "
        "space, compared to O(n squared) for the brute force double loop. For edge cases: an empty array or "
        "a single element returns no pair, duplicates like 3 and 3 with target 6 work because I check "
        "before inserting, and negative numbers need no special handling. I'd test it with those cases plus "
        "a case with no valid pair, and if a test failed I'd print the map at each step to see where it "
        "diverges.",
        "I would loop through the array and find the numbers that add up. Then I return them. It should "
        "work for most inputs. I think that's basically it.",
    ),
    Case(
        _q(
            "k2",
            "coding",
            "debugging",
            "This function that merges two sorted lists sometimes drops the last element. How would you "
            "find and fix the bug?",
            ["reproduces the failure", "isolates the cause", "fixes and verifies with tests"],
            coding_mode="debug",
        ),
        "First I'd reproduce it with a failing case, for example merging [1, 4] with [2, 3], and write that "
        "as a unit test so I can see the dropped 4. Then I'd step through the loop in a debugger or print "
        "the two indices on each iteration, because the symptom suggests the loop exits as soon as one list "
        "is exhausted. The fix is to append whatever remains of the other list after the loop, which is "
        "correct because both inputs are sorted, so the remaining elements are all larger than everything "
        "merged so far. I'd check edge cases: one empty list, both empty, and duplicates across lists. The "
        "complexity stays O(n + m) time. Finally I'd run the full test suite and add the failing case as a "
        "regression test so it cannot come back.",
        "I would look at the code and try to find what is wrong. Probably there is some issue with the loop "
        "or something. Then I fix it and check that it works. Usually these bugs are not too hard.",
    ),
]

UNUSABLE_ANSWERS: dict[str, str] = {
    "empty": "",
    "one_word": "Yes.",
    "shrug": "I don't know, sorry.",
    "gibberish": "asdfgh qwrtyp zxcvbnm lkjhgf",
    "filler_noise": "blah blah blah blah blah",
    "off_topic": "I really love pizza, my favourite is margherita with extra basil, and on weekends I go "
    "hiking in the mountains with my dog.",
}


def session(
    questions_and_answers: list[tuple[PlanQuestion, str]], **plan_fields
) -> tuple[InterviewPlan, list[TranscriptTurn]]:
    """A plan and transcript where each question is asked once and answered in a single turn."""
    plan = InterviewPlan(
        role_kit="backend",
        interview_type="behavioral",
        questions=[q for q, _ in questions_and_answers],
        **plan_fields,
    )
    turns = [TranscriptTurn(seq=0, role="interviewer", kind="greeting", text="Hi, thanks for joining.")]
    for question, answer in questions_and_answers:
        turns.append(
            TranscriptTurn(
                seq=len(turns),
                role="interviewer",
                kind="question",
                text=question.text,
                question_id=question.id,
            )
        )
        turns.append(TranscriptTurn(seq=len(turns), role="candidate", kind="answer", text=answer))
    return plan, turns


def case(qid: str) -> Case:
    return next(c for c in CASES if c.question.id == qid)


# The same questions answered at four levels of skill, worst first: a candidate practising moves up it.
LADDER: dict[str, list[str]] = {
    "b1": [
        case("b1").vague,
        "On my last team a colleague and I disagreed about which database to use. I talked to him and we "
        "discussed it. In the end we agreed on one and moved forward.",
        "At my last job, a teammate wanted to use MongoDB for our orders service and I preferred PostgreSQL "
        "because we needed transactions. I wrote a short comparison and we reviewed it together with our "
        "lead. We went with PostgreSQL and the service launched on time.",
        case("b1").strong,
    ],
    "t1": [
        case("t1").vague,
        "I would count requests per user and block them when they go over a limit. The counts could be kept "
        "in a cache so it is fast.",
        "I'd use a token bucket per API key, stored in Redis so every server sees the same count. For "
        "example we allowed 100 requests per second per key. If Redis is down I would let requests through "
        "rather than block everyone.",
        case("t1").strong,
    ],
}
