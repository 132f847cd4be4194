"""FastAPI dependencies for rate limits and feature switches; use them in a route's `dependencies=[...]`."""

from __future__ import annotations

from fastapi import Depends, HTTPException, WebSocketException, status
from fastapi.params import Depends as DependsParam
from starlette.requests import HTTPConnection

from api.deps import CurrentUser, SessionDep, SettingsDep
from coach.limits.check import LimitExceeded, check_limit
from coach.limits.flags import feature_enabled, feature_setting, switched_off_message
from coach.limits.rules import rule_named


def limit(name: str) -> DependsParam:
    """`limit("sessions_per_day")`: 429 with Retry-After once the signed-in user is over that limit."""
    rule = rule_named(name)  # a misspelt limit fails when the route is declared, not on first request

    def check(user: CurrentUser, session: SessionDep, settings: SettingsDep) -> None:
        try:
            check_limit(rule, user_id=user.id, settings=settings, session=session)
        except LimitExceeded as exc:
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS, exc.message, headers={"Retry-After": str(exc.retry_after)}
            ) from exc

    return Depends(check)


def require_feature(name: str) -> DependsParam:
    """`require_feature("market")`: a switched-off feature's routes answer 404 as if they did not exist."""
    feature_setting(name)

    def check(connection: HTTPConnection) -> None:
        # HTTPConnection, not Request: the same switch guards the feature's websockets.
        if feature_enabled(connection.app.state.settings, name):
            return
        if connection.scope["type"] == "websocket":
            raise WebSocketException(status.WS_1008_POLICY_VIOLATION, switched_off_message(name))
        raise HTTPException(status.HTTP_404_NOT_FOUND, switched_off_message(name))

    return Depends(check)
