"""Screen rules: tabs and their fields, and which screen applies to an issue operation."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached
from ticketry.core.errors import BadRequest, Forbidden
from ticketry.platform.fields.catalog import FieldDef, all_fields, field_by_id
from ticketry.platform.projects.service import find_project
from ticketry.platform.screens.models import (
    IssueTypeScreenSchemeItem,
    ProjectIssueTypeScreenScheme,
    Screen,
    ScreenSchemeItem,
    ScreenTab,
    ScreenTabField,
)
from ticketry.platform.users.models import User
from ticketry.platform.users.service import is_admin

DEFAULT_SCREEN = 1
RESOLVE_ISSUE_SCREEN = 2
WORKFLOW_SCREEN = 3
DEFAULT_SCREEN_SCHEME = 1
DEFAULT_ISSUE_TYPE_SCREEN_SCHEME = 1
OPERATIONS = ("create", "edit", "view")
MOVE_POSITIONS = ("Earlier", "Later", "First", "Last")
MAX_DB_INT = 2**31 - 1


# Resolution: project -> issue type screen scheme -> screen scheme -> screen -> fields -----------

def screen_for(db: Session, project_id: int, issue_type_id: int, operation: str) -> int:
    """The screen a project uses to create, edit or view issues of a type."""
    if operation not in OPERATIONS:
        raise ValueError(f"unknown screen operation {operation!r}")
    scheme_id = db.scalar(
        select(ProjectIssueTypeScreenScheme.scheme_id).where(ProjectIssueTypeScreenScheme.project_id == project_id)
    ) or DEFAULT_ISSUE_TYPE_SCREEN_SCHEME
    screen_scheme_id = db.scalar(
        select(IssueTypeScreenSchemeItem.screen_scheme_id)
        .where(IssueTypeScreenSchemeItem.scheme_id == scheme_id)
        .where((IssueTypeScreenSchemeItem.issue_type_id == issue_type_id)
               | IssueTypeScreenSchemeItem.issue_type_id.is_(None))
        .order_by(IssueTypeScreenSchemeItem.issue_type_id.is_(None))
        .limit(1)
    ) or DEFAULT_SCREEN_SCHEME
    screen_id = db.scalar(
        select(ScreenSchemeItem.screen_id)
        .where(ScreenSchemeItem.scheme_id == screen_scheme_id)
        .where(ScreenSchemeItem.operation.in_((operation, "default")))
        .order_by(ScreenSchemeItem.operation == "default")
        .limit(1)
    )
    return screen_id if screen_id is not None else DEFAULT_SCREEN


def screen_field_ids(db: Session, project_id: int, issue_type_id: int, operation: str) -> list[str]:
    """Field ids on the screen for `create`, `edit` or `view`, in tab and position order (from the
    configuration cache)."""
    def load(session: Session) -> tuple[str, ...]:
        return tuple(tab_field_ids(session, screen_for(session, project_id, issue_type_id, operation)))

    return list(cached(db, ("screen_fields", project_id, issue_type_id, operation), load))


def tab_field_ids(db: Session, screen_id: int) -> list[str]:
    """Every field id on a screen (all tabs), in tab order then position order."""
    return list(db.scalars(
        select(ScreenTabField.field_id)
        .join(ScreenTab, ScreenTab.id == ScreenTabField.tab_id)
        .where(ScreenTab.screen_id == screen_id)
        .order_by(ScreenTab.position, ScreenTab.id, ScreenTabField.position, ScreenTabField.id)
    ))


def remove_field_everywhere(db: Session, field_id: str) -> None:
    """Takes a field off every screen (when a custom field is deleted)."""
    db.execute(delete(ScreenTabField).where(ScreenTabField.field_id == field_id))


# Lookups -------------------------------------------------------------------------------------

def get_screen(db: Session, screen_id: int | str) -> Screen:
    screen = db.get(Screen, _db_id(screen_id))
    if screen is None:
        raise BadRequest(f"Screen with id {screen_id} does not exist")
    return screen


def get_tab(db: Session, screen_id: int | str, tab_id: int | str) -> ScreenTab:
    screen = get_screen(db, screen_id)
    tab = db.get(ScreenTab, _db_id(tab_id))
    if tab is None or tab.screen_id != screen.id:
        raise BadRequest(f"Tab with id {tab_id} does not exist on screen with id {screen.id}")
    return tab


def _db_id(value: int | str) -> int:
    text = str(value)
    return int(text) if text.isdigit() and int(text) <= MAX_DB_INT else 0


# Tabs ----------------------------------------------------------------------------------------

def list_tabs(db: Session, screen_id: int | str) -> list[ScreenTab]:
    screen = get_screen(db, screen_id)
    return _tabs(db, screen.id)


def _tabs(db: Session, screen_id: int) -> list[ScreenTab]:
    return list(db.scalars(
        select(ScreenTab).where(ScreenTab.screen_id == screen_id).order_by(ScreenTab.position, ScreenTab.id)
    ))


def add_tab(db: Session, screen_id: int | str, name: object) -> ScreenTab:
    screen = get_screen(db, screen_id)
    clean = _tab_name(db, screen.id, name, tab_id=None)
    position = db.scalar(select(func.count()).select_from(ScreenTab).where(ScreenTab.screen_id == screen.id)) or 0
    tab = ScreenTab(screen_id=screen.id, name=clean, position=position)
    db.add(tab)
    db.flush()
    return tab


def rename_tab(db: Session, screen_id: int | str, tab_id: int | str, name: object) -> ScreenTab:
    tab = get_tab(db, screen_id, tab_id)
    tab.name = _tab_name(db, tab.screen_id, name, tab_id=tab.id)
    db.flush()
    return tab


def _tab_name(db: Session, screen_id: int, name: object, *, tab_id: int | None) -> str:
    if not isinstance(name, str) or not name.strip():
        raise BadRequest(errors={"name": "Tab name cannot be empty."})
    clean = name.strip()
    if "\x00" in clean:
        raise BadRequest(errors={"name": "Tab name must not contain NUL characters."})
    if len(clean) > 255:
        raise BadRequest(errors={"name": "Tab name must not be longer than 255 characters."})
    clash = db.scalar(
        select(ScreenTab.id).where(ScreenTab.screen_id == screen_id)
        .where(func.lower(ScreenTab.name) == clean.lower()).where(ScreenTab.id != (tab_id or 0))
    )
    if clash is not None:
        raise BadRequest(errors={"name": f"Screen already contains tab with name '{clean}'."})
    return clean


def delete_tab(db: Session, screen_id: int | str, tab_id: int | str) -> None:
    tab = get_tab(db, screen_id, tab_id)
    tabs = _tabs(db, tab.screen_id)
    if len(tabs) == 1:
        raise BadRequest("A screen must have at least one tab.")
    db.delete(tab)
    _renumber([t for t in tabs if t.id != tab.id])
    db.flush()


def move_tab(db: Session, screen_id: int | str, tab_id: int | str, pos: int | str) -> None:
    tab = get_tab(db, screen_id, tab_id)
    tabs = _tabs(db, tab.screen_id)
    text = str(pos)
    if not text.isdigit() or int(text) >= len(tabs):
        raise BadRequest(f"Position {pos} is not a valid tab position for this screen (0 to {len(tabs) - 1}).")
    others = [t for t in tabs if t.id != tab.id]
    others.insert(int(text), tab)
    _renumber(others)
    db.flush()


def _renumber(rows: Sequence[ScreenTab | ScreenTabField]) -> None:
    for position, row in enumerate(rows):
        row.position = position


# Fields on tabs ------------------------------------------------------------------------------

def tab_fields(db: Session, screen_id: int | str, tab_id: int | str) -> list[FieldDef]:
    tab = get_tab(db, screen_id, tab_id)
    catalog = {f.id: f for f in all_fields(db)}
    return [catalog[row.field_id] for row in _tab_rows(db, tab.id) if row.field_id in catalog]


def _tab_rows(db: Session, tab_id: int) -> list[ScreenTabField]:
    return list(db.scalars(
        select(ScreenTabField).where(ScreenTabField.tab_id == tab_id)
        .order_by(ScreenTabField.position, ScreenTabField.id)
    ))


def available_fields(db: Session, screen_id: int | str) -> list[FieldDef]:
    """Fields that may go on the screen and are not on any of its tabs yet."""
    screen = get_screen(db, screen_id)
    present = set(tab_field_ids(db, screen.id))
    return [f for f in all_fields(db) if f.orderable and f.id not in present]


def add_field(db: Session, screen_id: int | str, tab_id: int | str, field_id: object) -> FieldDef:
    tab = get_tab(db, screen_id, tab_id)
    field = _screenable_field(db, field_id)
    if field.id in tab_field_ids(db, tab.screen_id):
        raise BadRequest(errors={"fieldId": f"Field with id '{field.id}' already exists on the screen."})
    position = db.scalar(
        select(func.count()).select_from(ScreenTabField).where(ScreenTabField.tab_id == tab.id)
    ) or 0
    db.add(ScreenTabField(tab_id=tab.id, field_id=field.id, position=position))
    db.flush()
    return field


def add_to_default(db: Session, field_id: str) -> FieldDef:
    """Adds a field to the first tab of the Default Screen."""
    tabs = _tabs(db, get_screen(db, DEFAULT_SCREEN).id)
    if not tabs:
        raise BadRequest("The default screen has no tab to add the field to.")
    return add_field(db, DEFAULT_SCREEN, tabs[0].id, field_id)


def _screenable_field(db: Session, field_id: object) -> FieldDef:
    if not isinstance(field_id, str) or not field_id.strip():
        raise BadRequest(errors={"fieldId": "Field id is required."})
    field = field_by_id(db, field_id.strip())
    if field is None or field.id != field_id.strip():
        raise BadRequest(errors={"fieldId": f"Field with id '{field_id}' does not exist."})
    if not field.orderable:
        raise BadRequest(errors={"fieldId": f"Field with id '{field_id}' cannot be placed on a screen."})
    return field


def remove_field(db: Session, screen_id: int | str, tab_id: int | str, field_id: str) -> None:
    tab = get_tab(db, screen_id, tab_id)
    rows = _tab_rows(db, tab.id)
    row = next((r for r in rows if r.field_id == field_id), None)
    if row is None:
        raise BadRequest(f"Field with id '{field_id}' is not on tab with id {tab.id}.")
    db.delete(row)
    _renumber([r for r in rows if r is not row])
    db.flush()


def move_field(db: Session, screen_id: int | str, tab_id: int | str, field_id: str, *,
               position: object = None, after: object = None) -> None:
    """Moves a field First, Last, Earlier or Later, or right after another field (`after`: its id or URI)."""
    tab = get_tab(db, screen_id, tab_id)
    rows = _tab_rows(db, tab.id)
    row = next((r for r in rows if r.field_id == field_id), None)
    if row is None:
        raise BadRequest(f"Field with id '{field_id}' is not on tab with id {tab.id}.")
    index = rows.index(row)
    others = [r for r in rows if r is not row]
    others.insert(_move_target(others, index, position, after), row)
    _renumber(others)
    db.flush()


def _move_target(others: list[ScreenTabField], index: int, position: object, after: object) -> int:
    if after is not None:
        if not isinstance(after, str) or not after.strip():
            raise BadRequest(errors={"after": "The field to move after is invalid."})
        after_id = after.rstrip("/").rsplit("/", 1)[-1]
        ids = [r.field_id for r in others]
        if after_id not in ids:
            raise BadRequest(errors={"after": f"Field with id '{after_id}' is not on this tab."})
        return ids.index(after_id) + 1
    if position is None:
        raise BadRequest("Either 'position' or 'after' must be given to move a field.")
    if position not in MOVE_POSITIONS:
        raise BadRequest(errors={"position": "Position must be one of Earlier, Later, First or Last."})
    targets = {"First": 0, "Last": len(others), "Earlier": max(index - 1, 0), "Later": min(index + 1, len(others))}
    return targets[str(position)]


# Who may read screens --------------------------------------------------------------------------

def check_reader(db: Session, user: User | None, project_key: str | None) -> None:
    """Administrators; with `projectKey`, also that project's lead (its project administrator)."""
    if is_admin(db, user):
        return
    if project_key:
        project = find_project(db, project_key)
        if project is None:
            raise BadRequest(f"No project could be found with key '{project_key}'.")
        if user is not None and project.lead_id == user.id:
            return
    raise Forbidden("You are not authorized to perform this operation. Please log in.")
