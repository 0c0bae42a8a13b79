"""The transitions of Jira's built-in workflows, stated as workflow documents.

The workflows and their statuses come with the core defaults (platform/defaults.py): the
classic "jira" workflow (10000) and Jira Software's "Software Simplified Workflow" (10001).
Screens keep Jira's ids: 2 Resolve Issue Screen, 3 Workflow Screen.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.platform.defaults import CLASSIC_WORKFLOW, SIMPLIFIED_WORKFLOW
from ticketry.platform.workflows.admin import install_transitions
from ticketry.platform.workflows.document import parse_document
from ticketry.platform.workflows.models import Workflow

RESOLVE_ISSUE_SCREEN = 2
WORKFLOW_SCREEN = 3
ACTIVE = ["Open", "In Progress", "Reopened"]

CLASSIC_TRANSITIONS: list[dict[str, Any]] = [
    {"id": 4, "name": "Start Progress", "from": ["Open", "Reopened"], "to": "In Progress",
     "conditions": [{"type": "only_assignee"}], "postFunctions": [{"type": "clear_resolution"}]},
    {"id": 301, "name": "Stop Progress", "from": ["In Progress"], "to": "Open",
     "conditions": [{"type": "only_assignee"}], "postFunctions": [{"type": "clear_resolution"}]},
    {"id": 5, "name": "Resolve Issue", "from": ACTIVE, "to": "Resolved", "screen": RESOLVE_ISSUE_SCREEN,
     "description": "Resolving an issue indicates that the developers are satisfied the issue is finished.",
     "conditions": [{"type": "permission", "permission": "RESOLVE_ISSUES"}],
     "validators": [{"type": "field_required", "field": "resolution"}],
     "postFunctions": [{"type": "set_resolution"}]},
    {"id": 2, "name": "Close Issue", "from": ACTIVE, "to": "Closed", "screen": RESOLVE_ISSUE_SCREEN,
     "description": "Closing an issue indicates there is no more work to be done on it, and it has been "
                    "verified as complete.",
     "conditions": [{"type": "permission", "permission": "CLOSE_ISSUES"}],
     "validators": [{"type": "field_required", "field": "resolution"}],
     "postFunctions": [{"type": "set_resolution"}]},
    {"id": 701, "name": "Close Issue", "from": ["Resolved"], "to": "Closed", "screen": WORKFLOW_SCREEN,
     "description": "Closing an issue indicates there is no more work to be done on it, and it has been "
                    "verified as complete.",
     "conditions": [{"type": "permission", "permission": "CLOSE_ISSUES"}]},
    {"id": 3, "name": "Reopen Issue", "from": ["Resolved", "Closed"], "to": "Reopened", "screen": WORKFLOW_SCREEN,
     "description": "Reopening an issue should be done if the resolution taken was not correct.",
     "conditions": [{"type": "permission", "permission": "RESOLVE_ISSUES"}],
     "postFunctions": [{"type": "clear_resolution"}]},
]

SIMPLIFIED_TRANSITIONS: list[dict[str, Any]] = [
    {"id": 11, "name": "To Do", "to": "To Do", "postFunctions": [{"type": "clear_resolution"}]},
    {"id": 21, "name": "In Progress", "to": "In Progress", "postFunctions": [{"type": "clear_resolution"}]},
    {"id": 31, "name": "Done", "to": "Done", "postFunctions": [{"type": "set_resolution", "resolution": "Done"}]},
]

BUILT_IN = [
    (CLASSIC_WORKFLOW, ["Open", "In Progress", "Resolved", "Reopened", "Closed"], "Open", CLASSIC_TRANSITIONS),
    (SIMPLIFIED_WORKFLOW, ["To Do", "In Progress", "Done"], "To Do", SIMPLIFIED_TRANSITIONS),
]


def install(db: Session) -> None:
    for workflow_id, statuses, initial, transitions in BUILT_IN:
        workflow = db.get(Workflow, workflow_id)
        if workflow is None:
            continue
        spec = parse_document(db, {"name": workflow.name, "statuses": statuses, "initialStatus": initial,
                                   "transitions": transitions})
        install_transitions(db, workflow, spec)
