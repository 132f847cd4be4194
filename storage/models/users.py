from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.types import created_field, id_field, owner_field, ts_field


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: uuid.UUID = id_field()
    email: str = Field(unique=True, index=True, max_length=320)
    full_name: str | None = Field(default=None, max_length=200)
    hashed_password: str
    is_active: bool = True
    created_at: datetime = created_field()


class RefreshToken(SQLModel, table=True):
    """One row per issued refresh token; rotation revokes the old row and links it to the new one."""

    __tablename__ = "refresh_tokens"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    family_id: uuid.UUID = Field(index=True)
    token_hash: str = Field(unique=True, index=True)
    expires_at: datetime = ts_field(nullable=False)
    revoked_at: datetime | None = ts_field()
    replaced_by: uuid.UUID | None = None
    created_at: datetime = created_field()


class ExtensionToken(SQLModel, table=True):
    """A long-lived token the browser extension uses; it can only save jobs."""

    __tablename__ = "extension_tokens"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    name: str = Field(default="Browser extension", max_length=100)
    token_hash: str = Field(unique=True, index=True)
    prefix: str = Field(max_length=16)
    last_used_at: datetime | None = ts_field()
    revoked_at: datetime | None = ts_field()
    created_at: datetime = created_field()
