"""Jira's permissions: keys, ids, names and descriptions, the legacy keys still accepted, and the grants
of a fresh instance (Jira Server 8's Default Permission Scheme and global permissions)."""

from __future__ import annotations

from dataclasses import dataclass

GLOBAL = "GLOBAL"
PROJECT = "PROJECT"


@dataclass(frozen=True)
class Permission:
    key: str
    id: int
    name: str
    type: str
    description: str


_GLOBAL = [
    ("ADMINISTER", 0, "Jira Administrators",
     "Ability to perform most administration functions (excluding Import & Export, SMTP Configuration, etc.)."),
    ("SYSTEM_ADMIN", 44, "Jira System Administrators",
     "Ability to perform all administration functions. There must be at least one group with this permission."),
    ("USER_PICKER", 27, "Browse Users",
     "Ability to select a user or group from a popup window as well as the ability to use the 'share' issues "
     "feature. Users with this permission will also be able to see names of all users and groups in the system."),
    ("CREATE_SHARED_OBJECTS", 22, "Create Shared Objects",
     "Ability to share dashboards and filters with other users, groups and roles."),
    ("MANAGE_GROUP_FILTER_SUBSCRIPTIONS", 24, "Manage Group Filter Subscriptions",
     "Ability to manage (create and delete) group filter subscriptions."),
    ("BULK_CHANGE", 33, "Bulk Change",
     "Ability to modify a collection of issues at once. For example, resolve multiple issues in one step."),
]

_PROJECT = [
    ("ADMINISTER_PROJECTS", 23, "Administer Projects", "Ability to administer a project in Jira."),
    ("BROWSE_PROJECTS", 10, "Browse Projects", "Ability to browse projects and the issues within them."),
    ("VIEW_DEV_TOOLS", 29, "View Development Tools",
     "Allows users in a software project to view development-related information on the issue, such as commits, "
     "reviews and build information."),
    ("VIEW_READONLY_WORKFLOW", 45, "View Read-Only Workflow",
     "Users with this permission may view a read-only version of a workflow."),
    ("CREATE_ISSUES", 11, "Create Issues", "Ability to create issues."),
    ("EDIT_ISSUES", 12, "Edit Issues", "Ability to edit issues."),
    ("TRANSITION_ISSUES", 46, "Transition Issues", "Ability to transition issues."),
    ("SCHEDULE_ISSUES", 28, "Schedule Issues", "Ability to view or edit an issue's due date."),
    ("MOVE_ISSUES", 25, "Move Issues",
     "Ability to move issues between projects or between workflows of the same project (if applicable). Note the "
     "user can only move issues to a project they have the create permission for."),
    ("ASSIGN_ISSUES", 13, "Assign Issues", "Ability to assign issues to other people."),
    ("ASSIGNABLE_USER", 17, "Assignable User", "Users with this permission may be assigned to issues."),
    ("RESOLVE_ISSUES", 14, "Resolve Issues",
     "Ability to resolve and reopen issues. This includes the ability to set a fix version."),
    ("CLOSE_ISSUES", 18, "Close Issues",
     "Ability to close issues. Often useful where your developers resolve issues, and a QA department closes "
     "them."),
    ("MODIFY_REPORTER", 30, "Modify Reporter", "Ability to modify the reporter when creating or editing an issue."),
    ("DELETE_ISSUES", 16, "Delete Issues", "Ability to delete issues."),
    ("LINK_ISSUES", 21, "Link Issues",
     "Ability to link issues together and create linked issues. Only useful if issue linking is turned on."),
    ("SET_ISSUE_SECURITY", 26, "Set Issue Security",
     "Ability to set the level of security on an issue so that only people in that security level can see the "
     "issue."),
    ("VIEW_VOTERS_AND_WATCHERS", 31, "View Voters and Watchers",
     "Ability to view the voters and watchers of an issue."),
    ("MANAGE_WATCHERS", 32, "Manage Watchers", "Ability to manage the watchers of an issue."),
    ("ADD_COMMENTS", 15, "Add Comments", "Ability to comment on issues."),
    ("EDIT_ALL_COMMENTS", 34, "Edit All Comments", "Ability to edit all comments made on issues."),
    ("EDIT_OWN_COMMENTS", 35, "Edit Own Comments", "Ability to edit own comments made on issues."),
    ("DELETE_ALL_COMMENTS", 36, "Delete All Comments", "Ability to delete all comments made on issues."),
    ("DELETE_OWN_COMMENTS", 37, "Delete Own Comments", "Ability to delete own comments made on issues."),
    ("CREATE_ATTACHMENTS", 19, "Create Attachments", "Users with this permission may create attachments."),
    ("DELETE_ALL_ATTACHMENTS", 38, "Delete All Attachments", "Users with this permission may delete all attachments."),
    ("DELETE_OWN_ATTACHMENTS", 39, "Delete Own Attachments", "Users with this permission may delete own attachments."),
    ("WORK_ON_ISSUES", 20, "Work On Issues",
     "Ability to log work done against an issue. Only useful if Time Tracking is turned on."),
    ("EDIT_OWN_WORKLOGS", 40, "Edit Own Worklogs", "Ability to edit own worklogs made on issues."),
    ("EDIT_ALL_WORKLOGS", 41, "Edit All Worklogs", "Ability to edit all worklogs made on issues."),
    ("DELETE_OWN_WORKLOGS", 42, "Delete Own Worklogs", "Ability to delete own worklogs made on issues."),
    ("DELETE_ALL_WORKLOGS", 43, "Delete All Worklogs", "Ability to delete all worklogs made on issues."),
]

