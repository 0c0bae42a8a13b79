"""Audit records of global configuration: custom fields and their options, screens, application properties,
workflows (our admin API), issue link types, and avatars of projects and issue types."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.platform.auditing.service import (
    FIELDS,
    ISSUE_TYPES,
    PROJECTS,
    SYSTEM,
    WORKFLOWS,
    Item,
    created,
    diff,
    record,
)
from ticketry.platform.fields.models import CustomField, CustomFieldOption
from ticketry.platform.fields.types import field_type
from ticketry.platform.issueconfig.models import IssueLinkType
from ticketry.platform.projects.models import Project
from ticketry.platform.screens.models import Screen, ScreenTab, ScreenTabField
from ticketry.platform.workflows.models import Workflow

if TYPE_CHECKING:
    from ticketry.platform.avatars.owners import Owner

# Custom fields


def custom_field_item(field: CustomField) -> Item:
    return Item(f"customfield_{field.id}", field.name, "CUSTOM_FIELD")


def custom_field_created(ctx: RequestContext, field: CustomField) -> None:
    kind = field_type(field.type_key)
    record(ctx, "Custom field created", FIELDS, custom_field_item(field), created([
        ("Name", field.name), ("Description", field.description),
        ("Type", kind.name if kind is not None else field.type_key),
    ]))


def option_created(ctx: RequestContext, field: CustomField, option: CustomFieldOption) -> None:
    """Options are part of the field's configuration: Jira records the field as updated."""
    record(ctx, "Custom field updated", FIELDS, custom_field_item(field), diff([("Option", None, option.value)]))


def option_updated(ctx: RequestContext, field: CustomField, before: dict[str, Any], option: CustomFieldOption) -> None:
    changes = diff([("Option", before["value"], option.value),
                    ("Disabled", str(before["disabled"]).lower(), str(option.disabled).lower())])
    if changes:
        record(ctx, "Custom field updated", FIELDS, custom_field_item(field), changes)


def option_snapshot(option: CustomFieldOption) -> dict[str, Any]:
    return {"value": option.value, "disabled": option.disabled}


def option_deleted(ctx: RequestContext, field: CustomField, value: str) -> None:
    record(ctx, "Custom field updated", FIELDS, custom_field_item(field), diff([("Option", value, None)]))


# Screens


def screen_snapshot(db: Session, screen_id: int) -> dict[str, str]:
    """The screen's tabs in order and, per tab, its fields in order: what tab and field edits change."""
    tabs = list(db.scalars(select(ScreenTab).where(ScreenTab.screen_id == screen_id)
                           .order_by(ScreenTab.position, ScreenTab.id)))
    fields: dict[int, list[str]] = {tab.id: [] for tab in tabs}
    if fields:
        for tab_id, field_id in db.execute(select(ScreenTabField.tab_id, ScreenTabField.field_id)
                                           .where(ScreenTabField.tab_id.in_(list(fields)))
                                           .order_by(ScreenTabField.position, ScreenTabField.id)):
            fields[tab_id].append(field_id)
    snapshot = {"Tabs": ", ".join(tab.name for tab in tabs)}
    snapshot.update({f"Fields of tab {tab.name}": ", ".join(fields[tab.id]) for tab in tabs})
    return snapshot


@contextmanager
def screen_change(ctx: RequestContext, screen_ref: int | str) -> Iterator[None]:
    """Records "Screen updated" with what the block changed; nothing when the block raises."""
    from ticketry.platform.screens.service import get_screen

    screen_id = get_screen(ctx.db, screen_ref).id
    before = screen_snapshot(ctx.db, screen_id)
    yield
    screen_updated(ctx, screen_id, before)


def screen_updated(ctx: RequestContext, screen_id: int, before: dict[str, str]) -> None:

    screen = ctx.db.get(Screen, screen_id)
    if screen is None:
        return
    after = screen_snapshot(ctx.db, screen_id)
    names = list(dict.fromkeys([*before, *after]))
    changes = diff((name, before.get(name), after.get(name)) for name in names)
    if changes:
        record(ctx, "Screen updated", FIELDS, Item(screen.id, screen.name, "SCREEN"), changes)


