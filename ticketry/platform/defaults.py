"""The data of a fresh Jira Server 8 instance, with Jira's ids and names; installed once."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.platform.issueconfig.models import (
    IssueLinkType,
    IssueType,
    IssueTypeScheme,
    IssueTypeSchemeEntry,
    Priority,
    Resolution,
    Status,
    StatusCategory,
)
from ticketry.platform.permissions.models import IssueSecurityScheme, NotificationScheme, PermissionScheme
from ticketry.platform.projects.models import ProjectRole, ProjectRoleActor
from ticketry.platform.users.models import ApplicationRole, ApplicationRoleGroup, Group
from ticketry.platform.workflows.models import Workflow, WorkflowScheme, WorkflowStatus

STATUS_CATEGORIES = [
    (1, "undefined", "No Category", "medium-gray"),
    (2, "new", "To Do", "blue-gray"),
    (3, "done", "Done", "green"),
    (4, "indeterminate", "In Progress", "yellow"),
]

STATUSES = [
    (1, "Open", 2, "open.png", "The issue is open and ready for the assignee to start work on it."),
    (3, "In Progress", 4, "inprogress.png",
     "This issue is being actively worked on at the moment by the assignee."),
    (4, "Reopened", 2, "reopened.png",
     "This issue was once resolved, but the resolution was deemed incorrect. From here issues are either "
     "marked assigned or resolved."),
    (5, "Resolved", 3, "resolved.png",
     "A resolution has been taken, and it is awaiting verification by reporter. From here issues are "
     "either reopened, or are closed."),
    (6, "Closed", 3, "closed.png",
     "The issue is considered finished, the resolution is correct. Issues which are closed can be reopened."),
    (10000, "To Do", 2, "generic.png", ""),
    (10001, "Done", 3, "generic.png", ""),
]

PRIORITIES = [
    (1, "Highest", "#d04437", "highest.svg", "This problem will block progress."),
    (2, "High", "#f15C75", "high.svg", "Serious problem that could block progress."),
    (3, "Medium", "#f79232", "medium.svg", "Has the potential to affect progress."),
    (4, "Low", "#707070", "low.svg", "Minor problem or easily worked around."),
    (5, "Lowest", "#999999", "lowest.svg", "Trivial problem with little or no impact on progress."),
]

RESOLUTIONS = [
    (10000, "Done", "Work has been completed on this issue."),
    (10001, "Won't Do", "This issue won't be actioned."),
    (10002, "Duplicate", "The problem is a duplicate of an existing issue."),
    (10003, "Cannot Reproduce",
     "All attempts at reproducing this issue failed, or not enough information was available to reproduce "
     "the issue. Reading the code produces no facts that would help. If more information appears later, "
     "please reopen the issue."),
]

ISSUE_TYPES = [
    (1, "Bug", False, "A problem which impairs or prevents the functions of the product.", 10303),
    (2, "New Feature", False, "A new feature of the product, which has yet to be developed.", 10311),
    (3, "Task", False, "A task that needs to be done.", 10318),
    (4, "Improvement", False, "An improvement or enhancement to an existing feature or task.", 10310),
    (5, "Sub-task", True, "The sub-task of the issue", 10316),
    (10000, "Epic", False, "Created by Jira Software - do not edit or delete. Issue type for a big user "
     "story that needs to be broken down.", 10307),
    (10001, "Story", False, "Created by Jira Software - do not edit or delete. Issue type for a user story.",
     10315),
]

LINK_TYPES = [
    (10000, "Blocks", "is blocked by", "blocks"),
    (10001, "Cloners", "is cloned by", "clones"),
    (10002, "Duplicate", "is duplicated by", "duplicates"),
    (10003, "Relates", "relates to", "relates to"),
]

GROUPS = ["jira-administrators", "jira-software-users", "jira-servicedesk-users"]

APPLICATION_ROLES = [
    ("jira-software", "Jira Software", False, "jira-software-users"),
    ("jira-servicedesk", "Jira Service Desk", False, "jira-servicedesk-users"),
    ("jira-core", "Jira Core", True, None),
]

PROJECT_ROLES = [
    (10000, "Users", "A project role that represents users in a project"),
    (10001, "Developers", "A project role that represents developers in a project"),
    (10002, "Administrators", "A project role that represents administrators in a project"),
    (10100, "Service Desk Team", "Members of the service desk team (agents) of a service desk project"),
    (10101, "Service Desk Customers", "Customers who raise requests in a service desk project"),
]

# Issue type schemes: the default (every type) and those the project templates use.
DEFAULT_ISSUE_TYPE_SCHEME = 10000
SOFTWARE_ISSUE_TYPE_SCHEME = 10001
BUSINESS_ISSUE_TYPE_SCHEME = 10002
ISSUE_TYPE_SCHEMES = [
    (DEFAULT_ISSUE_TYPE_SCHEME, "Default Issue Type Scheme", "Default issue type scheme is the list of global "
     "issue types. All newly created issue types will automatically be added to this scheme.",
     [1, 2, 3, 4, 5, 10000, 10001], None),
    (SOFTWARE_ISSUE_TYPE_SCHEME, "Software Development Issue Type Scheme",
     "Issue types of Jira Software projects.", [10001, 3, 1, 10000, 5], 10001),
    (BUSINESS_ISSUE_TYPE_SCHEME, "Business Issue Type Scheme", "Issue types of business projects.", [3, 5], 3),
]

CLASSIC_WORKFLOW = 10000
SIMPLIFIED_WORKFLOW = 10001
DEFAULT_WORKFLOW_SCHEME = 10000
SIMPLIFIED_WORKFLOW_SCHEME = 10001
DEFAULT_PERMISSION_SCHEME = 0
DEFAULT_NOTIFICATION_SCHEME = 10000


def install_defaults(db: Session) -> bool:
    """Installs the defaults into an empty database; returns False if they were already there."""
    if db.scalar(select(StatusCategory.id).limit(1)) is not None:
        return False
    _issue_constants(db)
    _issue_type_schemes(db)
    _workflows(db)
    _schemes(db)
    groups = _groups_and_applications(db)
    _project_roles(db, groups)
    db.flush()
    _feature_defaults(db)
    return True


def _feature_defaults(db: Session) -> None:
    """Features keep their own default data in <feature>/defaults.py: install(db), in name order."""
    import ticketry.platform

    for info in sorted(pkgutil.iter_modules(ticketry.platform.__path__), key=lambda m: m.name):
        if info.ispkg and importlib.util.find_spec(f"ticketry.platform.{info.name}.defaults") is not None:
            importlib.import_module(f"ticketry.platform.{info.name}.defaults").install(db)
            db.flush()


def _issue_constants(db: Session) -> None:
    db.add_all(StatusCategory(id=i, key=k, name=n, color_name=c) for i, k, n, c in STATUS_CATEGORIES)
    db.flush()
    db.add_all(
        Status(id=i, name=n, category_id=c, icon_path=f"/images/icons/statuses/{icon}", description=d)
        for i, n, c, icon, d in STATUSES
    )
    db.add_all(
        Priority(id=i, name=n, status_color=c, icon_path=f"/images/icons/priorities/{icon}", description=d,
                 sequence=i)
        for i, n, c, icon, d in PRIORITIES
    )
    db.add_all(
        Resolution(id=i, name=n, description=d, sequence=pos) for pos, (i, n, d) in enumerate(RESOLUTIONS)
    )
    db.add_all(
        IssueType(id=i, name=n, subtask=sub, description=d, avatar_id=avatar)
        for i, n, sub, d, avatar in ISSUE_TYPES
    )
    db.add_all(IssueLinkType(id=i, name=n, inward=inw, outward=outw) for i, n, inw, outw in LINK_TYPES)
    db.flush()


def _issue_type_schemes(db: Session) -> None:
    for scheme_id, name, description, type_ids, default in ISSUE_TYPE_SCHEMES:
        db.add(IssueTypeScheme(id=scheme_id, name=name, description=description, default_issue_type_id=default))
        db.flush()
        db.add_all(
            IssueTypeSchemeEntry(scheme_id=scheme_id, issue_type_id=t, position=pos)
            for pos, t in enumerate(type_ids)
        )


def _workflows(db: Session) -> None:
    db.add(Workflow(id=CLASSIC_WORKFLOW, name="jira", description="The default Jira workflow.", system=True,
                    initial_status_id=1))
    db.add(Workflow(id=SIMPLIFIED_WORKFLOW, name="Software Simplified Workflow",
                    description="Generated by Jira Software: To Do, In Progress and Done.", system=True,
                    initial_status_id=10000))
    db.flush()
    db.add_all(WorkflowStatus(workflow_id=CLASSIC_WORKFLOW, status_id=s, position=p)
               for p, s in enumerate([1, 3, 4, 5, 6]))
    db.add_all(WorkflowStatus(workflow_id=SIMPLIFIED_WORKFLOW, status_id=s, position=p)
               for p, s in enumerate([10000, 3, 10001]))
    db.add(WorkflowScheme(id=DEFAULT_WORKFLOW_SCHEME, name="Default Workflow Scheme",
                          description="Default Workflow Scheme", default_workflow_id=CLASSIC_WORKFLOW))
    db.add(WorkflowScheme(id=SIMPLIFIED_WORKFLOW_SCHEME, name="Software Simplified Workflow Scheme",
                          description="Workflow scheme of Jira Software projects.",
                          default_workflow_id=SIMPLIFIED_WORKFLOW))


def _schemes(db: Session) -> None:
    db.add(PermissionScheme(
        id=DEFAULT_PERMISSION_SCHEME, name="Default Permission Scheme",
        description="This is the default Permission Scheme. Any new projects that are created will be "
        "assigned this scheme.",
    ))
    db.add(NotificationScheme(id=DEFAULT_NOTIFICATION_SCHEME, name="Default Notification Scheme"))
    db.add(IssueSecurityScheme(id=10000, name="Default Issue Security Scheme",
                               description="Issue security levels that projects may use."))


def _groups_and_applications(db: Session) -> dict[str, Group]:
    groups = {name: Group(name=name, lower_name=name) for name in GROUPS}
    db.add_all(groups.values())
    for key, name, platform, _group in APPLICATION_ROLES:
        db.add(ApplicationRole(key=key, name=name, platform=platform, selected_by_default=not platform))
    db.flush()
    for key, _name, _platform, group_name in APPLICATION_ROLES:
        if group_name:
            db.add(ApplicationRoleGroup(role_key=key, group_id=groups[group_name].id, is_default=True))
        db.add(ApplicationRoleGroup(role_key=key, group_id=groups["jira-administrators"].id, is_admin=True))
    return groups


def _project_roles(db: Session, groups: dict[str, Group]) -> None:
    db.add_all(ProjectRole(id=i, name=n, description=d) for i, n, d in PROJECT_ROLES)
    db.flush()
    db.add(ProjectRoleActor(role_id=10002, group_id=groups["jira-administrators"].id))
    db.add(ProjectRoleActor(role_id=10001, group_id=groups["jira-software-users"].id))
    db.add(ProjectRoleActor(role_id=10100, group_id=groups["jira-servicedesk-users"].id))
