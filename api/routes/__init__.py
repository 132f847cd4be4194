from api.routes import (
    analysis,
    auth,
    health,
    interview,
    job_prep,
    jobs,
    livekit,
    market,
    memory,
    practice,
    resume,
    voice,
)

ROUTERS = [
    health.router,
    auth.router,
    jobs.router,
    job_prep.router,
    resume.router,
    interview.router,
    analysis.router,
    memory.router,
    practice.router,
    market.router,
    voice.router,
    livekit.router,
]
