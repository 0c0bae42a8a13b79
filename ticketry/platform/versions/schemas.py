"""Wire shapes of version requests. Types are strict: a number where a name belongs is a 400."""

from __future__ import annotations

from pydantic import StrictBool, StrictInt, StrictStr

from ticketry.platform.components.schemas import RequestBody


class VersionIn(RequestBody):
    """POST and PUT /version bodies. Output-only fields (self, overdue, operations, ...) are ignored."""

    name: StrictStr | None = None
    description: StrictStr | None = None
    project: StrictStr | StrictInt | None = None
    projectId: StrictInt | StrictStr | None = None
    archived: StrictBool | None = None
    released: StrictBool | None = None
    startDate: StrictStr | None = None
    releaseDate: StrictStr | None = None
    userStartDate: StrictStr | None = None
    userReleaseDate: StrictStr | None = None
    moveUnfixedIssuesTo: StrictStr | StrictInt | None = None


class VersionMoveIn(RequestBody):
    position: StrictStr | None = None
    after: StrictStr | None = None


class CustomFieldReplacement(RequestBody):
    customFieldId: StrictInt | StrictStr | None = None
    moveTo: StrictInt | StrictStr | None = None


class RemoveAndSwapIn(RequestBody):
    moveFixIssuesTo: StrictInt | StrictStr | None = None
    moveAffectedIssuesTo: StrictInt | StrictStr | None = None
    customFieldReplacementList: list[CustomFieldReplacement] | None = None
