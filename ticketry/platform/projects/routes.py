"""HTTP of projects: CRUD and list, types, categories, key and name validation.

Roles, properties, statuses and scheme reads live in their own route modules, included here.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.expand import Expand
from ticketry.core.responses import JiraJSONResponse
from ticketry.platform.projects import categories, service, suggest
from ticketry.platform.projects import types as project_types
from ticketry.platform.projects.config_routes import router as config_router
from ticketry.platform.projects.render import category_json, project_json, project_list, project_self
from ticketry.platform.projects.role_routes import router as role_router
from ticketry.platform.projects.schemas import CategoryInput, ProjectInput

router = APIRouter(prefix="/rest/api/2", tags=["projects"])


@router.get("/project")
def list_projects(ctx: UserCtx, expand: str | None = None, recent: int | None = None,
                  includeArchived: bool = False) -> list[dict[str, Any]]:  # noqa: N803
    wanted = Expand(expand)
    projects = service.list_projects(ctx.db, include_archived=includeArchived, recent=recent)
    return project_list(ctx, projects, wanted)


@router.post("/project", status_code=201)
def create_project(body: ProjectInput, ctx: AdminCtx) -> dict[str, Any]:
    project = service.create_project(ctx.db, service.ProjectChanges.from_body(body))
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
def get_project(projectIdOrKey: str, ctx: UserCtx, expand: str | None = None) -> dict[str, Any]:  # noqa: N803
    return project_json(ctx, service.get_project(ctx.db, projectIdOrKey), Expand(expand))


@router.put("/project/{projectIdOrKey}", status_code=201)
def update_project(projectIdOrKey: str, body: ProjectInput, ctx: AdminCtx,  # noqa: N803
                   expand: str | None = None) -> dict[str, Any]:
    project = service.get_project(ctx.db, projectIdOrKey)
    service.update_project(ctx.db, project, service.ProjectChanges.from_body(body))
    return project_json(ctx, project, Expand(expand))


@router.delete("/project/{projectIdOrKey}", status_code=204)
def delete_project(projectIdOrKey: str, ctx: AdminCtx) -> Response:  # noqa: N803
    service.delete_project(ctx.db, service.get_project(ctx.db, projectIdOrKey))
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
    return category_json(ctx, categories.create_category(ctx.db, body.name, body.description))


@router.get("/projectCategory/{id}")
def get_category(id: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: A002 (Jira's name)
    return category_json(ctx, categories.get_category(ctx.db, id))


@router.put("/projectCategory/{id}")
def update_category(id: str, body: CategoryInput, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    category = categories.get_category(ctx.db, id)
    return category_json(ctx, categories.update_category(ctx.db, category, body.name, body.description))


@router.delete("/projectCategory/{id}", status_code=204)
def delete_category(id: str, ctx: AdminCtx) -> Response:  # noqa: A002
    categories.delete_category(ctx.db, categories.get_category(ctx.db, id))
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
