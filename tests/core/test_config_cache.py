"""The configuration cache: requests stop re-reading configuration, and every change to it, made through the
API, by another app instance or by a direct write in another session, is seen by the very next request."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.harness import RunningServer, backend
from tests.platform.issues.helpers import get_fields, make_issue, make_project
from tests.querycount import counted_queries, least_queries
from ticketry.core.config_cache import rows_by_id
from ticketry.db.generation import read_generation
from ticketry.platform.issueconfig.models import Priority

API = "/rest/api/2"
# Configuration a request must no longer read while it is unchanged (the generation row aside).
CACHED_TABLES = frozenset({
    "issue_type", "status", "status_category", "priority", "resolution", "permission_grant", "global_permission_grant",
    "project_role_actor", "app_group", "group_membership", "application_property", "issue_security_level",
    "issue_security_level_member", "custom_field", "project_key", "project_role", "workflow_scheme",
    "workflow_scheme_entry", "workflow_status"})
_MAIN_TABLE = re.compile(r"\bFROM\s+(\w+)", re.IGNORECASE)


def _configuration_reads(statements: list[str]) -> list[str]:
    """Statements that read configuration tables for themselves (not as a part of a query over issues)."""
    def reads_configuration(statement: str) -> bool:
        main = _MAIN_TABLE.search(statement)
        return main is not None and main.group(1) in CACHED_TABLES

    return [s for s in statements if reads_configuration(s) or "project.permission_scheme_id, project.lead_id" in s]


def _warm(call: Callable[[], httpx.Response]) -> httpx.Response:
    response = call()
    assert response.status_code == 200, response.text
    return response


# -- what requests read


def test_server_info_reads_only_the_generation(server: RunningServer, admin: httpx.Client) -> None:
    _warm(lambda: admin.get(f"{API}/serverInfo"))
    # The configuration generation, in the request's one transaction (a BEGIN on SQLite): the caller is
    # remembered (auth RememberedCallers).
    assert least_queries(server, lambda: admin.get(f"{API}/serverInfo")) == (2 if backend() == "sqlite" else 1)
    with counted_queries(server) as statements:
        admin.get(f"{API}/serverInfo")
    assert any("config_generation" in s for s in statements)
    assert not _configuration_reads(statements)


def test_get_issue_and_searches_read_no_configuration(server: RunningServer, admin: httpx.Client,
                                                     unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "cached configuration", timetracking={"originalEstimate": "1d"})["key"]
    calls: list[Callable[[], httpx.Response]] = [
        lambda: admin.get(f"{API}/issue/{issue}"),
        lambda: admin.post(f"{API}/search", json={"jql": f"project = {key} ORDER BY priority DESC, key ASC"}),
        lambda: admin.post(f"{API}/search", json={"jql": "assignee = currentUser() AND resolution = Unresolved"}),
        lambda: admin.get(f"{API}/project"),
        lambda: admin.get(f"{API}/project/{key}"),
        lambda: admin.get(f"{API}/project/{key}/statuses"),
    ]
    for call in calls:
        _warm(call)
        with counted_queries(server) as statements:
            _warm(call)
        assert not _configuration_reads(statements), _configuration_reads(statements)
        assert sum("config_generation" in s for s in statements) == 1



def test_a_write_reads_the_generation_once_on_postgresql(server: RunningServer, admin: httpx.Client,
                                                         unique_key: Callable[[], str]) -> None:
    """A write reads its caller in its own transaction on PostgreSQL; on SQLite in a read session of its own,
    before its transaction takes the write lock (and reads the generation again inside it)."""
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "one generation read")["key"]

    def comment() -> httpx.Response:
        response = admin.post(f"{API}/issue/{issue}/comment", json={"body": "counted"})
        assert response.status_code == 201, response.text
        return response

    comment()
    with counted_queries(server) as statements:
        comment()
    assert sum("config_generation" in s for s in statements) == (2 if backend() == "sqlite" else 1)
    assert [c["body"] for c in admin.get(f"{API}/issue/{issue}/comment").json()["comments"]] == ["counted"] * 2

# -- changes through the API are seen by the very next request


def test_renamed_issue_type_is_seen(admin: httpx.Client, unique: Callable[[str], str],
                                    unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "typed", "Improvement")["key"]
    kind = get_fields(admin, issue)["issuetype"]
    renamed = admin.put(f"{API}/issuetype/{kind['id']}", json={"name": unique("Betterment")})
    assert renamed.status_code == 200, renamed.text
    try:
        assert get_fields(admin, issue)["issuetype"]["name"] == renamed.json()["name"]
    finally:
        restored = admin.put(f"{API}/issuetype/{kind['id']}", json={"name": kind["name"]})
    assert restored.status_code == 200, restored.text
    assert get_fields(admin, issue)["issuetype"]["name"] == kind["name"]


def test_new_custom_field_is_seen(admin: httpx.Client, unique: Callable[[str], str],
                                  unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "fields")["key"]
    before = get_fields(admin, issue)
    field = admin.post(f"{API}/field", json={
        "name": unique("Cached field"), "type": "com.atlassian.jira.plugin.system.customfieldtypes:textfield",
        "searcherKey": "com.atlassian.jira.plugin.system.customfieldtypes:textsearcher"})
    assert field.status_code == 201, field.text
    field_id = field.json()["id"]
    assert field_id not in before
    assert field_id in get_fields(admin, issue)
    assert field_id in {f["id"] for f in admin.get(f"{API}/field").json()}


@contextmanager
def _property(admin: httpx.Client, key: str, value: str) -> Iterator[None]:
    before = admin.get(f"{API}/application-properties", params={"key": key}).json()["value"]
    changed = admin.put(f"{API}/application-properties/{key}", json={"id": key, "value": value})
    assert changed.status_code == 200, changed.text
    try:
        yield
    finally:
        admin.put(f"{API}/application-properties/{key}", json={"id": key, "value": before})


def test_application_properties_are_seen(admin: httpx.Client, unique: Callable[[str], str],
                                         unique_key: Callable[[], str]) -> None:
    title = unique("Title")
    with _property(admin, "jira.title", title):
        assert admin.get(f"{API}/serverInfo").json()["serverTitle"] == title
    assert admin.get(f"{API}/serverInfo").json()["serverTitle"] != title

    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "estimated", timetracking={"originalEstimate": "1d"})["key"]
    assert get_fields(admin, issue)["timetracking"]["originalEstimate"] == "1d"
    with _property(admin, "jira.timetracking.hours.per.day", "4"):
        assert get_fields(admin, issue)["timetracking"]["originalEstimate"] == "2d"
    assert get_fields(admin, issue)["timetracking"]["originalEstimate"] == "1d"


def _guarded_project(admin: httpx.Client, unique: Callable[[str], str], unique_key: Callable[[], str],
                     grants: list[dict[str, Any]]) -> tuple[int, str]:
    """A project whose scheme lets administrators (and the given holders) browse it, with one issue."""
    scheme = admin.post(f"{API}/permissionscheme", json={"name": unique("cache scheme"), "permissions": [
        {"holder": {"type": "group", "parameter": "jira-administrators"}, "permission": perm}
        for perm in ("BROWSE_PROJECTS", "CREATE_ISSUES", "ADMINISTER_PROJECTS")] + grants})
    assert scheme.status_code == 201, scheme.text
    key = unique_key()
    make_project(admin, key, permissionScheme=scheme.json()["id"])
    return int(scheme.json()["id"]), make_issue(admin, key, "guarded")["key"]


def test_permission_grants_are_seen(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    user = make_user("grantee")
    scheme_id, issue = _guarded_project(admin, unique, unique_key, [])
    assert user.client.get(f"{API}/issue/{issue}").status_code == 404
    grant = admin.post(f"{API}/permissionscheme/{scheme_id}/permission", json={
        "holder": {"type": "user", "parameter": user.name}, "permission": "BROWSE_PROJECTS"})
    assert grant.status_code == 201, grant.text
    assert user.client.get(f"{API}/issue/{issue}").status_code == 200
    revoked = admin.delete(f"{API}/permissionscheme/{scheme_id}/permission/{grant.json()['id']}")
    assert revoked.status_code == 204
    assert user.client.get(f"{API}/issue/{issue}").status_code == 404


def test_role_actors_are_seen(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    user = make_user("actor")
    created = admin.post(f"{API}/role", json={"name": unique("Cache role"), "description": "no default actors"})
    assert created.status_code == 200, created.text
    role = created.json()["id"]
    _scheme, issue = _guarded_project(admin, unique, unique_key, [
        {"holder": {"type": "projectRole", "parameter": str(role)}, "permission": "BROWSE_PROJECTS"}])
    project = issue.split("-")[0]
    assert user.client.get(f"{API}/issue/{issue}").status_code == 404
    added = admin.post(f"{API}/project/{project}/role/{role}", json={"user": [user.name]})
    assert added.status_code == 200, added.text
    assert user.client.get(f"{API}/issue/{issue}").status_code == 200
    removed = admin.delete(f"{API}/project/{project}/role/{role}", params={"user": user.name})
    assert removed.status_code == 204
    assert user.client.get(f"{API}/issue/{issue}").status_code == 404


def test_group_membership_is_seen(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    user = make_user("member")
    group = unique("cache-group")
    assert admin.post(f"{API}/group", json={"name": group}).status_code == 201
    _scheme, issue = _guarded_project(admin, unique, unique_key, [
        {"holder": {"type": "group", "parameter": group}, "permission": "BROWSE_PROJECTS"}])
    assert user.client.get(f"{API}/issue/{issue}").status_code == 404
    joined = admin.post(f"{API}/group/user", params={"groupname": group}, json={"name": user.name})
    assert joined.status_code == 201, joined.text
    assert user.client.get(f"{API}/issue/{issue}").status_code == 200
    left = admin.delete(f"{API}/group/user", params={"groupname": group, "username": user.name})
    assert left.status_code == 200
    assert user.client.get(f"{API}/issue/{issue}").status_code == 404


def test_security_level_members_are_seen(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    admin_api = "/rest/ticketry/1/issuesecurityschemes"
    user = make_user("cleared")
    scheme = admin.post(admin_api, json={"name": unique("cache levels")}).json()["id"]
    level = admin.post(f"{admin_api}/{scheme}/level", json={"name": "Secret"}).json()["id"]
    admin.post(f"{admin_api}/{scheme}/level/{level}/member",
               json={"holder": {"type": "group", "parameter": "jira-administrators"}})
    key = unique_key()
    make_project(admin, key, issueSecurityScheme=scheme)
    issue = make_issue(admin, key, "secret", security={"id": level})["key"]
    assert user.client.get(f"{API}/issue/{issue}").status_code == 404
    member = admin.post(f"{admin_api}/{scheme}/level/{level}/member",
                        json={"holder": {"type": "user", "parameter": user.name}})
    assert member.status_code == 201, member.text
    assert user.client.get(f"{API}/issue/{issue}").status_code == 200
    assert admin.get(f"{API}/issue/{issue}").json()["fields"]["security"]["name"] == "Secret"


# -- changes by another process, or by a transaction that failed


def test_another_app_instance_changes_configuration(server: RunningServer, admin: httpx.Client,
                                                    unique: Callable[[str], str]) -> None:
    _warm(lambda: admin.get(f"{API}/serverInfo"))
    other = RunningServer(server.settings).start()
    try:
        with httpx.Client(base_url=other.url, auth=("admin", "admin"), timeout=30) as client:
            title = unique("Elsewhere")
            before = admin.get(f"{API}/application-properties", params={"key": "jira.title"}).json()["value"]
            changed = client.put(f"{API}/application-properties/jira.title",
                                 json={"id": "jira.title", "value": title})
            assert changed.status_code == 200, changed.text
            try:
                assert admin.get(f"{API}/serverInfo").json()["serverTitle"] == title
            finally:
                client.put(f"{API}/application-properties/jira.title", json={"id": "jira.title", "value": before})
            assert admin.get(f"{API}/serverInfo").json()["serverTitle"] == before
    finally:
        other.stop()


@contextmanager
def _priority_renamed(server: RunningServer, issue: str, admin: httpx.Client) -> Iterator[tuple[int, str]]:
    priority = get_fields(admin, issue)["priority"]
    yield int(priority["id"]), priority["name"]
    with Session(server.app.state.write_engine) as db, db.begin():
        db.get_one(Priority, int(priority["id"])).name = priority["name"]


def test_a_direct_write_in_another_session_is_seen(server: RunningServer, admin: httpx.Client,
                                                   unique: Callable[[str], str],
                                                   unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "prioritised")["key"]
    with _priority_renamed(server, issue, admin) as (priority_id, name):
        renamed = unique("Urgentish")
        with Session(server.app.state.write_engine) as db, db.begin():
            db.get_one(Priority, priority_id).name = renamed
        assert get_fields(admin, issue)["priority"]["name"] == renamed
        assert {p["name"] for p in admin.get(f"{API}/priority").json()} >= {renamed}
    assert get_fields(admin, issue)["priority"]["name"] == name


def test_a_rolled_back_change_leaves_no_trace(server: RunningServer, admin: httpx.Client,
                                              unique: Callable[[str], str], unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "rolled back")["key"]
    with _priority_renamed(server, issue, admin) as (priority_id, name):
        with Session(server.app.state.write_engine) as db:
            generation = read_generation(db)
            db.get_one(Priority, priority_id).name = unique("Never")
            db.flush()
            # The writing transaction reads its own change, and caches none of it.
            assert rows_by_id(db, Priority)[priority_id].name != name
            db.rollback()
            assert read_generation(db) == generation
            assert rows_by_id(db, Priority)[priority_id].name == name
        assert get_fields(admin, issue)["priority"]["name"] == name
        with Session(server.app.state.read_engine) as db:
            assert db.scalar(select(Priority.name).where(Priority.id == priority_id)) == name


def _generation(server: RunningServer) -> int | None:
    with Session(server.app.state.read_engine) as db:
        return read_generation(db)


def test_only_configuration_changes_move_the_generation(server: RunningServer, admin: httpx.Client,
                                                        unique: Callable[[str], str],
                                                        unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    before = _generation(server)
    # Issue work (the project's issue counter included) leaves every process's caches valid.
    issue = make_issue(admin, key, "work")["key"]
    assert admin.put(f"{API}/issue/{issue}", json={"fields": {"summary": "more work"}}).status_code == 204
    assert admin.post(f"{API}/issue/{issue}/comment", json={"body": "done"}).status_code == 201
    assert _generation(server) == before
    assert admin.post(f"{API}/group", json={"name": unique("generation")}).status_code == 201
    assert _generation(server) not in (before, None)


def test_another_app_instance_changes_the_base_url(server: RunningServer, admin: httpx.Client,
                                                   unique_key: Callable[[], str]) -> None:
    base = f"https://{unique_key().lower()}.example.com"
    before = admin.get(f"{API}/serverInfo").json()["baseUrl"]
    other = RunningServer(server.settings).start()
    try:
        with httpx.Client(base_url=other.url, auth=("admin", "admin"), timeout=30) as client:
            changed = client.put(f"{API}/application-properties/jira.baseurl", json={"id": "jira.baseurl",
                                                                                     "value": base})
            assert changed.status_code == 200, changed.text
            try:
                assert admin.get(f"{API}/serverInfo").json()["baseUrl"] == base
                assert admin.get(f"{API}/myself").json()["self"].startswith(base + "/rest/api/2/")
            finally:
                client.put(f"{API}/application-properties/jira.baseurl", json={"id": "jira.baseurl", "value": ""})
            assert admin.get(f"{API}/serverInfo").json()["baseUrl"] == before
    finally:
        other.stop()
