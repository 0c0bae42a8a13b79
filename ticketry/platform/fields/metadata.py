"""createmeta/editmeta entries of custom fields: schema, operations and allowed values."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.core.errors import NotFound
from ticketry.platform.fields.catalog import custom_field_def, find_custom_field
from ticketry.platform.fields.models import CustomField, CustomFieldOption
from ticketry.platform.fields.options import _available_in
from ticketry.platform.fields.types import FieldType, field_type
from ticketry.platform.projects.models import Project
from ticketry.platform.versions.models import Version


def operations(kind: FieldType) -> list[str]:
    return ["add", "set", "remove"] if kind.multi else ["set"]


def field_metadata(ctx: RequestContext, field_id: str, *, required: bool,
                   project_id: int | None = None) -> dict[str, Any]:
    """The createmeta/editmeta entry of a custom field; project_id limits options and versions."""
    custom = find_custom_field(ctx.db, field_id)
    kind = field_type(custom.type_key) if custom is not None else None
    if custom is None or kind is None:
        raise NotFound(f"The field with key '{field_id}' does not exist.")
    definition = custom_field_def(custom)
    body: dict[str, Any] = {"required": required, "schema": definition.schema, "name": custom.name,
                            "key": definition.id}
    if kind.key in ("userpicker", "multiuserpicker"):
        body["autoCompleteUrl"] = ctx.api("user/search?username=")
    body["hasDefaultValue"] = False
    body["operations"] = operations(kind)
    allowed = _allowed_values(ctx, custom, kind, project_id)
    if allowed is not None:
        body["allowedValues"] = allowed
    return body


def _allowed_values(ctx: RequestContext, custom: CustomField, kind: FieldType,
                    project_id: int | None) -> list[dict[str, Any]] | None:
    if kind.has_options:
        return _option_values(ctx, custom, kind, project_id)
    if kind.column == "version_id":
        return _version_values(ctx, project_id)
    if kind.column == "project_id":
        from ticketry.platform.fields.rendering import project_short

        projects = ctx.once("meta.projects", lambda: list(ctx.db.scalars(select(Project).order_by(Project.name))))
        return [project_short(ctx, p) for p in projects]
    return None


def _option_values(ctx: RequestContext, custom: CustomField, kind: FieldType,
                   project_id: int | None) -> list[dict[str, Any]]:
    from ticketry.platform.fields.rendering import option_json

    query = select(CustomFieldOption).where(
        CustomFieldOption.field_id == custom.id, CustomFieldOption.disabled.is_(False)
    )
    if project_id is not None:
        query = query.where(_available_in(project_id, True))
    options = list(ctx.db.scalars(query.order_by(CustomFieldOption.position, CustomFieldOption.id)))
    children: dict[int, list[CustomFieldOption]] = defaultdict(list)
    for option in options:
        if option.parent_id is not None:
            children[option.parent_id].append(option)
    values = []
    for option in options:
        if option.parent_id is not None:
            continue
        entry = option_json(ctx, option)
        if kind.key == "cascadingselect":
            entry["children"] = [option_json(ctx, c) for c in children.get(option.id, [])]
        values.append(entry)
    return values


def _version_values(ctx: RequestContext, project_id: int | None) -> list[dict[str, Any]]:
    from ticketry.platform.fields.rendering import version_ref

    if project_id is None:
        return []
    return [version_ref(ctx, v) for v in project_versions(ctx, project_id) if not v.archived]


def project_versions(ctx: RequestContext, project_id: int) -> list[Version]:
    """A project's versions in their order, read once per request."""
    return ctx.once(f"meta.versions.{project_id}", lambda: list(ctx.db.scalars(
        select(Version).where(Version.project_id == project_id).order_by(Version.sequence, Version.id))))
