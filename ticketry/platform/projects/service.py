"""Project rules. (Lookup first: other features resolve projects through these functions.)"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, cast, delete, func, select, update
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached, rows_by_id
from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.ids import db_id
from ticketry.db.id_lists import ids_in
from ticketry.platform.avatars.service import DEFAULT_PROJECT_AVATAR, delete_owned_avatars
from ticketry.platform.defaults import DEFAULT_NOTIFICATION_SCHEME, DEFAULT_PERMISSION_SCHEME
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects import rules
from ticketry.platform.projects.models import Project, ProjectKey, ProjectRoleActor
from ticketry.platform.projects.schemas import ProjectInput
from ticketry.platform.projects.types import require_type_key, resolve_template
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.models import EntityProperty
from ticketry.platform.search import textindex
from ticketry.platform.workflows.migration import refuse_scheme_switch

ADMINISTRATORS_ROLE = 10002
RECENT_LIMIT = 20


def project_id_by_key(db: Session, key: str) -> int | None:
    """The project that has or had this key (case ignored), from the configuration cache: JQL's `project =
    KEY` and issue keys resolve through it on every search."""
    def load(session: Session) -> dict[str, int]:
        return {k: project_id for k, project_id in session.execute(select(ProjectKey.key, ProjectKey.project_id))}

    return cached(db, "project.keys", load).get(key.upper())


def cached_project(db: Session, id_or_key: str | int | None) -> Project | None:
    """find_project from the configuration cache, for callers that only read the project (creating issues:
    keys come from an UPDATE ... RETURNING, not the row's counter): a transient copy, no statement."""
    if id_or_key is None or id_or_key == "":
        return None
    text = str(id_or_key)
    project_id = db_id(text)
    rows = rows_by_id(db, Project)
    if project_id is None or project_id not in rows:
        project_id = project_id_by_key(db, text)
    found = rows.get(project_id) if project_id is not None else None
    return found if found is not None else find_project(db, id_or_key)


def project_of(db: Session, project_id: int) -> Project:
    """An issue's project, for reading only (its schemes, key, lead...), from the configuration cache: a
    transient copy, no statement."""
    found = rows_by_id(db, Project).get(project_id) or db.get(Project, project_id)
    if found is None:
        raise NotFound(f"No project could be found with id '{project_id}'.")
    return found


def find_project(db: Session, id_or_key: str | int | None) -> Project | None:
    """A project by numeric id or by key (case-insensitive), also by a key it had before."""
    if id_or_key is None or id_or_key == "":
        return None
    text = str(id_or_key)
    number = db_id(text)
    if number is not None:
        found = db.get(Project, number)
        if found is not None:
            return found
    key = text.upper()
    current = db.scalars(select(Project).where(Project.key == key)).first()
    if current is not None:
        return current
    return db.scalars(
        select(Project).join(ProjectKey, ProjectKey.project_id == Project.id).where(ProjectKey.key == key)
    ).first()



def get_project(db: Session, id_or_key: str | int | None) -> Project:
    project = find_project(db, id_or_key)
    if project is None:
        raise NotFound(f"No project could be found with key '{id_or_key}'.")
    return project


def list_projects(db: Session, *, include_archived: bool = False, recent: int | None = None,
                  visible: set[int] | None = None) -> list[Project]:
    """Projects ordered by name; `recent` keeps the most recently created ones (at most 20); `visible`
    limits them to those ids (None: every project). The rows are the configuration cache's transient copies
    (read only): building 2 000 rows per request was a third of a listing's CPU. The order by name is the
    database's (its collation), read once per configuration generation: binding a caller's 500 visible ids and
    sorting them per request was a third of GET project's CPU at L. A project made after this request read
    the configuration generation is left out."""
    rows = rows_by_id(db, Project)

    def shown(project: Project) -> bool:
        return (visible is None or project.id in visible) and (include_archived or not project.archived)

    if recent is not None and recent > 0:
        query = select(Project.id) if visible is None else select(Project.id).where(ids_in(Project.id, sorted(visible)))
        if not include_archived:
            query = query.where(Project.archived.is_(False))
        newest = query.order_by(Project.created.desc(), Project.id.desc()).limit(min(recent, RECENT_LIMIT))
        return sorted((rows[i] for i in db.scalars(newest) if i in rows), key=lambda p: p.name.lower())
    return [rows[i] for i in cached(db, "projects by name", _ids_by_name) if i in rows and shown(rows[i])]


def _ids_by_name(db: Session) -> tuple[int, ...]:
    return tuple(db.scalars(select(Project.id).order_by(func.lower(Project.name), Project.id)))


@dataclass
class ProjectChanges:
    """The validated input of a create or an update (None: not given)."""

    key: str | None = None
    name: str | None = None
    type_key: str | None = None
    template_key: str | None = None
    description: str | None = None
    lead: str | None = None
    url: str | None = None
    assignee_type: str | None = None
    avatar_id: int | None = None
    issue_security_scheme: int | None = None
    permission_scheme: int | None = None
    notification_scheme: int | None = None
    workflow_scheme: int | None = None
    category_id: int | None = None

    @classmethod
    def from_body(cls, body: ProjectInput) -> ProjectChanges:
        return cls(
            key=body.key, name=body.name, type_key=body.projectTypeKey, template_key=body.projectTemplateKey,
            description=body.description, lead=body.lead or body.leadAccountId, url=body.url,
            assignee_type=body.assigneeType, avatar_id=body.avatarId,
            issue_security_scheme=body.issueSecurityScheme, permission_scheme=body.permissionScheme,
            notification_scheme=body.notificationScheme, workflow_scheme=body.workflowSchemeId,
            category_id=body.categoryId,
        )

    def references(self) -> dict[str, int | None]:
        return {
            "permissionScheme": self.permission_scheme,
            "notificationScheme": self.notification_scheme,
            "issueSecurityScheme": self.issue_security_scheme,
            "workflowSchemeId": self.workflow_scheme,
            "categoryId": self.category_id,
        }


def _common_errors(db: Session, changes: ProjectChanges, project_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    for field, problem in (
        ("projectUrl", rules.url_error(changes.url)),
        ("assigneeType", rules.assignee_type_error(changes.assignee_type)),
        ("avatarId", rules.avatar_error(db, changes.avatar_id, project_id)),
    ):
        if problem:
            errors[field] = problem
    errors.update(rules.reference_errors(db, changes.references()))
    return errors


def create_project(db: Session, changes: ProjectChanges) -> Project:
    errors: dict[str, str] = {}
    key_problem = rules.key_error(db, changes.key)
    name_problem = rules.name_error(db, changes.name)
    lead = rules.find_lead(db, changes.lead)
    if key_problem:
        errors["projectKey"] = key_problem
    if name_problem:
        errors["projectName"] = name_problem
    if lead is None:
        errors["projectLead"] = rules.LEAD_REQUIRED
    errors.update(_common_errors(db, changes, None))
    try:
        type_key, issue_type_scheme, workflow_scheme = resolve_template(changes.template_key, changes.type_key)
    except BadRequest as exc:
        errors.update(exc.errors)
    if errors:
        raise BadRequest(errors=errors)
    assert lead is not None and changes.key is not None and changes.name is not None
    project = Project(
        key=changes.key, name=changes.name.strip(), description=changes.description or "",
        url=(changes.url or "").strip(), lead_id=lead.id, assignee_type=changes.assignee_type or "UNASSIGNED",
        project_type_key=type_key, template_key=changes.template_key,
        category_id=changes.category_id, avatar_id=changes.avatar_id or DEFAULT_PROJECT_AVATAR,
        permission_scheme_id=_or(changes.permission_scheme, DEFAULT_PERMISSION_SCHEME),
        notification_scheme_id=_or(changes.notification_scheme, DEFAULT_NOTIFICATION_SCHEME),
        issue_security_scheme_id=changes.issue_security_scheme,
        workflow_scheme_id=_or(changes.workflow_scheme, workflow_scheme),
        issue_type_scheme_id=issue_type_scheme,
    )
    db.add(project)
    db.flush()
    db.add(ProjectKey(project_id=project.id, key=project.key))
    _install_role_actors(db, project)
    return project


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _install_role_actors(db: Session, project: Project) -> None:
    """Copies the default role actors into the project and makes the lead an administrator."""
    defaults = db.scalars(select(ProjectRoleActor).where(ProjectRoleActor.project_id.is_(None))).all()
    seen: set[tuple[int, int | None, int | None]] = set()
    for actor in defaults:
        seen.add((actor.role_id, actor.user_id, actor.group_id))
        db.add(ProjectRoleActor(role_id=actor.role_id, project_id=project.id, user_id=actor.user_id,
                                group_id=actor.group_id))
    if (ADMINISTRATORS_ROLE, project.lead_id, None) not in seen:
        db.add(ProjectRoleActor(role_id=ADMINISTRATORS_ROLE, project_id=project.id, user_id=project.lead_id))
    db.flush()


def update_project(db: Session, project: Project, changes: ProjectChanges) -> Project:
    errors = _update_errors(db, project, changes)
    lead = rules.find_lead(db, changes.lead) if changes.lead is not None else None
    if changes.lead is not None and lead is None:
        errors["projectLead"] = rules.LEAD_REQUIRED
    if errors:
        raise BadRequest(errors=errors)
    if changes.workflow_scheme is not None:
        # Issues must keep a status of their new workflow: Ticketry cannot migrate statuses yet.
        refuse_scheme_switch(db, project.id, project.workflow_scheme_id, changes.workflow_scheme)
    if changes.type_key is not None:
        project.project_type_key = require_type_key(changes.type_key)
    if changes.key is not None and changes.key != project.key:
        _rekey_issues(db, project, changes.key)
        if changes.key not in rules.project_keys(db, project):
            db.add(ProjectKey(project_id=project.id, key=changes.key))
    _apply_simple_fields(project, changes)
    if lead is not None:
        project.lead_id = lead.id
    db.flush()
    return project


def _update_errors(db: Session, project: Project, changes: ProjectChanges) -> dict[str, str]:
    errors: dict[str, str] = {}
    if changes.key is not None:
        problem = rules.key_error(db, changes.key, exclude_id=project.id)
        if problem:
            errors["projectKey"] = problem
    if changes.name is not None:
        problem = rules.name_error(db, changes.name, exclude_id=project.id)
        if problem:
            errors["projectName"] = problem
    if changes.type_key is not None:
        try:
            require_type_key(changes.type_key)
        except BadRequest as exc:
            errors.update(exc.errors)
    errors.update(_common_errors(db, changes, project.id))
    return errors


def _rekey_issues(db: Session, project: Project, new_key: str) -> None:
    """Issue keys follow the project key (PROJ-12 becomes NEW-12)."""
    db.execute(
        update(Issue).where(Issue.project_id == project.id)
        .values(key=new_key + "-" + cast(Issue.number, String))
        .execution_options(synchronize_session=False)
    )


def _apply_simple_fields(project: Project, changes: ProjectChanges) -> None:
    simple = {
        "key": changes.key, "description": changes.description,
        "url": changes.url.strip() if changes.url is not None else None,
        "assignee_type": changes.assignee_type, "avatar_id": changes.avatar_id,
        "issue_security_scheme_id": changes.issue_security_scheme,
        "permission_scheme_id": changes.permission_scheme,
        "notification_scheme_id": changes.notification_scheme,
        "workflow_scheme_id": changes.workflow_scheme, "category_id": changes.category_id,
        "name": changes.name.strip() if changes.name is not None else None,
    }
    for attribute, value in simple.items():
        if value is not None:
            setattr(project, attribute, value)


def change_type(db: Session, project: Project, type_key: str) -> Project:
    project.project_type_key = require_type_key(type_key, "projectTypeKey")
    db.flush()
    return project


def delete_project(db: Session, project: Project) -> None:
    """Removes the project and everything in it; tables that reference it cascade."""
    issue_ids = select(cast(Issue.id, String)).where(Issue.project_id == project.id).scalar_subquery()
    db.execute(delete(EntityProperty).where(EntityProperty.entity_type == "issue",
                                            EntityProperty.entity_id.in_(issue_ids)))
    properties.delete_all(db, "project", project.id)
    delete_owned_avatars(db, "project", str(project.id))
    textindex.forget_project(db, project.id)
    db.execute(delete(Issue).where(Issue.project_id == project.id, Issue.parent_id.is_not(None)))
    db.execute(delete(Issue).where(Issue.project_id == project.id))
    db.delete(project)
    db.flush()
