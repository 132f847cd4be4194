from api.pages import router as pages_router
from api.routes import (
    analysis,
    auth,
    coaching,
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
    coaching.router,
    pages_router,
]
