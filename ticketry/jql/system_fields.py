"""JQL handlers of Jira's system fields whose values come from a set."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select

from ticketry.core.config_cache import rows_by_id
from ticketry.jql import ast
from ticketry.jql.env import Env
from ticketry.jql.handlers import ORDERING, ValueSetField, fail
from ticketry.jql.lookups import group_member_ids, ids_by_id_or_name, in_project_scope, user_ids
from ticketry.jql.matching import Matcher, column_matcher, link_matcher
from ticketry.platform.components.models import Component
from ticketry.platform.issueconfig.lookup import statuses_in_categories
from ticketry.platform.issueconfig.models import IssueType, Priority, Resolution, Status, StatusCategory
from ticketry.platform.issues.models import Issue, IssueComponent, IssueLabel
from ticketry.platform.permissions import catalog
from ticketry.platform.permissions.engine import Access
from ticketry.platform.projects.models import Project, ProjectRole, ProjectRoleActor
from ticketry.platform.projects.service import project_id_by_key
from ticketry.platform.users.models import GroupMembership, User

# An issue without priority sorts below every priority (after the largest sequence).
NO_PRIORITY = 1_000_000


def _access(env: Env) -> Access:
    """The caller's permissions, as the search's permission filter sees them."""
    user = env.db.get(User, env.user_id) if env.user_id is not None else None
    return Access(env.db, user)


class ProjectField(ValueSetField):
    name = "project"

    def matcher(self) -> Matcher:
        return column_matcher(Issue.project_id)

    def resolve(self, env: Env, text: str) -> list[object]:
        """A project the caller may not browse does not exist for them, as in Jira."""
        found = env.resolved.get((self.name, text))
        if found is None:
            found = env.resolved[(self.name, text)] = self._browsable(env, text)
        if not found:
            env.unknown_value(self.name, text)
        return list(found)

    def _browsable(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, Project, text, Project.key, Project.name))
        by_key = project_id_by_key(env.db, text)
        if by_key is not None:
            found.append(by_key)
        if found:
            access = _access(env)  # asked of the named projects only: a tracker may have thousands
            # Once each: "project_id IN (x, x)" keeps SQLite from reading the project's issues in index order.
            found = [pid for pid in dict.fromkeys(found) if isinstance(pid, int) and access.can("BROWSE_PROJECTS", pid)]
        return found

    def function(self, env: Env, call: ast.FunctionCall) -> list[object]:
        name = call.name.lower()
        if name == "projectsleadbyuser":
            leads = user_ids(env.db, call.arguments[0]) if call.arguments else [env.user_id]
            return list(env.db.scalars(select(Project.id).where(Project.lead_id.in_(leads))))
        if name == "projectswhereuserhasrole":
            return self._with_role(env, call)
        if name == "projectswhereuserhaspermission":
            return self._with_permission(env, call)
        raise self.unknown_function(call)

    def _with_permission(self, env: Env, call: ast.FunctionCall) -> list[object]:
        """Projects where the caller holds the permission, named as Jira shows it ("Resolve Issues") or by key."""
        if len(call.arguments) != 1:
            raise fail(f"Function 'projectsWhereUserHasPermission' expected '1' arguments but received "
                       f"'{len(call.arguments)}'.")
        wanted = call.arguments[0]
        key = catalog.canonical(wanted.replace(" ", "_")) or next(
            (p.key for p in catalog.PERMISSIONS.values() if p.name.lower() == wanted.strip().lower()), None)
        if key is None or key in catalog.GLOBAL_KEYS:
            raise fail(f"Could not resolve the permission '{wanted}'.")
        return list(sorted(_access(env).projects_with(key)))

    def _with_role(self, env: Env, call: ast.FunctionCall) -> list[object]:
        """Projects where the caller is an actor of the role, directly or through a group."""
        if len(call.arguments) != 1:
            raise fail(f"Function 'projectsWhereUserHasRole' expected '1' arguments but received "
                       f"'{len(call.arguments)}'.")
        roles = ids_by_id_or_name(env.db, ProjectRole, call.arguments[0], ProjectRole.name)
        if not roles:
            raise fail(f"Could not resolve the project role '{call.arguments[0]}'.")
        groups = select(GroupMembership.group_id).where(GroupMembership.user_id == env.user_id)
        actor = or_(ProjectRoleActor.user_id == env.user_id, ProjectRoleActor.group_id.in_(groups))
        return list(env.db.scalars(select(ProjectRoleActor.project_id).where(
            ProjectRoleActor.role_id.in_(roles), ProjectRoleActor.project_id.is_not(None), actor).distinct()))

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return [select(Project.name).where(Project.id == Issue.project_id).scalar_subquery()]


class IssueTypeField(ValueSetField):
    name = "issuetype"

    def matcher(self) -> Matcher:
        return column_matcher(Issue.issue_type_id)

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, IssueType, text, IssueType.name))
        if not found:
            env.unknown_value(self.name, text)
        return found

    def function(self, env: Env, call: ast.FunctionCall) -> list[object]:
        kinds = {"standardissuetypes": False, "subtaskissuetypes": True}
        if call.name.lower() in kinds:
            subtask = kinds[call.name.lower()]
            return list(env.db.scalars(select(IssueType.id).where(IssueType.subtask.is_(subtask))))
        raise self.unknown_function(call)

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return [select(IssueType.name).where(IssueType.id == Issue.issue_type_id).scalar_subquery()]


class StatusField(ValueSetField):
    name = "status"

    def matcher(self) -> Matcher:
        return column_matcher(Issue.status_id)

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, Status, text, Status.name))
        if not found:
            env.unknown_value(self.name, text)
        return found

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return [select(Status.name).where(Status.id == Issue.status_id).scalar_subquery()]


class StatusCategoryField(ValueSetField):
    name = "statusCategory"
    emptiable = False

    def matcher(self) -> Matcher:
        return column_matcher(Issue.status_id)

    def resolve(self, env: Env, text: str) -> list[object]:
        categories = ids_by_id_or_name(env.db, StatusCategory, text, StatusCategory.key, StatusCategory.name)
        if not categories:
            env.unknown_value(self.name, text)
            return []
        return list(statuses_in_categories(env.db, categories))


class PriorityField(ValueSetField):
    name = "priority"
    operators = ValueSetField.operators | ORDERING

    def matcher(self) -> Matcher:
        return column_matcher(Issue.priority_id)

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, Priority, text, Priority.name))
        if not found:
            env.unknown_value(self.name, text)
        return found

    def compare(self, env: Env, operator: str, values: list[object]) -> list[object]:
        # A higher priority has a lower sequence: "priority > Medium" means High and Highest.
        sequences = list(env.db.scalars(select(Priority.sequence).where(Priority.id.in_(values))))
        if not sequences:
            return []
        condition = {">": Priority.sequence < min(sequences), ">=": Priority.sequence <= min(sequences),
                     "<": Priority.sequence > max(sequences), "<=": Priority.sequence >= max(sequences)}[operator]
        return list(env.db.scalars(select(Priority.id).where(condition)))

    def order_by(self, env: Env) -> Sequence[Any]:
        """Highest first going down (Jira's default), no priority last. With the default priorities
        (and any whose ids rise with their sequence) that is priority_id in reverse, which indexes
        deliver in order; otherwise a CASE over the configured sequences (no lookup per issue)."""
        sequences = {p.id: p.sequence for p in rows_by_id(env.db, Priority).values()}
        by_id = [sequences[pid] for pid in sorted(sequences)]
        if all(a < b for a, b in zip(by_id, by_id[1:], strict=False)):
            return [Issue.priority_id.desc()]
        return [case({pid: -seq for pid, seq in sequences.items()}, value=Issue.priority_id, else_=-NO_PRIORITY)]


class ResolutionField(ValueSetField):
    name = "resolution"

    def matcher(self) -> Matcher:
        return column_matcher(Issue.resolution_id)

    def values(self, env: Env, operand: ast.Operand) -> tuple[list[object], bool]:
        values, empty = super().values(env, operand)
        return [v for v in values if v != "unresolved"], empty or "unresolved" in values

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, Resolution, text, Resolution.name))
        if not found and text.lower() == "unresolved":
            return ["unresolved"]
        if not found:
            env.unknown_value(self.name, text)
        return found

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return [select(Resolution.name).where(Resolution.id == Issue.resolution_id).scalar_subquery()]


class UserField(ValueSetField):
    def __init__(self, name: str, column: object) -> None:
        self.name, self.column = name, column

    def matcher(self) -> Matcher:
        return column_matcher(self.column)  # type: ignore[arg-type]

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(user_ids(env.db, text))
        if not found:
            env.unknown_value(self.name, text)
        return found

    def function(self, env: Env, call: ast.FunctionCall) -> list[object]:
        name = call.name.lower()
        if name == "currentuser":
            if call.arguments:
                raise fail(f"Function 'currentUser' expected '0' arguments but received '{len(call.arguments)}'.")
            return [env.user_id] if env.user_id is not None else []
        if name == "membersof":
            if len(call.arguments) != 1:
                raise fail(f"Function 'membersOf' expected '1' arguments but received '{len(call.arguments)}'.")
            members = group_member_ids(env.db, call.arguments)
            if members is None:
                raise fail(f"Function 'membersOf' can not generate a list of usernames for group "
                           f"'{call.arguments[0]}'; the group does not exist.")
            return list(members)
        raise self.unknown_function(call)

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return [select(func.lower(User.display_name)).where(User.id == self.column).scalar_subquery()]


class LabelsField(ValueSetField):
    name = "labels"

    def matcher(self) -> Matcher:
        return link_matcher(IssueLabel.issue_id, IssueLabel.label)

    def resolve(self, env: Env, text: str) -> list[object]:
        return [text]


class ComponentField(ValueSetField):
    name = "component"

    def matcher(self) -> Matcher:
        return link_matcher(IssueComponent.issue_id, IssueComponent.component_id)

    def values(self, env: Env, operand: ast.Operand) -> tuple[list[object], bool]:
        found, empty = super().values(env, operand)
        return in_project_scope(env, Component, found), empty

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, Component, text, Component.name))
        if not found:
            env.unknown_value(self.name, text)
        return found

    def function(self, env: Env, call: ast.FunctionCall) -> list[object]:
        if call.name.lower() == "componentsleadbyuser":
            leads = user_ids(env.db, call.arguments[0]) if call.arguments else [env.user_id]
            return list(env.db.scalars(select(Component.id).where(Component.lead_id.in_(leads))))
        raise self.unknown_function(call)
