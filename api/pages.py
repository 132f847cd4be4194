"""The companion's web pages: server-rendered shells whose ES modules call the JSON API.

Pages carry no user data: the access token lives in the browser, so every page renders for anyone and its
module sends a signed-out visitor to /login.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates

from coach.jobs import TRANSITIONS

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)


def _transitions() -> str:
    return json.dumps({state: sorted(targets) for state, targets in TRANSITIONS.items()})


def render(request: Request, template: str, module: str, **context: Any) -> HTMLResponse:
    """A page shell; `module` names its script under /static/js/pages/."""
    return templates.TemplateResponse(request, template, {"module": module, **context})


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", "login", title="Sign in")


@router.get("/", response_class=HTMLResponse)
def dashboard_page(request: Request) -> HTMLResponse:
    return render(request, "dashboard.html", "dashboard", title="Dashboard", nav="dashboard")


@router.get("/jobs", response_class=HTMLResponse)
def jobs_page(request: Request) -> HTMLResponse:
    return render(request, "jobs.html", "jobs", title="Jobs", nav="jobs", transitions=_transitions())


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: uuid.UUID) -> HTMLResponse:
    return render(request, "job.html", "job", title="Job", nav="jobs", job_id=job_id)


@router.get("/sessions/{session_id}/text", response_class=HTMLResponse)
def text_practice_page(request: Request, session_id: uuid.UUID) -> HTMLResponse:
    return render(request, "text_session.html", "text_session", title="Text practice", session_id=session_id)


@router.get("/sessions/{session_id}/results", response_class=HTMLResponse)
def results_page(request: Request, session_id: uuid.UUID) -> HTMLResponse:
    return render(request, "results.html", "results", title="Results", session_id=session_id)


@router.get("/static/{path:path}")
def static_file(path: str) -> FileResponse:
    """Files under api/static; served by a route because an included router cannot carry a mount."""
    target = (STATIC_DIR / path).resolve()
    if not target.is_file() or not target.is_relative_to(STATIC_DIR):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Not found.")
    # Modules import each other without version stamps, so the browser must revalidate them.
    return FileResponse(target, headers={"Cache-Control": "no-cache"})
