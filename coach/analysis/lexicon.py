"""Word lists the offline analyzer reasons with.

They are deliberately small and hand-curated: each list exists to tell a concrete answer from a vague
one, a spoken hedge from content, or a real sentence from keyboard noise, across the role families the
product serves (engineering, data, product, sales, support, nursing, finance, operations).
"""

from __future__ import annotations

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i i'd i'll i'm i've if in into is it it's its
    itself just me more most my myself no nor not now of off on once only or other our ours ourselves
    out over own same she should so some such than that that's the their theirs them themselves then
    there there's these they they're this those through to too under until up very was we we'd we're
    we've were what when where which while who whom why will with would you you're your yours yourself
    also got get gets getting yes yeah ok okay one us let let's would've don't didn't wasn't isn't can't
    won't cannot""".split()  # noqa: SIM905
)

# Everyday words that are not function words; with STOPWORDS they tell real language from noise.
COMMON_WORDS = frozenset(
    """able ask asked back bad best better big call came come day days different done easy end enough even
    ever every example fact far feel felt find first found give go going good great hand hard help
    helped high home idea important keep kind know knew last later least left less life like little long
    look lot lots made make making many may mean meant might much must need needed never new next nice
    night old part people place point put quite really right said saw say see seemed set since small
    something start started still sure take taken talk talked tell thing things think thought time times
    told took try tried turn two three four five six seven eight nine ten twenty hundred thousand
    million way week weeks well went whole work worked working world year years yet love enjoy weekend
    weekends food pizza beach dog cat family friends movie movies music game games favourite favorite
    really pretty weather sunny holiday vacation trip travel travelled hiking walk walking cooking cook
    eat eating dinner lunch breakfast coffee house car city country school kids children book books read
    reading play playing watch watching fun happy sad nothing anything everything someone anyone
    everyone around always usually often sometimes maybe probably actually basically honestly literally
    definitely""".split()  # noqa: SIM905
)

# Vocabulary of workplaces; an answer with none of it and no overlap with the question is off-topic.
WORK_WORDS = frozenset(
    """team teammate colleague coworker manager boss lead project product customer client user users
    stakeholder stakeholders deadline release launch ship shipped deploy deployed code system service
    data report meeting plan planning process budget cost revenue sales deal quota account patient
    patients nurse doctor care ward shift clinic hospital ticket tickets issue issues bug bugs incident
    outage design feature features requirement requirements goal goals result results metric metrics
    company business market campaign role job responsibility responsible task tasks decision decisions
    problem problems solution solutions feedback review reviews test tests testing quality performance
    priority priorities deliver delivered delivery schedule sprint roadmap strategy analysis model
    database server api app application platform support escalation contract vendor partner hire hired
    hiring mentor mentored training trained process workflow policy compliance audit risk risks engineer
    engineers engineering developer analyst director organisation organization department office remote
    interview career experience skill skills learn learned learning improve improved handle handled
    manage managed work worked achieve achieved conflict disagreement""".split()  # noqa: SIM905
)

TECH_TERMS = frozenset(
    """python java javascript typescript go golang rust ruby php scala kotlin swift c++ c# sql nosql
    postgres postgresql mysql sqlite oracle mongodb redis kafka rabbitmq elasticsearch cassandra
    dynamodb snowflake bigquery redshift spark hadoop airflow dbt pandas numpy pytorch tensorflow
    sklearn scikit-learn docker kubernetes k8s helm terraform ansible aws gcp azure lambda s3 ec2 linux
    bash git github gitlab jenkins ci cd ci/cd grafana prometheus datadog splunk sentry pagerduty react
    angular vue node node.js nodejs django flask fastapi spring rails graphql rest grpc http https tcp
    dns cdn oauth jwt api apis microservice microservices monolith cache caching queue index indexes
    sharding replication latency throughput p95 p99 sla slo sli uptime load balancer nginx ios android
    figma sketch jira confluence salesforce hubspot zendesk tableau looker excel powerbi sap netsuite
    quickbooks epic cerner ehr emr hipaa gdpr sox iso soc2 a/b hashmap hash heap stack tree graph bfs
    dfs dijkstra recursion binary array arrays dictionary pointer pointers regex unit integration e2e
    pytest junit selenium cypress llm ml ai xgboost regression classifier embedding""".split()  # noqa: SIM905
)

FILLER_WORDS = ("um", "umm", "uh", "uhh", "er", "erm", "ah", "hmm", "mm")
# Multi-word fillers are only fillers in these exact forms; "like" alone is usually a real verb.
FILLER_PHRASES = ("you know", "i mean", "like,", ", like", "sort of", "kind of", "basically", "literally")

HEDGES = (
    "i think",
    "i guess",
    "i suppose",
    "i believe",
    "i feel like",
    "maybe",
    "probably",
    "perhaps",
    "kind of",
    "sort of",
    "more or less",
    "i'm not sure",
    "not sure",
    "somewhat",
    "to be honest",
    "honestly",
)

