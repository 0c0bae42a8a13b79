"""Which screen applies: project -> issue type screen scheme -> screen scheme -> screen (service interface)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.harness import RunningServer
from tests.platform.screens.conftest import API, ScreenRef
from ticketry.platform.screens.models import (
    IssueTypeScreenScheme,
    IssueTypeScreenSchemeItem,
    ProjectIssueTypeScreenScheme,
    ScreenScheme,
    ScreenSchemeItem,
)
from ticketry.platform.screens.service import screen_field_ids, tab_field_ids

BUG, TASK = 1, 3


def _project(admin: httpx.Client, key: str) -> int:
    response = admin.post(f"{API}/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                  "lead": "admin"})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_projects_without_a_scheme_use_the_default_screen(admin: httpx.Client, server: RunningServer,
                                                          unique_key: Callable[[], str]) -> None:
    project_id = _project(admin, unique_key())
    with server.app.state.read_sessions() as db:
        default = tab_field_ids(db, 1)
        for operation in ("create", "edit", "view"):
            assert screen_field_ids(db, project_id, BUG, operation) == default
        assert tab_field_ids(db, 2) == ["resolution", "fixVersions", "assignee", "worklog"]
        with pytest.raises(ValueError):
            screen_field_ids(db, project_id, BUG, "delete")
    assert default[:2] == ["summary", "issuetype"]


def test_scheme_entries_choose_the_screen(admin: httpx.Client, server: RunningServer, unique: Callable[[str], str],
                                          unique_key: Callable[[], str],
                                          make_screen: Callable[..., ScreenRef]) -> None:
    project_id = _project(admin, unique_key())
    create_screen = make_screen("summary", "issuetype", "labels")
    edit_screen = make_screen("summary", "description")
    second_tab = admin.post(f"{edit_screen.url}/tabs", json={"name": "Later"}).json()
    admin.post(f"{edit_screen.url}/tabs/{second_tab['id']}/fields", json={"fieldId": "duedate"})
    admin.post(f"{edit_screen.url}/tabs/{second_tab['id']}/move/0")
    with server.app.state.write_sessions() as db:
        scheme = ScreenScheme(name=unique("SS"))
        type_scheme = IssueTypeScreenScheme(name=unique("ITSS"))
        db.add_all([scheme, type_scheme])
        db.flush()
        db.add_all([
            ScreenSchemeItem(scheme_id=scheme.id, operation="default", screen_id=3),
            ScreenSchemeItem(scheme_id=scheme.id, operation="create", screen_id=create_screen.id),
            ScreenSchemeItem(scheme_id=scheme.id, operation="edit", screen_id=edit_screen.id),
            IssueTypeScreenSchemeItem(scheme_id=type_scheme.id, issue_type_id=BUG, screen_scheme_id=scheme.id),
            IssueTypeScreenSchemeItem(scheme_id=type_scheme.id, issue_type_id=None, screen_scheme_id=1),
            ProjectIssueTypeScreenScheme(project_id=project_id, scheme_id=type_scheme.id),
        ])
        db.commit()
    with server.app.state.read_sessions() as db:
        assert screen_field_ids(db, project_id, BUG, "create") == ["summary", "issuetype", "labels"]
        assert screen_field_ids(db, project_id, BUG, "edit") == ["duedate", "summary", "description"]
        assert screen_field_ids(db, project_id, BUG, "view") == ["assignee"]
        assert screen_field_ids(db, project_id, TASK, "create") == tab_field_ids(db, 1)
