"""The permission matrix's setup for issues and projects: a project with its own permission scheme that grants
chosen permissions to one user (the holder) and not to another (the lacking user).

The Administrators role keeps every permission, so the administrator sets up and re-reads what a refused
request must have left unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.conftest import TestUser
from tests.platform.issues.helpers import make_issue, make_project

API = "/rest/api/2"
ADMINISTRATORS = "10002"
PROJECT_PERMISSIONS = (
    "ADMINISTER_PROJECTS", "BROWSE_PROJECTS", "VIEW_DEV_TOOLS", "VIEW_READONLY_WORKFLOW", "CREATE_ISSUES",
    "EDIT_ISSUES", "TRANSITION_ISSUES", "SCHEDULE_ISSUES", "MOVE_ISSUES", "ASSIGN_ISSUES", "ASSIGNABLE_USER",
    "RESOLVE_ISSUES", "CLOSE_ISSUES", "MODIFY_REPORTER", "DELETE_ISSUES", "LINK_ISSUES", "SET_ISSUE_SECURITY",
    "VIEW_VOTERS_AND_WATCHERS", "MANAGE_WATCHERS", "ADD_COMMENTS", "EDIT_ALL_COMMENTS", "EDIT_OWN_COMMENTS",
    "DELETE_ALL_COMMENTS", "DELETE_OWN_COMMENTS", "CREATE_ATTACHMENTS", "DELETE_ALL_ATTACHMENTS",
    "DELETE_OWN_ATTACHMENTS", "WORK_ON_ISSUES", "EDIT_OWN_WORKLOGS", "EDIT_ALL_WORKLOGS", "DELETE_OWN_WORKLOGS",
    "DELETE_ALL_WORKLOGS",
)

Grant = tuple[str, str, str | None]  # permission, holder type, parameter


@dataclass
class Granted:
    """A project whose scheme grants `permissions` to `holder` only (both users browse unless told)."""

    key: str
    id: str
    scheme_id: int
    holder: TestUser
    lacking: TestUser
    admin: httpx.Client

    def issue(self, summary: str = "Matrix issue", **fields: Any) -> str:
        created: str = make_issue(self.admin, self.key, summary, "Task", **fields)["key"]
        return created

    def fields(self, issue_key: str) -> dict[str, Any]:
        response = self.admin.get(f"{API}/issue/{issue_key}")
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()["fields"]
        return found


def create_scheme(admin: httpx.Client, name: str, grants: list[Grant]) -> int:
    body = {"name": name, "permissions": [
        {"holder": {"type": kind, **({"parameter": parameter} if parameter is not None else {})},
         "permission": permission} for permission, kind, parameter in grants]}
    response = admin.post(f"{API}/permissionscheme", json=body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def administrators_keep_everything() -> list[Grant]:
    return [(permission, "projectRole", ADMINISTRATORS) for permission in PROJECT_PERMISSIONS]


@pytest.fixture
def granted(admin: httpx.Client, make_user: Callable[..., TestUser],
            unique: Callable[[str], str], unique_key: Callable[[], str]) -> Callable[..., Granted]:
    """granted("EDIT_ISSUES", ...) -> a fresh project, its scheme and two users."""

    def make(*permissions: str, browse: bool = True, lacking_also: tuple[str, ...] = ()) -> Granted:
        holder, lacking = make_user("holder"), make_user("lacking")
        grants = administrators_keep_everything()
        grants += [(p, "user", holder.key) for p in (*permissions, *(("BROWSE_PROJECTS",) if browse else ()))]
        grants += [(p, "user", lacking.key) for p in (*lacking_also, *(("BROWSE_PROJECTS",) if browse else ()))]
        scheme_id = create_scheme(admin, unique("Matrix scheme"), grants)
        key = unique_key()
        project = make_project(admin, key)
        assigned = admin.put(f"{API}/project/{key}/permissionscheme", json={"id": scheme_id})
        assert assigned.status_code == 200, assigned.text
        return Granted(key, str(project["id"]), scheme_id, holder, lacking, admin)

    return make
