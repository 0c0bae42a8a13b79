"""The built-in workflows' transitions, through the workflow service the issues feature calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.platform.issues.models import Issue
from ticketry.platform.users.models import User
from ticketry.platform.workflows import service
from ticketry.platform.workflows.models import Workflow

from .conftest import SCRUM

OPEN, IN_PROGRESS, REOPENED, RESOLVED, CLOSED, TO_DO, DONE = 1, 3, 4, 5, 6, 10000, 10001
BUG, STORY = 1, 10001


def _user(db: Session, name: str) -> User:
    user = db.scalar(select(User).where(User.lower_name == name.lower()))
    assert user is not None
    return user


def _issue(project: dict[str, Any], status_id: int, **fields: Any) -> Issue:
    """A transient issue: the service reads only its attributes."""
    return Issue(id=0, key=f"{project['key']}-1", project_id=int(project["id"]), issue_type_id=fields.pop("type", BUG),
                 status_id=status_id, **fields)


def _ids(transitions: list[service.TransitionDef]) -> list[tuple[int, str, int]]:
    return [(t.id, t.name, t.to_status_id) for t in transitions]


def test_classic_project_uses_the_jira_workflow(db: Session, make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    workflow = service.workflow_for(db, int(project["id"]), BUG)
    assert (workflow.id, workflow.name) == (10000, "jira")
    assert service.initial_status_id(db, workflow) == OPEN


def test_software_project_uses_the_simplified_workflow(db: Session,
                                                       make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project(projectTemplateKey=SCRUM)
    workflow = service.workflow_for(db, int(project["id"]), STORY)
    assert (workflow.id, workflow.name) == (10001, "Software Simplified Workflow")
    assert service.initial_status_id(db, workflow) == TO_DO


@pytest.mark.parametrize(("status", "expected"), [
    (OPEN, [(4, "Start Progress", IN_PROGRESS), (5, "Resolve Issue", RESOLVED), (2, "Close Issue", CLOSED)]),
    (IN_PROGRESS, [(301, "Stop Progress", OPEN), (5, "Resolve Issue", RESOLVED), (2, "Close Issue", CLOSED)]),
    (RESOLVED, [(701, "Close Issue", CLOSED), (3, "Reopen Issue", REOPENED)]),
    (REOPENED, [(4, "Start Progress", IN_PROGRESS), (5, "Resolve Issue", RESOLVED), (2, "Close Issue", CLOSED)]),
    (CLOSED, [(3, "Reopen Issue", REOPENED)]),
])
def test_classic_transitions_from_each_status(db: Session, make_project: Callable[..., dict[str, Any]],
                                              status: int, expected: list[tuple[int, str, int]]) -> None:
    project = make_project()
    admin = _user(db, "admin")
    issue = _issue(project, status, assignee_id=admin.id, reporter_id=admin.id)
    assert _ids(service.available_transitions(db, issue, admin)) == expected


def test_start_progress_is_only_for_the_assignee(db: Session, make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    admin = _user(db, "admin")
    issue = _issue(project, OPEN, assignee_id=None, reporter_id=admin.id)
    assert [t.id for t in service.available_transitions(db, issue, admin)] == [5, 2]
    with pytest.raises(BadRequest) as refused:
        service.get_transition(db, issue, "4", admin)
    assert refused.value.messages == [
        f"It seems that you have tried to perform a workflow operation (Start Progress) that is not valid for the "
        f"current state of this issue ({issue.key}). The likely cause is that somebody has changed the issue "
        "recently, please look at the issue history for details."
    ]
    assert service.available_transitions(db, issue, None) == []


def test_unknown_transition_ids_are_refused(db: Session, make_project: Callable[..., dict[str, Any]]) -> None:
    issue = _issue(make_project(), OPEN)
    for wrong in ("999", "abc", "99999999999999"):
        with pytest.raises(BadRequest) as refused:
            service.get_transition(db, issue, wrong, _user(db, "admin"))
        assert refused.value.messages == [f"Transition id '{wrong}' is not valid for this issue."]


def test_resolve_requires_a_resolution_and_reopen_clears_it(db: Session,
                                                            make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    admin = _user(db, "admin")
    issue = _issue(project, OPEN, reporter_id=admin.id)
    resolve = service.get_transition(db, issue, 5, admin)
    assert (resolve.screen_id, resolve.is_global, resolve.is_initial, resolve.is_conditional) == (2, False, False, True)
    assert service.validate_transition(db, issue, resolve, {}) == {"resolution": "Resolution is required."}
    assert service.validate_transition(db, issue, resolve, {"resolution": None}) == {
        "resolution": "Resolution is required."}
    assert service.validate_transition(db, issue, resolve, {"resolution": {"name": "Done"}}) == {}
    assert service.post_function_changes(db, issue, resolve, admin) == {}

    resolved = _issue(project, RESOLVED, reporter_id=admin.id, resolution_id=10000)
    reopen = service.get_transition(db, resolved, 3, admin)
    assert (reopen.to_status_id, reopen.screen_id) == (REOPENED, 3)
    assert service.post_function_changes(db, resolved, reopen, admin) == {"resolution": None}
    close = service.get_transition(db, resolved, 701, admin)
    assert service.validate_transition(db, resolved, close, {}) == {}


def test_simplified_transitions_are_global(db: Session, make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project(projectTemplateKey=SCRUM)
    admin = _user(db, "admin")
    expected = [(11, "To Do", TO_DO), (21, "In Progress", IN_PROGRESS), (31, "Done", DONE)]
    for status in (TO_DO, IN_PROGRESS, DONE):
        transitions = service.available_transitions(db, _issue(project, status, type=STORY), admin)
        assert _ids(transitions) == expected
        assert all(t.is_global and not t.is_conditional and t.screen_id is None for t in transitions)


def test_simplified_done_sets_resolution_and_leaving_clears_it(db: Session,
                                                               make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project(projectTemplateKey=SCRUM)
    admin = _user(db, "admin")
    issue = _issue(project, TO_DO, type=STORY)
    done = service.get_transition(db, issue, 31, admin)
    assert service.post_function_changes(db, issue, done, admin) == {"resolution": 10000}
    finished = _issue(project, DONE, type=STORY, resolution_id=10000)
    for transition_id in (11, 21):
        again = service.get_transition(db, finished, transition_id, admin)
        assert service.post_function_changes(db, finished, again, admin) == {"resolution": None}


def test_built_in_workflows_are_stored_once(db: Session) -> None:
    names = list(db.scalars(select(Workflow.name).where(Workflow.system.is_(True)).order_by(Workflow.id)))
    assert names == ["jira", "Software Simplified Workflow"]


def test_transition_lookups_use_a_constant_number_of_queries(
        db: Session, make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    admin = _user(db, "admin")
    issue = _issue(project, OPEN, assignee_id=admin.id, reporter_id=admin.id)
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert len(service.available_transitions(db, issue, admin)) == 3
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 4  # workflow, transitions, RESOLVE_ISSUES and CLOSE_ISSUES checked once each


def test_post_functions_of_a_custom_workflow(db: Session, make_workflow: Callable[..., Any],
                                             make_scheme: Callable[..., Any], make_user: Callable[..., Any],
                                             make_project: Callable[..., dict[str, Any]]) -> None:
    helper = make_user("helper")
    flow = make_workflow(transitions=[
        {"id": 11, "name": "Hand over", "to": "In Progress", "postFunctions": [
            {"type": "update_field", "field": "assignee", "value": helper.name},
            {"type": "update_field", "field": "summary", "value": "Handed over"},
            {"type": "update_field", "field": "priority", "value": "Highest"},
            {"type": "update_field", "field": "description", "value": None}]},
        {"id": 21, "name": "Give back", "to": "To Do", "postFunctions": [{"type": "assign_to_reporter"}]},
    ])
    project = make_project(workflowSchemeId=make_scheme(flow["name"])["id"])
    admin = _user(db, "admin")
    issue = _issue(project, TO_DO, reporter_id=admin.id)
    hand_over = service.get_transition(db, issue, 11, None)
    assert service.post_function_changes(db, issue, hand_over, None) == {
        "assignee": _user(db, helper.name).id, "summary": "Handed over", "priority": 1, "description": None}
    give_back = service.get_transition(db, issue, 21, admin)
    assert service.post_function_changes(db, issue, give_back, admin) == {"assignee": admin.id}


def test_workflows_using_a_screen(db: Session) -> None:
    assert "jira" in service.workflows_using_screen(db, 2)
    assert "jira" in service.workflows_using_screen(db, 3)
    assert service.workflows_using_screen(db, 987654) == []
