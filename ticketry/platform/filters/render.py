"""Wire shapes of filters and their share permissions, loaded with a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from sqlalchemy import func, select, true

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.platform.filters.models import Filter, FilterFavourite, FilterSharePermission
from ticketry.platform.filters.service import shares_of
from ticketry.platform.filters.shares import AUTHENTICATED, shared_user_condition
from ticketry.platform.projects.models import Project, ProjectCategory, ProjectRole, ProjectRoleActor
from ticketry.platform.projects.render import category_json, project_avatar_urls, project_self
from ticketry.platform.projects.roles import GROUP_ACTOR, USER_ACTOR
from ticketry.platform.users.models import Group, User
from ticketry.platform.users.render import avatar_url, group_ref, user_ref, user_refs

SHARED_USERS_MAX = 1000
# Jira answers "loggedin" for a share with every logged-in user.
WIRE_TYPES = {AUTHENTICATED: "loggedin"}


@dataclass
class ShareLookups:
    """Groups, projects, roles and role actors that a set of shares names, loaded once."""

    groups: dict[int, Group] = field(default_factory=dict)
    projects: dict[int, Project] = field(default_factory=dict)
    categories: dict[int, ProjectCategory] = field(default_factory=dict)
    roles: dict[int, ProjectRole] = field(default_factory=dict)
    actors: dict[tuple[int, int], list[dict[str, Any]]] = field(default_factory=dict)


def _by_id(ctx: RequestContext, model: Any, ids: set[int]) -> dict[int, Any]:
    if not ids:
        return {}
    return {row.id: row for row in ctx.db.scalars(select(model).where(model.id.in_(ids)))}


def load_share_lookups(ctx: RequestContext, shares: list[FilterSharePermission]) -> ShareLookups:
    found = ShareLookups()
    found.groups = _by_id(ctx, Group, {s.group_id for s in shares if s.group_id is not None})
    found.projects = _by_id(ctx, Project, {s.project_id for s in shares if s.project_id is not None})
    found.categories = _by_id(ctx, ProjectCategory, {p.category_id for p in found.projects.values()
                                                     if p.category_id is not None})
    found.roles = _by_id(ctx, ProjectRole, {s.role_id for s in shares if s.role_id is not None})
    pairs = {(s.role_id, s.project_id) for s in shares if s.role_id is not None and s.project_id is not None}
    if pairs:
        _load_actors(ctx, found, pairs)  # type: ignore[arg-type]
    return found


def _load_actors(ctx: RequestContext, found: ShareLookups, pairs: set[tuple[int, int]]) -> None:
    role_ids, project_ids = {r for r, _ in pairs}, {p for _, p in pairs}
    rows = list(ctx.db.scalars(select(ProjectRoleActor).where(
        ProjectRoleActor.role_id.in_(role_ids), ProjectRoleActor.project_id.in_(project_ids))))
    users = _by_id(ctx, User, {a.user_id for a in rows if a.user_id is not None})
    groups = _by_id(ctx, Group, {a.group_id for a in rows if a.group_id is not None})
    for actor in rows:
        key = (actor.role_id, actor.project_id or 0)
        if key not in pairs:
            continue
        if actor.user_id is not None:
            user = users[actor.user_id]
            shaped = {"id": actor.id, "displayName": user.display_name, "type": USER_ACTOR, "name": user.name,
                      "avatarUrl": avatar_url(ctx, user, "xsmall")}
        else:
            group = groups[actor.group_id or 0]
            shaped = {"id": actor.id, "displayName": group.name, "type": GROUP_ACTOR, "name": group.name}
        found.actors.setdefault(key, []).append(shaped)
    for shaped_list in found.actors.values():
        shaped_list.sort(key=lambda a: (a["type"], a["displayName"].lower(), a["name"].lower()))


def _project_json(ctx: RequestContext, project: Project, found: ShareLookups) -> dict[str, Any]:
    body: dict[str, Any] = {"self": project_self(ctx, project), "id": str(project.id), "key": project.key,
                            "name": project.name, "avatarUrls": project_avatar_urls(ctx, project)}
    category = found.categories.get(project.category_id) if project.category_id is not None else None
    if category is not None:
        body["projectCategory"] = category_json(ctx, category)
    body["projectTypeKey"] = project.project_type_key
    body["simplified"] = False
    return body


def _role_json(ctx: RequestContext, role: ProjectRole, project: Project, found: ShareLookups) -> dict[str, Any]:
    return {"self": ctx.api(f"project/{project.id}/role/{role.id}"), "name": role.name, "id": role.id,
            "description": role.description, "actors": found.actors.get((role.id, project.id), [])}


def share_json(ctx: RequestContext, share: FilterSharePermission, found: ShareLookups) -> dict[str, Any]:
    body: dict[str, Any] = {"id": share.id, "type": WIRE_TYPES.get(share.share_type, share.share_type)}
    project = found.projects.get(share.project_id) if share.project_id is not None else None
    if project is not None:
        body["project"] = _project_json(ctx, project, found)
        role = found.roles.get(share.role_id) if share.role_id is not None else None
        if role is not None:
            body["role"] = _role_json(ctx, role, project, found)
    group = found.groups.get(share.group_id) if share.group_id is not None else None
    if group is not None:
        body["group"] = group_ref(ctx, group.name)
    return body


def shares_json(ctx: RequestContext, shares: list[FilterSharePermission]) -> list[dict[str, Any]]:
    found = load_share_lookups(ctx, shares)
    return [share_json(ctx, share, found) for share in shares]


def _list_wrapper(items: list[dict[str, Any]], size: int, max_results: int) -> dict[str, Any]:
    return {"size": size, "items": items, "max-results": max_results, "start-index": 0,
            "end-index": max(len(items) - 1, 0)}


def _shared_users(ctx: RequestContext, filter_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The users each filter's shares reach (first SHARED_USERS_MAX by name, with the total), in one query."""
    rank = func.row_number().over(partition_by=Filter.id, order_by=User.lower_name).label("rank")
    total = func.count().over(partition_by=Filter.id).label("total")
    reached = (select(Filter.id.label("filter_id"), User.id.label("user_id"), rank, total)
               .join(User, true()).where(Filter.id.in_(filter_ids), shared_user_condition(Filter.id)).subquery())
    rows = ctx.db.execute(select(reached.c.filter_id, reached.c.total, User)
                          .join(User, User.id == reached.c.user_id).where(reached.c.rank <= SHARED_USERS_MAX)
                          .order_by(reached.c.filter_id, reached.c.rank)).all()
    users: dict[int, list[User]] = {}
    totals: dict[int, int] = {}
    for filter_id, count, user in rows:
        users.setdefault(filter_id, []).append(user)
        totals[filter_id] = count
    return {fid: _list_wrapper(user_refs(ctx, users.get(fid, [])), totals.get(fid, 0), SHARED_USERS_MAX)
            for fid in filter_ids}


