"""Composition root of the companion: builds the FastAPI app; nothing runs at import time."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.background import lifespan
from api.errors import install_error_handlers
from api.logging import RequestIdMiddleware, configure_logging
from api.routes import ROUTERS
from coach.live.bus import make_bus
from coach.sessions.text import TextSessions
from coach.settings import Settings, get_settings
from coach.startup import check_startup
from storage.db import make_engine


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    check_startup(settings)
    configure_logging(settings.LOG_LEVEL, settings.LOG_JSON)
    app = FastAPI(title="Interview Coach", version="0.1.0", docs_url="/docs", lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = make_engine(settings.DATABASE_URL)
    app.state.bus = make_bus(settings.REDIS_URL)
    app.state.text_sessions = TextSessions(settings, app.state.engine, app.state.bus)
    install_error_handlers(app)
    if settings.CORS_ORIGINS:  # the extension's origin, only when configured
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(RequestIdMiddleware)
    for router in ROUTERS:
        app.include_router(router)
    return app
