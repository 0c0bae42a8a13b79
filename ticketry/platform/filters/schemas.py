"""Request bodies of the filter endpoints (field names as Jira's REST API spells them)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr, field_validator


class FilterInput(BaseModel):
    """POST /filter and PUT /filter/{id}; on edit only the given values change."""

    model_config = ConfigDict(extra="ignore")

    name: StrictStr | None = None
    description: StrictStr | None = None
    jql: StrictStr | None = None
    favourite: bool | None = None
    sharePermissions: list[dict[str, Any]] | None = None  # noqa: N815

    @field_validator("favourite", mode="before")
    @classmethod
    def _boolean(cls, value: Any) -> Any:
        """Clients send true/false, some as the strings "true"/"false" (Jira's JSON reader takes both)."""
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if value is not None and not isinstance(value, bool):
            raise ValueError("The value must be true or false")
        return value


class ShareInput(BaseModel):
    """POST /filter/{id}/permission."""

    model_config = ConfigDict(extra="ignore")

    type: StrictStr | None = None
    projectId: StrictStr | StrictInt | None = None  # noqa: N815
    groupname: StrictStr | None = None
    projectRoleId: StrictStr | StrictInt | None = None  # noqa: N815


class ShareScopeInput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    scope: Any = None
