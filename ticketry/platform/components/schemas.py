"""Wire shapes of component requests. Types are strict: a number where a name belongs is a 400."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt, StrictStr, model_validator
from pydantic_core import PydanticCustomError

NUL_MESSAGE = "The request contains a NUL character, which cannot be stored."


def contains_nul(value: Any) -> bool:
    """True if a NUL character hides anywhere in the JSON value (databases cannot store it)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_nul(v) for v in value)
    return False


class RequestBody(BaseModel):
    """A JSON object body: unknown properties are ignored, NUL characters are refused."""

    model_config = ConfigDict(extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if contains_nul(data):
            raise PydanticCustomError("nul_character", NUL_MESSAGE)
        return data


class ComponentIn(RequestBody):
    """POST and PUT /component bodies. Output-only fields (self, assignee, ...) are ignored."""

    name: StrictStr | None = None
    description: StrictStr | None = None
    project: StrictStr | StrictInt | None = None
    projectId: StrictInt | StrictStr | None = None
    leadUserName: StrictStr | None = None
    leadAccountId: StrictStr | None = None
    lead: dict[str, Any] | None = None
    assigneeType: StrictStr | None = None
    isAssigneeTypeValid: StrictBool | None = None
    archived: StrictBool | None = None

    def lead_identifier(self) -> str | None:
        """The lead as given: leadUserName, leadAccountId or lead {name|accountId|key}; "" clears."""
        if self.leadUserName is not None:
            return self.leadUserName
        if self.leadAccountId is not None:
            return self.leadAccountId
        if self.lead is not None:
            for key in ("name", "accountId", "key"):
                value = self.lead.get(key)
                if isinstance(value, str):
                    return value
            return ""
        return None
