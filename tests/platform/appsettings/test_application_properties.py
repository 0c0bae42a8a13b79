"""Application properties: reading one or many, advanced settings, typed validation, permissions."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

API = "/rest/api/2/application-properties"
NOT_ADMIN = {"errorMessages": ["You are not authorized to perform this operation. Please log in."], "errors": {}}
NOT_LOGGED_IN = {"errorMessages": ["You are not authenticated. Authentication required to perform this operation."],
                 "errors": {}}


def put(client: httpx.Client, key: str, value: object) -> httpx.Response:
    return client.put(f"{API}/{key}", json={"id": key, "value": value})


@pytest.fixture
def restore(admin: httpx.Client) -> Iterator[list[str]]:
    """Keys listed here are put back to their default values after the test."""
    keys: list[str] = []
    yield keys
    for key in keys:
        default = admin.get(API, params={"key": key}).json()["defaultValue"]
        assert put(admin, key, default).status_code == 200


def test_one_property_by_key(admin: httpx.Client) -> None:
    response = admin.get(API, params={"key": "jira.clone.prefix"})
    assert response.status_code == 200
    assert response.json() == {
        "id": "jira.clone.prefix", "key": "jira.clone.prefix", "value": "CLONE -",
        "name": "The prefix added to the Summary field of cloned issues", "type": "string",
        "defaultValue": "CLONE -",
    }


def test_enum_property_lists_its_allowed_values(admin: httpx.Client) -> None:
    body = admin.get(API, params={"key": "jira.option.emailvisible"}).json()
    assert body["type"] == "enum"
    assert body["value"] == "show"
    assert body["allowedValues"] == ["show", "hide", "mask", "user"]


@pytest.mark.parametrize(("key", "value", "kind"), [
    ("jira.title", "Jira", "string"),
    ("jira.mode", "private", "enum"),
    ("jira.attachment.size", "10485760", "uint"),
    ("jira.projectkey.pattern", "([A-Z][A-Z0-9]+)", "string"),
    ("jira.projectkey.maxlength", "10", "uint"),
    ("jira.search.views.default.max", "1000", "uint"),
    ("jira.option.allowunassigned", "false", "boolean"),
    ("jira.timetracking.hours.per.day", "8", "number"),
    ("jira.table.cols.subtasks", "issuetype, status, assignee, progress", "list<string>"),
    ("jira.lf.text.headingcolour", "#172b4d", "colour"),
])
def test_jira_defaults(admin: httpx.Client, key: str, value: str, kind: str) -> None:
    body = admin.get(API, params={"key": key}).json()
    assert (body["id"], body["key"], body["value"], body["defaultValue"], body["type"]) == (key, key, value, value, kind)


def test_unknown_property_is_404(admin: httpx.Client) -> None:
    response = admin.get(API, params={"key": "jira.no.such.thing"})
    assert response.status_code == 404
    assert response.json() == {"errorMessages": ["The application property 'jira.no.such.thing' does not exist."],
                               "errors": {}}


def test_list_is_sorted_by_key_and_complete(admin: httpx.Client) -> None:
    response = admin.get(API)
    assert response.status_code == 200
    keys = [p["key"] for p in response.json()]
    assert keys == sorted(keys)
    assert {"jira.title", "jira.baseurl", "jira.mode", "jira.option.voting", "jira.timetracking.format",
            "jira.date.time.picker.java.format", "jira.default.timezone", "jira.i18n.language.index"} <= set(keys)


def test_key_filter_is_a_regular_expression(admin: httpx.Client) -> None:
    response = admin.get(API, params={"keyFilter": "jira.lf.date.*"})
    assert response.status_code == 200
    assert [p["key"] for p in response.json()] == [
        "jira.lf.date.complete", "jira.lf.date.day", "jira.lf.date.dmy", "jira.lf.date.relativize",
        "jira.lf.date.time"]
    assert admin.get(API, params={"keyFilter": "nothing.matches"}).json() == []
    bad = admin.get(API, params={"keyFilter": "jira.(lf"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["keyFilter"]
    assert bad.json()["errors"]["keyFilter"].startswith("The key filter 'jira.(lf' is not a valid regular expression")


def test_permission_levels(admin: httpx.Client) -> None:
    every = {p["key"] for p in admin.get(API, params={"permissionLevel": "SYSADMIN"}).json()}
    admin_level = {p["key"] for p in admin.get(API, params={"permissionLevel": "ADMIN"}).json()}
    sysadmin_only = {p["key"] for p in admin.get(API, params={"permissionLevel": "SYSADMIN_ONLY"}).json()}
    assert "jira.baseurl" in sysadmin_only and "jira.baseurl" not in admin_level
    assert "jira.title" in admin_level and "jira.title" not in sysadmin_only
    assert admin_level | sysadmin_only == every and not admin_level & sysadmin_only
    bad = admin.get(API, params={"permissionLevel": "ROOT"})
    assert bad.status_code == 400
    assert bad.json() == {"errorMessages": [], "errors": {
        "permissionLevel": "The permission level 'ROOT' is not valid. Valid levels are: ADMIN, SYSADMIN, "
                           "SYSADMIN_ONLY."}}


def test_advanced_settings(admin: httpx.Client) -> None:
    response = admin.get(f"{API}/advanced-settings")
    assert response.status_code == 200
    body = response.json()
    assert [p["key"] for p in body] == [
        "jira.attachment.number.of.zip.entries", "jira.bulk.create.max.issues.per.import", "jira.clone.prefix", "jira.comment.collapsing.minimum.hidden",
        "jira.date.picker.java.format", "jira.date.picker.javascript.format", "jira.date.time.picker.java.format",
        "jira.date.time.picker.javascript.format", "jira.issue.actions.order", "jira.issuenav.criteria.autoupdate",
        "jira.lf.text.headingcolour", "jira.newsletter.tip.delay.days", "jira.option.user.crowd.allow.rename",
        "jira.projectkey.pattern", "jira.projectkey.warning", "jira.table.cols.subtasks",
        "jira.view.issue.links.sort.order",
    ]
    order = next(p for p in body if p["key"] == "jira.issue.actions.order")
    assert order == {
        "id": "jira.issue.actions.order", "key": "jira.issue.actions.order", "value": "asc",
        "name": "Jira issue actions order",
        "desc": "The default order of actions (tab items like 'Comments', 'Change History' etc) on the "
                "'View Issue' screen, by date, from top to bottom.",
        "type": "enum", "defaultValue": "asc", "allowedValues": ["asc", "desc"],
    }


def test_set_a_property_and_put_it_back(admin: httpx.Client, restore: list[str]) -> None:
    restore.append("jira.clone.prefix")
    response = put(admin, "jira.clone.prefix", "COPY:")
    assert response.status_code == 200
    assert response.json() == {
        "id": "jira.clone.prefix", "key": "jira.clone.prefix", "value": "COPY:",
        "name": "The prefix added to the Summary field of cloned issues", "type": "string",
        "defaultValue": "CLONE -",
    }
    assert admin.get(API, params={"key": "jira.clone.prefix"}).json()["value"] == "COPY:"
    assert put(admin, "jira.clone.prefix", "CLONE -").json()["value"] == "CLONE -"
    assert admin.get(API, params={"key": "jira.clone.prefix"}).json()["value"] == "CLONE -"


def test_values_are_normalised_by_type(admin: httpx.Client, restore: list[str]) -> None:
    restore.extend(["jira.option.voting", "jira.comment.collapsing.minimum.hidden", "jira.lf.text.headingcolour",
                    "jira.table.cols.subtasks", "jira.timetracking.hours.per.day"])
    assert put(admin, "jira.option.voting", "FALSE").json()["value"] == "false"
    assert put(admin, "jira.option.voting", True).json()["value"] == "true"
    assert put(admin, "jira.comment.collapsing.minimum.hidden", 7).json()["value"] == "7"
    assert put(admin, "jira.comment.collapsing.minimum.hidden", "007").json()["value"] == "7"
    assert put(admin, "jira.lf.text.headingcolour", "#ABC").json()["value"] == "#abc"
    assert put(admin, "jira.table.cols.subtasks", "issuekey ,summary,, status").json()["value"] == \
        "issuekey, summary, status"
    assert put(admin, "jira.timetracking.hours.per.day", "7.5").json()["value"] == "7.5"


@pytest.mark.parametrize(("key", "value", "message"), [
    ("jira.option.voting", "maybe", "The value 'maybe' is not valid for jira.option.voting: it must be true or false."),
    ("jira.attachment.size", "-1", "The value '-1' is not valid for jira.attachment.size: it must be a whole number "
                                   "from 0 to 2147483647."),
    ("jira.attachment.size", "10MB", "The value '10MB' is not valid for jira.attachment.size: it must be a whole "
                                     "number from 0 to 2147483647."),
    ("jira.issue.actions.order", "newest", "The value 'newest' is not valid for jira.issue.actions.order. The "
                                           "allowed values are: asc, desc."),
    ("jira.mode", "open", "The value 'open' is not valid for jira.mode. The allowed values are: public, private."),
    ("jira.lf.text.headingcolour", "red", "The value 'red' is not a colour: use the format #rgb or #rrggbb."),
    ("jira.timetracking.hours.per.day", "25", "The number of working hours per day must be more than 0 and at "
                                              "most 24."),
    ("jira.timetracking.hours.per.day", "eight", "The value 'eight' is not valid for jira.timetracking.hours.per.day:"
                                                 " it must be a positive number."),
    ("jira.timetracking.days.per.week", "0", "The number of working days per week must be more than 0 and at "
                                             "most 7."),
    ("jira.title", "   ", "The application title must not be empty."),
    ("jira.default.timezone", "Mars/Olympus", "'Mars/Olympus' is not a valid time zone."),
    ("jira.projectkey.pattern", "([A-Z]", "The project key pattern is not a valid regular expression: missing ), "
                                          "unterminated subpattern at position 0."),
    ("jira.projectkey.maxlength", "1", "The maximum project key size must be from 2 to 10."),
    ("jira.table.cols.subtasks", "issuetype, bogus", "The field 'bogus' is not a navigable field."),
    ("jira.table.cols.subtasks", " , ", "The value of jira.table.cols.subtasks must list at least one item."),
    ("jira.view.issue.links.sort.order", "type, colour", "'colour' is not a field issue links can be sorted by. The "
                                                         "fields are: type, status, priority, key, resolution."),
    ("jira.baseurl", "ftp://example.com", "The base URL 'ftp://example.com' is not valid: it must be an absolute "
                                          "http or https URL, such as https://jira.example.com."),
])
def test_invalid_values_are_refused_and_nothing_changes(admin: httpx.Client, key: str, value: str,
                                                        message: str) -> None:
    before = admin.get(API, params={"key": key}).json()["value"]
    response = put(admin, key, value)
    assert response.status_code == 400
    assert response.json() == {"errorMessages": [], "errors": {"value": message}}
    assert admin.get(API, params={"key": key}).json()["value"] == before


def test_bad_requests(admin: httpx.Client) -> None:
    missing = admin.put(f"{API}/jira.title", json={"id": "jira.title"})
    assert missing.status_code == 400
    assert missing.json() == {"errorMessages": [], "errors": {"value": "You must specify a value for 'value'."}}
    broken = admin.put(f"{API}/jira.title", content=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400
    assert broken.json()["errorMessages"] and broken.json()["errors"] == {}
    listed = admin.put(f"{API}/jira.title", json=["x"])
    assert listed.status_code == 400
    unknown = put(admin, "jira.no.such.thing", "x")
    assert unknown.status_code == 404
    assert unknown.json() == {"errorMessages": ["The application property 'jira.no.such.thing' does not exist."],
                              "errors": {}}
    assert admin.get(API, params={"key": "jira.title"}).json()["value"] == "Jira"


def test_anonymous_is_refused(anon: httpx.Client) -> None:
    for response in (anon.get(API), anon.get(API, params={"key": "jira.title"}), anon.get(f"{API}/advanced-settings"),
                     put(anon, "jira.title", "Hacked")):
        assert response.status_code == 401
        assert response.json() == NOT_LOGGED_IN


def test_regular_users_are_refused(make_user, admin: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    client = make_user("nonadmin").client
    for response in (client.get(API), client.get(API, params={"key": "jira.title"}),
                     client.get(f"{API}/advanced-settings"), put(client, "jira.title", "Hacked")):
        assert response.status_code == 403
        assert response.json() == NOT_ADMIN
    assert admin.get(API, params={"key": "jira.title"}).json()["value"] == "Jira"


def test_jira_client_reads_properties(jira) -> None:  # type: ignore[no-untyped-def]
    prop = jira.application_properties(key="jira.issue.actions.order")
    assert prop["value"] == "asc" and prop["allowedValues"] == ["asc", "desc"]
    assert any(p["key"] == "jira.title" for p in jira.application_properties())


# The `jira` client sends this PUT to /rest/api/latest/..., the alias of /rest/api/2.
def test_jira_client_sets_a_property(jira, restore: list[str]) -> None:  # type: ignore[no-untyped-def]
    restore.append("jira.issue.actions.order")
    response = jira.set_application_property("jira.issue.actions.order", "desc")
    assert response.status_code == 200
    assert jira.application_properties(key="jira.issue.actions.order")["value"] == "desc"


def test_atlassian_client(base_url: str, restore: list[str]) -> None:
    from atlassian import Jira

    restore.append("jira.newsletter.tip.delay.days")
    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    assert client.get_property(key="jira.newsletter.tip.delay.days")["value"] == "7"
    assert [p["key"] for p in client.get_property(key_filter="jira.timetracking.*")] == [
        "jira.timetracking.copy.comment.to.work.desc.on.transition", "jira.timetracking.days.per.week",
        "jira.timetracking.default.unit", "jira.timetracking.format", "jira.timetracking.hours.per.day"]
    assert client.set_property("jira.newsletter.tip.delay.days", "14")["value"] == "14"
    assert any(p["key"] == "jira.clone.prefix" for p in client.get_advanced_settings())
