"""Request bodies of the project endpoints (field names as Jira's REST API spells them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr


class ProjectInput(BaseModel):
    """POST /project and PUT /project/{key}: on update, only non-null values change the project."""

    model_config = ConfigDict(extra="ignore")

    key: StrictStr | None = None
    name: StrictStr | None = None
    projectTypeKey: StrictStr | None = None  # noqa: N815
    projectTemplateKey: StrictStr | None = None  # noqa: N815
    description: StrictStr | None = None
    lead: StrictStr | None = None
    leadAccountId: StrictStr | None = None  # noqa: N815
    url: StrictStr | None = None
    assigneeType: StrictStr | None = None  # noqa: N815
    avatarId: int | None = None  # noqa: N815
    issueSecurityScheme: int | None = None  # noqa: N815
    permissionScheme: int | None = None  # noqa: N815
    notificationScheme: int | None = None  # noqa: N815
    workflowSchemeId: int | None = None  # noqa: N815
    categoryId: int | None = None  # noqa: N815


class CategoryInput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: StrictStr | StrictInt | None = None
    name: StrictStr | None = None
    description: StrictStr | None = None


class ActorsInput(BaseModel):
    """POST /project/{key}/role/{id}: {"user": [...]} or {"group": [...]}."""

    model_config = ConfigDict(extra="forbid")

    user: list[StrictStr] | None = None
    group: list[StrictStr] | None = None


class RoleActorsUpdate(BaseModel):
    """PUT /project/{key}/role/{id}: the sole actors of each given type."""

    model_config = ConfigDict(extra="ignore")

    id: StrictInt | StrictStr | None = None
    categorisedActors: dict[str, list[StrictStr] | None] | None = None  # noqa: N815


class IdInput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: StrictInt | None = None


class AvatarSelection(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: StrictStr | StrictInt


class RoleInput(BaseModel):
    """POST /role, POST and PUT /role/{id}."""

    model_config = ConfigDict(extra="ignore")

    name: StrictStr | None = None
    description: StrictStr | None = None
