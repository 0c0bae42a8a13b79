"""HTTP of projects: CRUD and list, types, categories, key and name validation.

Roles, properties, statuses and scheme reads live in their own route modules, included here.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from ticketry.core.context import RequestContext
from ticketry.core.deps import AdminCtx, Ctx, UserCtx
from ticketry.core.errors import BadRequest, Forbidden
from ticketry.core.expand import Expand
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import projects as audit
from ticketry.platform.permissions.engine import access
from ticketry.platform.projects import categories, service, suggest
from ticketry.platform.projects import types as project_types
from ticketry.platform.projects.config_routes import router as config_router
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.render import category_json, project_json, project_list, project_self
from ticketry.platform.projects.role_routes import router as role_router
from ticketry.platform.projects.schemas import CategoryInput, ProjectInput
from ticketry.platform.projects.visibility import administered_project, viewable_ids, visible_project

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["projects"])
UPDATE_DENIED = "You must have global or project administrator rights in order to modify projects."


@router.get("/project")
def list_projects(ctx: Ctx, expand: str | None = None, recent: int | None = None,
                  includeArchived: bool = False) -> list[dict[str, Any]]:  # noqa: N803
    wanted = Expand(expand)
    projects = service.list_projects(ctx.db, include_archived=includeArchived, recent=recent,
                                     visible=viewable_ids(ctx))
    return project_list(ctx, projects, wanted)


@router.post("/project", status_code=201)
def create_project(body: ProjectInput, ctx: AdminCtx) -> dict[str, Any]:
    project = service.create_project(ctx.db, service.ProjectChanges.from_body(body))
    audit.project_created(ctx, project)
    return {"self": project_self(ctx, project), "id": project.id, "key": project.key}


@router.get("/project/type")
def list_project_types(ctx: UserCtx) -> list[dict[str, Any]]:
    return [project_types.project_type_json(t) for t in project_types.PROJECT_TYPES]


@router.get("/project/type/{projectTypeKey}")
def get_project_type(projectTypeKey: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: N803
    return project_types.project_type_json(project_types.get_project_type(projectTypeKey))


@router.get("/project/type/{projectTypeKey}/accessible")
def get_accessible_project_type(projectTypeKey: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: N803
    return project_types.project_type_json(project_types.get_project_type(projectTypeKey))


@router.get("/project/{projectIdOrKey}")
def get_project(projectIdOrKey: str, ctx: Ctx, expand: str | None = None) -> dict[str, Any]:  # noqa: N803
    return project_json(ctx, visible_project(ctx, projectIdOrKey, read_only=True), Expand(expand))


@router.put("/project/{projectIdOrKey}", status_code=201)
def update_project(projectIdOrKey: str, body: ProjectInput, ctx: UserCtx,  # noqa: N803
                   expand: str | None = None) -> dict[str, Any]:
    project = administered_project(ctx, projectIdOrKey, UPDATE_DENIED)
    changes = service.ProjectChanges.from_body(body)
    _require_admin_for_global_changes(ctx, project, changes)
    before = audit.project_snapshot(ctx.db, project)
    service.update_project(ctx.db, project, changes)
    audit.project_updated(ctx, before, project)
    return project_json(ctx, project, Expand(expand))


def _require_admin_for_global_changes(ctx: RequestContext, project: Project,
                                      changes: service.ProjectChanges) -> None:
    """Project administrators edit the details; the key and the schemes stay with Jira administrators."""
    if access(ctx).is_admin():
        return
    asked = {"key": changes.key not in (None, project.key),
             "permissionScheme": changes.permission_scheme not in (None, project.permission_scheme_id),
             "notificationScheme": changes.notification_scheme not in (None, project.notification_scheme_id),
             "issueSecurityScheme": changes.issue_security_scheme not in (None, project.issue_security_scheme_id),
             "workflowScheme": changes.workflow_scheme not in (None, project.workflow_scheme_id)}
    if any(asked.values()):
        raise Forbidden(UPDATE_DENIED)


@router.delete("/project/{projectIdOrKey}", status_code=204)
def delete_project(projectIdOrKey: str, ctx: AdminCtx) -> Response:  # noqa: N803
    project = service.get_project(ctx.db, projectIdOrKey)
    item = audit.project_item(project)
    service.delete_project(ctx.db, project)
    audit.project_deleted(ctx, item)
    return Response(status_code=204)


@router.put("/project/{projectIdOrKey}/type/{newProjectTypeKey}")
def change_project_type(projectIdOrKey: str, newProjectTypeKey: str,  # noqa: N803
                        ctx: AdminCtx) -> dict[str, Any]:
    project = service.get_project(ctx.db, projectIdOrKey)
    return project_json(ctx, service.change_type(ctx.db, project, newProjectTypeKey))


@router.get("/projectCategory")
def list_categories(ctx: UserCtx) -> list[dict[str, Any]]:
    return [category_json(ctx, c) for c in categories.all_categories(ctx.db)]


@router.post("/projectCategory", status_code=201)
def create_category(body: CategoryInput, ctx: AdminCtx) -> dict[str, Any]:
    category = categories.create_category(ctx.db, body.name, body.description)
    audit.category_created(ctx, category)
    return category_json(ctx, category)


@router.get("/projectCategory/{id}")
def get_category(id: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: A002 (Jira's name)
    return category_json(ctx, categories.get_category(ctx.db, id))


@router.put("/projectCategory/{id}")
def update_category(id: str, body: CategoryInput, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    category = categories.get_category(ctx.db, id)
    before = audit.category_snapshot(category)
    categories.update_category(ctx.db, category, body.name, body.description)
    audit.category_updated(ctx, before, category)
    return category_json(ctx, category)


@router.delete("/projectCategory/{id}", status_code=204)
def delete_category(id: str, ctx: AdminCtx) -> Response:  # noqa: A002
    category = categories.get_category(ctx.db, id)
    item = audit.category_item(category)
    categories.delete_category(ctx.db, category)
    audit.category_deleted(ctx, item)
    return Response(status_code=204)



@router.get("/projectvalidate/key")
def validate_key(ctx: UserCtx, key: str | None = None) -> dict[str, Any]:
    return {"errorMessages": [], "errors": suggest.key_errors(ctx.db, key)}


@router.get("/projectvalidate/validProjectKey")
def valid_project_key(ctx: UserCtx, key: str | None = None) -> JSONResponse:
    return JiraJSONResponse(suggest.valid_key(ctx.db, key))


@router.get("/projectvalidate/validProjectName")
def valid_project_name(ctx: UserCtx, name: str | None = None) -> JSONResponse:
    if name is None:
        raise BadRequest(errors={"name": "The parameter 'name' is required."})
    return JiraJSONResponse(suggest.valid_name(ctx.db, name))


router.include_router(role_router)
router.include_router(config_router)
