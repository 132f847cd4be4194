from api.routes import analysis, auth, health, interview, job_prep, jobs, resume

ROUTERS = [
    health.router,
    auth.router,
    jobs.router,
    job_prep.router,
    resume.router,
    interview.router,
    analysis.router,
]
