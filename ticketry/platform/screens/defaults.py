"""Jira's default screens, screen scheme and issue type screen scheme, with Jira's ids."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ticketry.platform.screens.models import (
    IssueTypeScreenScheme,
    IssueTypeScreenSchemeItem,
    Screen,
    ScreenScheme,
    ScreenSchemeItem,
    ScreenTab,
    ScreenTabField,
)

# (screen id, name, description, tab id, fields of its "Field Tab")
SCREENS = [
    (1, "Default Screen", "Allows to update all system fields.", 10000,
     ["summary", "issuetype", "security", "priority", "duedate", "components", "versions", "fixVersions",
      "assignee", "reporter", "environment", "description", "timetracking", "attachment", "labels"]),
    (2, "Resolve Issue Screen", "Allows to set resolution, change fix versions and assign an issue.", 10001,
     ["resolution", "fixVersions", "assignee", "worklog"]),
    (3, "Workflow Screen", "This screen is used in the workflow and enables you to assign issues", 10002,
     ["assignee"]),
]


def install(db: Session) -> None:
    for screen_id, name, description, tab_id, field_ids in SCREENS:
        db.add(Screen(id=screen_id, name=name, description=description))
        db.flush()
        db.add(ScreenTab(id=tab_id, screen_id=screen_id, name="Field Tab", position=0))
        db.flush()
        db.add_all(ScreenTabField(tab_id=tab_id, field_id=f, position=p) for p, f in enumerate(field_ids))
    db.add(ScreenScheme(id=1, name="Default Screen Scheme", description="Default Screen Scheme"))
    db.add(IssueTypeScreenScheme(id=1, name="Default Issue Type Screen Scheme",
                                 description="The default issue type screen scheme"))
    db.flush()
    db.add(ScreenSchemeItem(scheme_id=1, operation="default", screen_id=1))
    db.add(IssueTypeScreenSchemeItem(scheme_id=1, issue_type_id=None, screen_scheme_id=1))
