"""Project types (software, business, service_desk) and the project templates that imply them."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.defaults import (
    BUSINESS_ISSUE_TYPE_SCHEME,
    DEFAULT_ISSUE_TYPE_SCHEME,
    DEFAULT_WORKFLOW_SCHEME,
    SIMPLIFIED_WORKFLOW_SCHEME,
    SOFTWARE_ISSUE_TYPE_SCHEME,
)


@dataclass(frozen=True)
class ProjectType:
    key: str
    formatted_key: str
    description_key: str
    color: str
    glyph: str


def _icon(color: str, glyph: str) -> str:
    svg = (
        '<?xml version="1.0" encoding="utf-8"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<circle cx="16" cy="16" r="16" fill="{color}"/><path fill="#ffffff" d="{glyph}"/></svg>'
    )
    return base64.b64encode(svg.encode()).decode()


PROJECT_TYPES = [
    ProjectType("business", "Business", "jira.project.type.business.description", "#FFAB00",
                "M9 10h14v3H9zm0 5h14v3H9zm0 5h9v3H9z"),
    ProjectType("software", "Software", "jira.project.type.software.description", "#0065FF",
                "M12 10l-5 6 5 6 2-2-3-4 3-4zm8 0l-2 2 3 4-3 4 2 2 5-6z"),
    ProjectType("service_desk", "Service Desk", "jira.project.type.servicedesk.description", "#6554C0",
                "M16 8a7 7 0 0 0-7 7v5h4v-5a3 3 0 0 1 6 0v5h4v-5a7 7 0 0 0-7-7z"),
]
TYPES_BY_KEY = {t.key: t for t in PROJECT_TYPES}


def project_type_json(project_type: ProjectType) -> dict[str, Any]:
    return {
        "key": project_type.key,
        "formattedKey": project_type.formatted_key,
        "descriptionI18nKey": project_type.description_key,
        "icon": _icon(project_type.color, project_type.glyph),
        "color": project_type.color,
    }


def get_project_type(key: str) -> ProjectType:
    found = TYPES_BY_KEY.get(key)
    if found is None:
        raise NotFound(f"The project type with key '{key}' does not exist.")
    return found


def require_type_key(key: str, field: str = "projectTypeKey") -> str:
    if key not in TYPES_BY_KEY:
        raise BadRequest(errors={field: f"The project type '{key}' is not valid; use one of "
                                        f"{', '.join(sorted(TYPES_BY_KEY))}."})
    return key


@dataclass(frozen=True)
class Template:
    project_type: str
    issue_type_scheme_id: int
    workflow_scheme_id: int


SOFTWARE_TEMPLATE = Template("software", SOFTWARE_ISSUE_TYPE_SCHEME, SIMPLIFIED_WORKFLOW_SCHEME)
BUSINESS_TEMPLATE = Template("business", BUSINESS_ISSUE_TYPE_SCHEME, SIMPLIFIED_WORKFLOW_SCHEME)
SERVICE_DESK_TEMPLATE = Template("service_desk", DEFAULT_ISSUE_TYPE_SCHEME, DEFAULT_WORKFLOW_SCHEME)

TEMPLATES = {
    "com.pyxis.greenhopper.jira:gh-scrum-template": SOFTWARE_TEMPLATE,
    "com.pyxis.greenhopper.jira:gh-kanban-template": SOFTWARE_TEMPLATE,
    "com.pyxis.greenhopper.jira:basic-software-development-template": SOFTWARE_TEMPLATE,
    "com.atlassian.jira-core-project-templates:jira-core-project-management": BUSINESS_TEMPLATE,
    "com.atlassian.jira-core-project-templates:jira-core-task-management": BUSINESS_TEMPLATE,
    "com.atlassian.jira-core-project-templates:jira-core-process-management": BUSINESS_TEMPLATE,
}
SERVICE_DESK_PREFIX = "com.atlassian.servicedesk:"


def resolve_template(template_key: str | None, type_key: str | None) -> tuple[str, int, int]:
    """(project type, issue type scheme id, workflow scheme id) for a template and a requested type."""
    if not template_key:
        project_type = require_type_key(type_key) if type_key else "software"
        return project_type, DEFAULT_ISSUE_TYPE_SCHEME, DEFAULT_WORKFLOW_SCHEME
    template = TEMPLATES.get(template_key)
    if template is None and template_key.startswith(SERVICE_DESK_PREFIX) and len(template_key) > 26:
        template = SERVICE_DESK_TEMPLATE
    if template is None:
        raise BadRequest(errors={"projectTemplateKey": f"The project template '{template_key}' does not exist."})
    if type_key and type_key != template.project_type:
        require_type_key(type_key)
        raise BadRequest(errors={"projectTypeKey": f"The project type '{type_key}' does not match the "
                                                   f"project template, which creates '{template.project_type}' "
                                                   "projects."})
    return template.project_type, template.issue_type_scheme_id, template.workflow_scheme_id