VAGUE_WORDS = (
    "things",
    "thing",
    "stuff",
    "something",
    "somehow",
    "various",
    "a lot",
    "lots of",
    "etc",
    "whatever",
    "and so on",
    "some",
    "many",
    "everyone",
    "everything",
    "always",
    "usually",
    "generally",
    "normally",
    "really",
    "very",
    "pretty much",
    "good",
    "great",
    "well",
    "best",
    "dealt with",
    "helped with",
    "worked on",
    "handled it",
    "took care of",
    "make sure",
    "try to",
    "do my best",
    "hard work",
    "team player",
    "in general",
)

REASONING_MARKERS = (
    "because",
    "since",
    "so that",
    "therefore",
    "which meant",
    "that meant",
    "the reason",
    "in order to",
    "that's why",
    "which is why",
    "due to",
    "so we",
    "so i",
    "given that",
    "otherwise",
    "which means",
    "this means",
)

TRADEOFF_MARKERS = (
    "trade-off",
    "tradeoff",
    "trade off",
    "instead of",
    "rather than",
    "alternative",
    "alternatively",
    "option",
    "options",
    "considered",
    "on the other hand",
    "downside",
    "the cost of",
    "pros and cons",
    "versus",
    " vs ",
    "compared to",
    "at the expense of",
    "weighed",
    "risk",
    "constraint",
)

REFLECTION_MARKERS = (
    "learned",
    "learnt",
    "lesson",
    "next time",
    "in hindsight",
    "looking back",
    "would do differently",
    "differently",
    "retrospective",
    "realised",
    "realized",
    "since then",
    "now i always",
)

RESULT_VERBS = (
    "reduced",
    "increased",
    "improved",
    "cut",
    "saved",
    "grew",
    "dropped",
    "raised",
    "boosted",
    "shipped",
    "launched",
    "delivered",
    "decreased",
    "lowered",
    "doubled",
    "halved",
    "tripled",
    "eliminated",
    "resolved",
    "closed",
    "won",
    "recovered",
    "prevented",
    "avoided",
    "achieved",
    "exceeded",
    "finished",
    "completed",
    "went from",
    "brought down",
    "brought up",
)

# Related words that answer the same question in different vocabulary: "a disagreement with a coworker"
# answers "a conflict with a colleague". Each cluster is a set of plain words; matching is on stems.
CONCEPT_CLUSTERS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "conflict disagree disagreement disagreed argument tension dispute pushback clash friction "
        "difficult disagreeing conflicting agree agreed agreement resolve resolved compromise",
        "colleague teammate coworker peer team engineer partner counterpart",
        "stakeholder client customer manager executive leadership director vp sponsor owner business",
        "deadline pressure urgent time tight schedule date late delay",
        "prioritize prioritise priority priorities tradeoff trade-off backlog triage focus important",
        "feedback criticism review critique advice coaching",
        "fail failure mistake error wrong setback missed broke outage regret",
        "lead leader leadership led ownership owned initiative drove influence",
        "communicate communication explain explained presentation present told wrote email update",
        "customer user client patient buyer account",
        "data metric metrics analytics measure measured number numbers kpi dashboard",
        "performance latency slow fast speed throughput optimize optimise bottleneck",
        "scale scalability scaling load traffic growth capacity shard sharding",
        "reliability incident outage downtime uptime availability on-call pager postmortem recover",
        "test testing tests quality qa regression coverage bug bugs",
        "security vulnerability auth authentication authorization encryption breach access",
        "database sql postgres postgresql mysql query queries index schema table",
        "design architecture architect system component service api interface",
        "learn learning learned new unfamiliar ramp study course taught",
        "change ambiguity ambiguous uncertain unclear pivot",
        "mentor mentored mentoring coach coached junior onboarding taught",
        "decision decide decided choose chose choice judgement judgment prefer preferred option options",
        "outcome result results impact launched shipped delivered succeeded achieved",
        "risk risky mitigate mitigation safety",
        "cost budget spend expensive cheap saving savings money",
        "revenue sales growth profit margin pricing price deal quota pipeline",
        "market marketing campaign brand audience channel acquisition funnel",
        "patient care nurse nursing clinical ward medication assessment triage",
        "hire hiring recruit interview candidate",
        "process improvement workflow efficiency automate automation streamline",
        "motivation motivated why interest interested excited passion mission company role",
        "rate limit limiter throttle throttling quota token bucket",
        "cache caching redis memcached ttl invalidation",
        "queue queues kafka rabbitmq async asynchronous message messages event events",
        "complexity big-o linear logarithmic quadratic time space memory efficient efficiency fast",
        "edge boundary empty null none overflow duplicate corner",
        "debug debugging bug reproduce logs log breakpoint trace stack",
        "algorithm approach solution iterate iteration loop recursion pointer",
        "support ticket tickets escalation escalate resolve resolution complaint",
        "negotiate negotiation persuade persuaded convince convinced buy-in",
        "goal target objective okr plan strategy roadmap",
    )
)
