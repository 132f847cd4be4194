"""Every dependency the routes use, with its Annotated alias."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from coach.security import EXTENSION_PREFIX, decode_access_token
from coach.settings import Settings
from storage.models import User
from storage.queries import users as user_queries

_bearer = HTTPBearer(auto_error=False)
_UNAUTHORIZED = HTTPException(
    status.HTTP_401_UNAUTHORIZED, "Missing or invalid access token.", headers={"WWW-Authenticate": "Bearer"}
)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_db(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_db)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def user_from_access_token(session: Session, settings: Settings, token: str) -> User | None:
    claims = decode_access_token(token, secret=settings.SECRET_KEY)
    if claims is None or claims.get("scope") != "user":
        return None
    user = session.get(User, uuid.UUID(claims["sub"]))
    return user if user is not None and user.is_active else None


def get_current_user(session: SessionDep, settings: SettingsDep, creds: BearerDep) -> User:
    if creds is None or creds.credentials.startswith(EXTENSION_PREFIX):
        raise _UNAUTHORIZED
    user = user_from_access_token(session, settings, creds.credentials)
    if user is None:
        raise _UNAUTHORIZED
    return user


def get_job_saver(session: SessionDep, settings: SettingsDep, creds: BearerDep) -> User:
    """The extension's token or a signed-in user: the only route an extension token opens."""
    if creds is None:
        raise _UNAUTHORIZED
    token = creds.credentials
    if token.startswith(EXTENSION_PREFIX):
        user = user_queries.user_for_extension_token(session, raw=token)
    else:
        user = user_from_access_token(session, settings, token)
    if user is None:
        raise _UNAUTHORIZED
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
JobSaver = Annotated[User, Depends(get_job_saver)]