def filters_json(ctx: RequestContext, filters: list[Filter], expand: Expand | None = None) -> list[dict[str, Any]]:
    """Filters as Jira sends them, with a constant number of queries for the whole list."""
    if not filters:
        return []
    wanted = expand or Expand(None)
    ids = [f.id for f in filters]
    owners = _by_id(ctx, User, {f.owner_id for f in filters})
    counts = dict(ctx.db.execute(select(FilterFavourite.filter_id, func.count()).where(
        FilterFavourite.filter_id.in_(ids)).group_by(FilterFavourite.filter_id)).all())
    mine: set[int] = set()
    if ctx.user is not None:
        mine = set(ctx.db.scalars(select(FilterFavourite.filter_id).where(
            FilterFavourite.filter_id.in_(ids), FilterFavourite.user_id == ctx.user.id)))
    shares = shares_of(ctx.db, ids)
    found = load_share_lookups(ctx, shares)
    shared_users = _shared_users(ctx, ids) if "sharedUsers" in wanted else {}
    by_filter: dict[int, list[dict[str, Any]]] = {}
    for share in shares:
        by_filter.setdefault(share.filter_id, []).append(share_json(ctx, share, found))
    return [_filter_json(ctx, f, owners.get(f.owner_id), f.id in mine, counts.get(f.id, 0),
                         by_filter.get(f.id, []), shared_users.get(f.id)) for f in filters]


def filter_json(ctx: RequestContext, search_filter: Filter, expand: Expand | None = None) -> dict[str, Any]:
    return filters_json(ctx, [search_filter], expand)[0]


def _filter_json(ctx: RequestContext, search_filter: Filter, owner: User | None, favourite: bool, count: int,
                 shares: list[dict[str, Any]], shared_users: dict[str, Any] | None) -> dict[str, Any]:
    body: dict[str, Any] = {"self": ctx.api(f"filter/{search_filter.id}"), "id": str(search_filter.id),
                            "name": search_filter.name}
    if search_filter.description is not None:
        body["description"] = search_filter.description
    body.update({
        "owner": user_ref(ctx, owner),
        "jql": search_filter.jql,
        "viewUrl": ctx.url(f"/issues/?filter={search_filter.id}"),
        "searchUrl": ctx.api("search?jql=" + quote(search_filter.jql, safe="")),
        "favourite": favourite,
        "favouritedCount": count,
        "sharePermissions": shares,
        "sharedUsers": shared_users if shared_users is not None else _list_wrapper([], 0, 0),
        # Filter subscriptions (scheduled e-mails) are not offered, so every filter has none.
        "subscriptions": _list_wrapper([], 0, 0),
    })
    return body