# Application properties


def property_changed(ctx: RequestContext, key: str, before: str, after: str) -> None:
    changes = diff([(key, before, after)])
    if changes:
        record(ctx, "Application property changed", SYSTEM, Item(key, key, "APPLICATION_PROPERTY"), changes)


# Workflows


def workflow_item(name: str) -> Item:
    return Item(name, name, "WORKFLOW")


def workflow_snapshot(db: Session, workflow: Workflow) -> dict[str, Any]:
    from ticketry.platform.workflows.document import export_document

    exported = export_document(db, workflow)
    return {
        "Name": exported["name"],
        "Description": exported["description"],
        "Status": ", ".join(exported["statuses"]),
        "Transition": ", ".join(f"{t['name']} ({t['to']})" for t in exported["transitions"]),
    }


def workflow_created(ctx: RequestContext, workflow: Workflow) -> None:
    record(ctx, "Workflow created", WORKFLOWS, workflow_item(workflow.name),
           created(workflow_snapshot(ctx.db, workflow).items()))


def workflow_updated(ctx: RequestContext, before: dict[str, Any], workflow: Workflow) -> None:
    after = workflow_snapshot(ctx.db, workflow)
    changes = diff((name, before[name], after[name]) for name in after)
    if changes:
        record(ctx, "Workflow updated", WORKFLOWS, workflow_item(workflow.name), changes)


def workflow_deleted(ctx: RequestContext, name: str) -> None:
    record(ctx, "Workflow deleted", WORKFLOWS, workflow_item(name))


# Issue link types


def link_type_item(link_type: IssueLinkType) -> Item:
    return Item(link_type.id, link_type.name, "ISSUE_LINK_TYPE")


def link_type_snapshot(link_type: IssueLinkType) -> dict[str, Any]:
    return {"Name": link_type.name, "Inward Description": link_type.inward,
            "Outward Description": link_type.outward}


def link_type_created(ctx: RequestContext, link_type: IssueLinkType) -> None:
    record(ctx, "Issue link type created", SYSTEM, link_type_item(link_type),
           created(link_type_snapshot(link_type).items()))


def link_type_updated(ctx: RequestContext, before: dict[str, Any], link_type: IssueLinkType) -> None:
    after = link_type_snapshot(link_type)
    changes = diff((name, before[name], after[name]) for name in after)
    if changes:
        record(ctx, "Issue link type updated", SYSTEM, link_type_item(link_type), changes)


def link_type_deleted(ctx: RequestContext, item: Item) -> None:
    record(ctx, "Issue link type deleted", SYSTEM, item)


# Project avatars


def _avatar_owner(owner: Owner) -> tuple[str, Item]:
    if isinstance(owner.entity, Project):
        return PROJECTS, Item(owner.entity.id, owner.entity.name, "PROJECT")
    return ISSUE_TYPES, Item(owner.entity.id, owner.entity.name, "ISSUE_TYPE")


def avatar_added(ctx: RequestContext, owner: Owner, avatar_id: int) -> None:
    category, item = _avatar_owner(owner)
    record(ctx, "Avatar uploaded", category, item, created([("Avatar", avatar_id)]))


def avatar_deleted(ctx: RequestContext, owner: Owner, avatar_id: int) -> None:
    category, item = _avatar_owner(owner)
    record(ctx, "Avatar deleted", category, item, diff([("Avatar", avatar_id, None)]))


def project_avatar_changed(ctx: RequestContext, project: Project, before: int | None) -> None:
    if before != project.avatar_id:
        record(ctx, "Project avatar changed", PROJECTS, Item(project.id, project.name, "PROJECT"),
               diff([("Avatar", before, project.avatar_id)]))
