"""Request bodies of issue type administration. Types are strict: a number where a name belongs is a 400."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from ticketry.platform.components.schemas import RequestBody


class IssueTypeCreate(RequestBody):
    """POST /issuetype: {"name", "description", "type": "standard" | "subtask"}."""

    name: StrictStr | None = None
    description: StrictStr | None = None
    type: StrictStr | None = None


class IssueTypeUpdate(RequestBody):
    """PUT /issuetype/{id}: each property given is changed, the others are kept."""

    name: StrictStr | None = None
    description: StrictStr | None = None
    avatarId: StrictInt | StrictStr | None = None  # noqa: N815 (Jira's name)