PERMISSIONS: dict[str, Permission] = {
    **{k: Permission(k, i, n, GLOBAL, d) for k, i, n, d in _GLOBAL},
    **{k: Permission(k, i, n, PROJECT, d) for k, i, n, d in _PROJECT},
}
GLOBAL_KEYS = frozenset(k for k, *_ in _GLOBAL)
PROJECT_KEYS = frozenset(k for k, *_ in _PROJECT)

# Keys of Jira before 7 that its REST API still accepts and still reports (marked deprecatedKey).
LEGACY_KEYS = {
    "PROJECT_ADMIN": "ADMINISTER_PROJECTS", "BROWSE": "BROWSE_PROJECTS", "CREATE_ISSUE": "CREATE_ISSUES",
    "EDIT_ISSUE": "EDIT_ISSUES", "ASSIGN_ISSUE": "ASSIGN_ISSUES", "RESOLVE_ISSUE": "RESOLVE_ISSUES",
    "COMMENT_ISSUE": "ADD_COMMENTS", "DELETE_ISSUE": "DELETE_ISSUES", "CLOSE_ISSUE": "CLOSE_ISSUES",
    "CREATE_ATTACHMENT": "CREATE_ATTACHMENTS", "WORK_ISSUE": "WORK_ON_ISSUES", "LINK_ISSUE": "LINK_ISSUES",
    "MOVE_ISSUE": "MOVE_ISSUES", "SCHEDULE_ISSUE": "SCHEDULE_ISSUES", "VIEW_VERSION_CONTROL": "VIEW_DEV_TOOLS",
    "MANAGE_WATCHER_LIST": "MANAGE_WATCHERS", "COMMENT_EDIT_ALL": "EDIT_ALL_COMMENTS",
    "COMMENT_EDIT_OWN": "EDIT_OWN_COMMENTS", "COMMENT_DELETE_ALL": "DELETE_ALL_COMMENTS",
    "COMMENT_DELETE_OWN": "DELETE_OWN_COMMENTS", "ATTACHMENT_DELETE_ALL": "DELETE_ALL_ATTACHMENTS",
    "ATTACHMENT_DELETE_OWN": "DELETE_OWN_ATTACHMENTS", "WORKLOG_EDIT_OWN": "EDIT_OWN_WORKLOGS",
    "WORKLOG_EDIT_ALL": "EDIT_ALL_WORKLOGS", "WORKLOG_DELETE_OWN": "DELETE_OWN_WORKLOGS",
    "WORKLOG_DELETE_ALL": "DELETE_ALL_WORKLOGS", "VIEW_WORKFLOW_READONLY": "VIEW_READONLY_WORKFLOW",
}


def canonical(key: str) -> str | None:
    """The current key for a current or legacy key, None when Jira knows no such permission."""
    key = key.strip().upper()
    if key in PERMISSIONS:
        return key
    return LEGACY_KEYS.get(key)


# Holder types of permission grants and security level members, as the REST API names them.
ANYONE = "anyone"
GROUP = "group"
USER = "user"
PROJECT_ROLE = "projectRole"
REPORTER = "reporter"
ASSIGNEE = "assignee"
PROJECT_LEAD = "projectLead"
USER_CUSTOM_FIELD = "userCustomField"
GROUP_CUSTOM_FIELD = "groupCustomField"
APPLICATION_ROLE = "applicationRole"
HOLDER_TYPES = frozenset({
    ANYONE, GROUP, USER, PROJECT_ROLE, REPORTER, ASSIGNEE, PROJECT_LEAD, USER_CUSTOM_FIELD, GROUP_CUSTOM_FIELD,
    APPLICATION_ROLE,
})
# Holders decided by the issue itself rather than by who the caller is.
ISSUE_HOLDERS = frozenset({REPORTER, ASSIGNEE, USER_CUSTOM_FIELD, GROUP_CUSTOM_FIELD})
NEEDS_PARAMETER = frozenset({GROUP, USER, PROJECT_ROLE, USER_CUSTOM_FIELD, GROUP_CUSTOM_FIELD})

ADMINISTRATORS_ROLE = "10002"
_ADMIN_ONLY = {
    "ADMINISTER_PROJECTS", "MODIFY_REPORTER", "DELETE_ISSUES", "SET_ISSUE_SECURITY", "MANAGE_WATCHERS",
    "EDIT_ALL_COMMENTS", "DELETE_ALL_COMMENTS", "DELETE_ALL_ATTACHMENTS", "EDIT_ALL_WORKLOGS", "DELETE_ALL_WORKLOGS",
}
# Jira Server 8's Default Permission Scheme: application access for day-to-day work, the Administrators
# role for the rest.
DEFAULT_SCHEME_GRANTS: list[tuple[str, str, str | None]] = [
    (key, PROJECT_ROLE, ADMINISTRATORS_ROLE) if key in _ADMIN_ONLY else (key, APPLICATION_ROLE, None)
    for key, *_ in _PROJECT
]
DEFAULT_GLOBAL_GRANTS: list[tuple[str, str]] = [
    ("ADMINISTER", "jira-administrators"),
    ("SYSTEM_ADMIN", "jira-administrators"),
    *[(key, group) for key in ("USER_PICKER", "CREATE_SHARED_OBJECTS", "MANAGE_GROUP_FILTER_SUBSCRIPTIONS",
                               "BULK_CHANGE")
      for group in ("jira-administrators", "jira-software-users", "jira-servicedesk-users")],
]
