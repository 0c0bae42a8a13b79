"""Who holds a project permission, as one SQL condition over User (for user searches and workflow conditions).

The engine answers "may the caller do X"; user searches ask the reverse, "which users may do X", over every
user at once. Loading grants and users to decide in Python would not scale, so the permission scheme's grants
are joined in SQL: a user holds a permission in a project when one of the scheme's grants names a holder that
matches them (the same holder rules as engine.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, exists, false, func, or_, select, true

from ticketry.platform.fields.models import CustomFieldValue
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions import catalog as c
from ticketry.platform.permissions.models import IssueSecurityLevelMember, PermissionGrant
from ticketry.platform.projects.models import Project, ProjectRoleActor
from ticketry.platform.users.models import ApplicationRoleGroup, Group, GroupMembership, User

# Columns of the grant (or level member) row being matched; typed loosely as SQLAlchemy mixes
# InstrumentedAttribute and ColumnElement.
Parameter = Any
Column = Any


def _member_of_group_named(name: Parameter) -> ColumnElement[bool]:
    # Sub-selects of user ids (not EXISTS over User): they correlate only with the grant row around them.
    return User.id.in_(select(GroupMembership.user_id).join(Group, Group.id == GroupMembership.group_id)
                       .where(Group.lower_name == func.lower(name)))


def _application_user(application: Parameter) -> ColumnElement[bool]:
    """Any application when the grant names none (Jira's "application access")."""
    return User.id.in_(select(GroupMembership.user_id).join(
        ApplicationRoleGroup, ApplicationRoleGroup.group_id == GroupMembership.group_id).where(
        or_(application.is_(None), application == "", ApplicationRoleGroup.role_key == application)))


def _in_project_role(project_id: Column, role: Parameter) -> ColumnElement[bool]:
    actors = (ProjectRoleActor.project_id == project_id, cast(ProjectRoleActor.role_id, String) == role)
    direct = select(ProjectRoleActor.user_id).where(*actors, ProjectRoleActor.user_id.is_not(None))
    through_groups = select(GroupMembership.user_id).join(
        ProjectRoleActor, ProjectRoleActor.group_id == GroupMembership.group_id).where(*actors)
    return or_(User.id.in_(direct), User.id.in_(through_groups))


def _custom_field_holds(issue_id: int, kind: str, parameter: Parameter) -> ColumnElement[bool]:
    field = cast(CustomFieldValue.field_id, String) == func.replace(parameter, "customfield_", "")
    if kind == c.USER_CUSTOM_FIELD:
        return User.id.in_(select(CustomFieldValue.user_id).where(CustomFieldValue.issue_id == issue_id, field))
    return User.id.in_(select(GroupMembership.user_id).join(Group, Group.id == GroupMembership.group_id).join(
        CustomFieldValue, func.lower(CustomFieldValue.group_name) == Group.lower_name).where(
        CustomFieldValue.issue_id == issue_id, field))


def _holder_matches(kind: Column, parameter: Parameter, project_id: Column, lead_id: Column,
                    issue_id: int | None) -> ColumnElement[bool]:
    """The grant (or level member) row's holder is the user; issue holders only with an issue."""
    parts = [
        kind == c.ANYONE,
        and_(kind == c.USER, parameter == User.key),
        and_(kind == c.GROUP, _member_of_group_named(parameter)),
        and_(kind == c.APPLICATION_ROLE, _application_user(parameter)),
        and_(kind == c.PROJECT_LEAD, lead_id == User.id),
        and_(kind == c.PROJECT_ROLE, _in_project_role(project_id, parameter)),
    ]
    if issue_id is not None:
        reporter = select(Issue.reporter_id).where(Issue.id == issue_id).scalar_subquery()
        assignee = select(Issue.assignee_id).where(Issue.id == issue_id).scalar_subquery()
        parts += [
            and_(kind == c.REPORTER, User.id == reporter),
            and_(kind == c.ASSIGNEE, User.id == assignee),
            and_(kind == c.USER_CUSTOM_FIELD, _custom_field_holds(issue_id, c.USER_CUSTOM_FIELD, parameter)),
            and_(kind == c.GROUP_CUSTOM_FIELD, _custom_field_holds(issue_id, c.GROUP_CUSTOM_FIELD, parameter)),
        ]
    return or_(*parts)


def holds_in_project(permission: str, project_id: Column, issue_id: int | None = None) -> ColumnElement[bool]:
    """Users granted `permission` by the project's permission scheme (through the issue's holders too when an
    issue is given)."""
    key = c.canonical(permission) or permission
    return exists().where(
        Project.id == project_id, PermissionGrant.scheme_id == Project.permission_scheme_id,
        PermissionGrant.permission == key,
        _holder_matches(PermissionGrant.holder_type, PermissionGrant.parameter, Project.id, Project.lead_id,
                        issue_id))


def sees_security_level(issue_id: int) -> ColumnElement[bool]:
    """Users who may see the issue through its security level (everyone when it has none)."""
    level = select(Issue.security_level_id, Issue.project_id).where(Issue.id == issue_id).subquery()
    no_level = exists().where(level.c.security_level_id.is_(None))
    member = exists().where(
        IssueSecurityLevelMember.level_id == level.c.security_level_id, Project.id == level.c.project_id,
        _holder_matches(IssueSecurityLevelMember.holder_type, IssueSecurityLevelMember.parameter, Project.id,
                        Project.lead_id, issue_id))
    return or_(no_level, member)


def holders(permissions: list[str], project_ids: list[int], issue_id: int | None = None) -> ColumnElement[bool]:
    """Active users holding every permission in every project; browsing an issue also needs its level."""
    if not project_ids:
        return false()
    parts: list[ColumnElement[bool]] = [User.active.is_(True)]
    for permission in dict.fromkeys(permissions):
        parts += [holds_in_project(permission, pid, issue_id) for pid in project_ids]
        if issue_id is not None and (c.canonical(permission) or permission) == "BROWSE_PROJECTS":
            parts.append(sees_security_level(issue_id))
    return and_(true(), *parts)
