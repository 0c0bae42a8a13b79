"""Share permissions of filters: what a share may name, who may add it, and who a share lets see a filter.

Visibility is one SQL condition (`visible_condition`), so lists filter in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.core.ids import db_id
from ticketry.platform.filters.models import Filter, FilterSharePermission
from ticketry.platform.permissions import users_sql
from ticketry.platform.permissions.engine import Access, access_for
from ticketry.platform.projects.models import Project, ProjectRole, ProjectRoleActor
from ticketry.platform.projects.service import find_project
from ticketry.platform.users.models import Group, GroupMembership, User
from ticketry.platform.users.service import find_group, is_admin

GLOBAL = "global"
AUTHENTICATED = "authenticated"
GROUP = "group"
PROJECT = "project"
# Input spellings of the share types (Jira answers "loggedin" for authenticated shares).
INPUT_TYPES = {"global": GLOBAL, "authenticated": AUTHENTICATED, "loggedin": AUTHENTICATED, "group": GROUP,
               "project": PROJECT, "projectrole": PROJECT}
NO_SHARE_PERMISSION = "You do not have permission to share. All shares are invalid."
TYPE_ERROR = "The share type '{0}' is not valid. Valid types are: global, authenticated, group, project, projectRole."


@dataclass(frozen=True)
class ShareSpec:
    """A validated share, before it is stored."""

    share_type: str
    group_id: int | None = None
    project_id: int | None = None
    role_id: int | None = None


def is_replacing(spec: ShareSpec) -> bool:
    """Global and authenticated shares replace every other share of the filter."""
    return spec.share_type in (GLOBAL, AUTHENTICATED)


def parse_share(db: Session, sharer: User, raw: dict[str, Any]) -> ShareSpec:
    """A share from {"type", "groupname", "projectId", "projectRoleId"} (or the group/project/role objects
    of a filter's sharePermissions), checked against what the sharer may share with: sharing at all needs
    the Create Shared Objects global permission (Jira: 400)."""
    if not may_share(db, sharer):
        raise BadRequest(errors={"sharePermissions": NO_SHARE_PERMISSION})
    kind = raw.get("type")
    if not isinstance(kind, str) or not kind.strip():
        raise BadRequest(errors={"type": "The share type must be given."})
    share_type = INPUT_TYPES.get(kind.strip().lower())
    if share_type is None:
        raise BadRequest(errors={"type": TYPE_ERROR.format(kind)})
    if share_type == GROUP:
        return _group_share(db, sharer, _text(raw, "groupname", "group", "name"))
    if share_type == PROJECT:
        role_ref = _text(raw, "projectRoleId", "role", "id")
        if kind.strip().lower() == "projectrole" and role_ref is None:
            raise BadRequest(errors={"projectRoleId": "A project role must be given to share with a project role."})
        return _project_share(db, sharer, _text(raw, "projectId", "project", "id"), role_ref)
    return ShareSpec(share_type)


def _text(raw: dict[str, Any], flat: str, nested: str, inner: str) -> str | None:
    value = raw.get(flat)
    if value is None and isinstance(raw.get(nested), dict):
        value = raw[nested].get(inner)
    if value is None or isinstance(value, bool) or not isinstance(value, str | int):
        if value is not None:
            raise BadRequest(errors={flat: f"The value of '{flat}' must be a string."})
        return None
    return str(value)


def _group_share(db: Session, sharer: User, name: str | None) -> ShareSpec:
    if not name:
        raise BadRequest(errors={"groupname": "A group must be given to share with a group."})
    group = find_group(db, name)
    if group is None:
        raise BadRequest(errors={"groupname": f"Group: '{name}' does not exist."})
    if not is_admin(db, sharer) and group.lower_name not in access_for(db, sharer).groups():
        raise BadRequest(errors={"groupname": f"You do not have permission to share with Group: '{group.name}'."})
    return ShareSpec(GROUP, group_id=group.id)


def _project_share(db: Session, sharer: User, project_ref: str | None, role_ref: str | None) -> ShareSpec:
    if not project_ref:
        raise BadRequest(errors={"projectId": "A project must be given to share with a project."})
    project = find_project(db, project_ref)
    if project is None or not can_browse_project(db, sharer, project):
        raise BadRequest(errors={"projectId": "Selected project does not exist."})
    if role_ref is None:
        return ShareSpec(PROJECT, project_id=project.id)
    number = db_id(role_ref)
    role = db.get(ProjectRole, number) if number is not None else None
    if role is None:
        raise BadRequest(errors={"projectRoleId": "Selected role does not exist."})
    if not is_admin(db, sharer) and role.id not in access_for(db, sharer).roles_in(project.id):
        raise BadRequest(errors={"projectRoleId": f"You do not have permission to share with Project Role: "
                                                  f"'{role.name}' in project '{project.name}'."})
    return ShareSpec(PROJECT, project_id=project.id, role_id=role.id)


def _actor_is(actor: type[ProjectRoleActor], user_id: Any) -> ColumnElement[bool]:
    """The role actor is the user, or a group the user belongs to (user_id may be a column)."""
    return or_(actor.user_id == user_id, actor.group_id.in_(_groups_of(user_id)))


def _groups_of(user_id: Any) -> Any:
    """Ids of the user's groups; correlated when user_id is a column of an enclosing query."""
    return select(GroupMembership.group_id).where(GroupMembership.user_id == user_id).correlate_except(GroupMembership)


def may_share(db: Session, user: User | None) -> bool:
    return access_for(db, user).has_global("CREATE_SHARED_OBJECTS")


def can_browse_project(db: Session, user: User | None, project: Project) -> bool:
    """Who may share with (and see what is shared with) a project: Browse Projects, or Administer Projects."""
    viewer = access_for(db, user)
    return viewer.can("BROWSE_PROJECTS", project.id) or viewer.can("ADMINISTER_PROJECTS", project.id)


def viewer_grants(share: Any, viewer: Access) -> ColumnElement[bool]:
    """The share (a filter's or a dashboard's) lets the logged-in caller see its object, with the caller's
    groups, browsable projects and project roles as the permission engine sees them."""
    parts: list[ColumnElement[bool]] = [share.share_type.in_([GLOBAL, AUTHENTICATED])]
    groups = viewer.groups()
    if groups:
        parts.append(and_(share.share_type == GROUP, share.group_id.in_(
            select(Group.id).where(Group.lower_name.in_(sorted(groups))))))
    # The projects shares name (few) are checked, rather than every project the caller may browse listed in
    # the statement (thousands: most of a favourite filters request at L).
    shared = viewer.db.scalars(select(share.project_id).where(share.share_type == PROJECT, share.role_id.is_(None))
                               .distinct())
    browsable = [p for p in sorted(p for p in shared if p is not None)
                 if viewer.can("BROWSE_PROJECTS", p) or viewer.can("ADMINISTER_PROJECTS", p)]
    if browsable:
        parts.append(and_(share.share_type == PROJECT, share.role_id.is_(None),
                          share.project_id.in_(browsable)))
    role_projects = viewer.db.scalars(select(share.project_id).where(share.role_id.is_not(None)).distinct())
    for project_id in sorted(p for p in role_projects if p is not None):
        roles = viewer.roles_in(project_id)
        if roles:
            parts.append(and_(share.share_type == PROJECT, share.project_id == project_id,
                              share.role_id.in_(sorted(roles))))
    return or_(*parts)


def _grants(share: type[FilterSharePermission], user_id: Any) -> ColumnElement[bool]:
    """The share reaches this user id (a column: for the users a filter is shared with). A project share
    reaches those who may browse or administer the project, as its permission scheme says (in SQL)."""
    actor = ProjectRoleActor
    in_role = exists().where(actor.role_id == share.role_id, actor.project_id == share.project_id,
                             _actor_is(actor, user_id)).correlate_except(actor)
    return or_(
        share.share_type.in_([GLOBAL, AUTHENTICATED]),
        and_(share.share_type == GROUP, share.group_id.in_(_groups_of(user_id))),
        and_(share.share_type == PROJECT, share.role_id.is_(None), or_(
            *(users_sql.holds_in_project(key, share.project_id).correlate(User, share)
              for key in ("BROWSE_PROJECTS", "ADMINISTER_PROJECTS")))),
        and_(share.share_type == PROJECT, share.role_id.is_not(None), in_role),
    )


def visible_condition(db: Session, user: User | None) -> ColumnElement[bool]:
    """Filters the user may see: their own, and those a share grants them (anonymous: global shares)."""
    share = FilterSharePermission
    if user is None:
        return exists().where(share.filter_id == Filter.id, share.share_type == GLOBAL)
    grants = viewer_grants(share, access_for(db, user))
    return or_(Filter.owner_id == user.id, exists().where(share.filter_id == Filter.id, grants))


def shared_user_condition(filter_id: Any) -> ColumnElement[bool]:
    """Active users (as User rows) that a share of the filter reaches; filter_id may be Filter.id."""
    share = FilterSharePermission
    granted = exists().where(share.filter_id == filter_id, _grants(share, User.id)).correlate_except(share)
    return and_(User.active.is_(True), granted)
