"""Users and their tokens."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlmodel import Session, select

from coach.security import (
    EXTENSION_PREFIX,
    hash_password,
    new_opaque_token,
    token_digest,
    verify_password,
)
from storage.models import ExtensionToken, RefreshToken, User
from storage.types import utcnow


def get_user_by_email(session: Session, *, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email.lower())).first()


def create_user(session: Session, *, email: str, password: str, full_name: str | None) -> User:
    user = User(email=email.lower(), hashed_password=hash_password(password), full_name=full_name)
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    user = get_user_by_email(session, email=email)
    if user is None or not user.is_active or not verify_password(password, user.hashed_password):
        return None
    return user


def issue_refresh_token(
    session: Session, *, user_id: uuid.UUID, days: int, family_id: uuid.UUID | None = None
) -> tuple[str, RefreshToken]:
    raw = new_opaque_token()
    row = RefreshToken(
        user_id=user_id,
        family_id=family_id or uuid.uuid4(),
        token_hash=token_digest(raw),
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(row)
    return raw, row


def rotate_refresh_token(session: Session, *, raw: str, days: int) -> tuple[str, RefreshToken] | None:
    """Swap a refresh token for a new one. Reusing a rotated token revokes its whole family."""
    row = session.exec(select(RefreshToken).where(RefreshToken.token_hash == token_digest(raw))).first()
    now = utcnow()
    if row is None:
        return None
    if row.revoked_at is not None:
        _revoke_family(session, row.family_id, now)
        session.commit()
        return None
    if row.expires_at <= now:
        return None
    new_raw, new_row = issue_refresh_token(session, user_id=row.user_id, days=days, family_id=row.family_id)
    row.revoked_at = now
    row.replaced_by = new_row.id
    session.add(row)
    session.commit()
    return new_raw, new_row


def _revoke_family(session: Session, family_id: uuid.UUID, now: datetime) -> None:
    rows = session.exec(
        select(RefreshToken).where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
    )
    for row in rows:
        row.revoked_at = now
        session.add(row)


def create_extension_token(session: Session, *, user_id: uuid.UUID, name: str) -> tuple[str, ExtensionToken]:
    raw = new_opaque_token(EXTENSION_PREFIX)
    row = ExtensionToken(user_id=user_id, name=name, token_hash=token_digest(raw), prefix=raw[:10])
    session.add(row)
    session.commit()
    session.refresh(row)
    return raw, row


def list_extension_tokens(session: Session, *, user_id: uuid.UUID) -> list[ExtensionToken]:
    stmt = select(ExtensionToken).where(ExtensionToken.user_id == user_id).order_by(ExtensionToken.created_at)
    return list(session.exec(stmt))


def revoke_extension_token(session: Session, *, user_id: uuid.UUID, token_id: uuid.UUID) -> bool:
    row = session.get(ExtensionToken, token_id)
    if row is None or row.user_id != user_id:
        return False
    row.revoked_at = row.revoked_at or utcnow()
    session.add(row)
    session.commit()
    return True


def user_for_extension_token(session: Session, *, raw: str) -> User | None:
    row = session.exec(select(ExtensionToken).where(ExtensionToken.token_hash == token_digest(raw))).first()
    if row is None or row.revoked_at is not None:
        return None
    row.last_used_at = utcnow()
    session.add(row)
    session.commit()
    user = session.get(User, row.user_id)
    return user if user and user.is_active else None
