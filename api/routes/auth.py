from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException, status

from api.deps import CurrentUser, SessionDep, SettingsDep
from api.schemas.auth import (
    ExtensionTokenCreated,
    ExtensionTokenIn,
    ExtensionTokenPublic,
    RefreshIn,
    SignIn,
    SignUp,
    TokenPair,
    UserPublic,
)
from coach.security import create_access_token
from coach.settings import Settings
from storage.queries import users as q

router = APIRouter(prefix="/api/auth", tags=["auth"])


def _token_pair(session, settings: Settings, user_id: uuid.UUID) -> TokenPair:  # type: ignore[no-untyped-def]
    raw, _ = q.issue_refresh_token(session, user_id=user_id, days=settings.REFRESH_TOKEN_DAYS)
    session.commit()
    return _pair(settings, user_id, raw)


def _pair(settings: Settings, user_id: uuid.UUID, refresh: str) -> TokenPair:
    access = create_access_token(user_id, secret=settings.SECRET_KEY, minutes=settings.ACCESS_TOKEN_MINUTES)
    return TokenPair(access_token=access, refresh_token=refresh, expires_in=settings.ACCESS_TOKEN_MINUTES * 60)


@router.post("/signup", status_code=status.HTTP_201_CREATED)
def signup(body: SignUp, session: SessionDep, settings: SettingsDep) -> TokenPair:
    if q.get_user_by_email(session, email=body.email) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "An account with this email already exists.")
    user = q.create_user(session, email=body.email, password=body.password, full_name=body.full_name)
    return _token_pair(session, settings, user.id)


@router.post("/signin")
def signin(body: SignIn, session: SessionDep, settings: SettingsDep) -> TokenPair:
    user = q.authenticate(session, email=body.email, password=body.password)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Incorrect email or password.")
    return _token_pair(session, settings, user.id)


@router.post("/refresh")
def refresh(body: RefreshIn, session: SessionDep, settings: SettingsDep) -> TokenPair:
    rotated = q.rotate_refresh_token(session, raw=body.refresh_token, days=settings.REFRESH_TOKEN_DAYS)
    if rotated is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Refresh token is invalid, expired or already used.")
    raw, row = rotated
    return _pair(settings, row.user_id, raw)


@router.get("/me")
def me(user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(user, from_attributes=True)


@router.post("/extension-tokens", status_code=status.HTTP_201_CREATED)
def create_extension_token(body: ExtensionTokenIn, user: CurrentUser, session: SessionDep) -> ExtensionTokenCreated:
    raw, row = q.create_extension_token(session, user_id=user.id, name=body.name)
    return ExtensionTokenCreated(token=raw, **row.model_dump())


@router.get("/extension-tokens")
def list_extension_tokens(user: CurrentUser, session: SessionDep) -> list[ExtensionTokenPublic]:
    rows = q.list_extension_tokens(session, user_id=user.id)
    return [ExtensionTokenPublic.model_validate(r, from_attributes=True) for r in rows]


@router.delete("/extension-tokens/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_extension_token(token_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> None:
    if not q.revoke_extension_token(session, user_id=user.id, token_id=token_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Extension token not found.")
