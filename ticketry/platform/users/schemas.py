"""Request bodies of the user and group resources (Jira's UserWriteBean and friends)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, StrictBool, StrictStr


class UserWrite(BaseModel):
    key: StrictStr | None = None
    name: StrictStr | None = None
    password: StrictStr | None = None
    emailAddress: StrictStr | None = None  # noqa: N815 (Jira's name)
    displayName: StrictStr | None = None  # noqa: N815
    notification: StrictStr | StrictBool | None = None
    active: StrictBool | None = None
    applicationKeys: list[StrictStr] | None = None  # noqa: N815


class GroupWrite(BaseModel):
    name: StrictStr | None = None


class GroupMemberWrite(BaseModel):
    name: StrictStr | None = None
    accountId: StrictStr | None = None  # noqa: N815


class LegacyUserProperty(BaseModel):
    key: StrictStr | None = None
    value: Any = None
    status: StrictStr | None = None
