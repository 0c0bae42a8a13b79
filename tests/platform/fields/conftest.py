"""Helpers for field tests: creating custom fields and options over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

PREFIX = "com.atlassian.jira.plugin.system.customfieldtypes:"

# type -> default searcher
TYPES = {
    "textfield": "textsearcher", "textarea": "textsearcher", "float": "exactnumber", "datepicker": "daterange",
    "datetime": "datetimerange", "url": "exacttextsearcher", "select": "multiselectsearcher",
    "multiselect": "multiselectsearcher", "radiobuttons": "radiosearcher", "multicheckboxes": "checkboxsearcher",
    "cascadingselect": "cascadingselectsearcher", "userpicker": "userpickergroupsearcher",
    "multiuserpicker": "userpickergroupsearcher", "grouppicker": "grouppickersearcher",
    "multigrouppicker": "multiselectsearcher", "labels": "labelsearcher", "version": "versionsearcher",
    "multiversion": "versionsearcher", "project": "projectsearcher",
}


@pytest.fixture
def make_field(admin: httpx.Client, unique: Callable[[str], str]) -> Callable[..., dict[str, Any]]:
    def make(kind: str, name: str | None = None) -> dict[str, Any]:
        response = admin.post("/rest/api/2/field", json={
            "name": name or unique(f"cf-{kind}"), "description": f"A {kind} field",
            "type": PREFIX + kind, "searcherKey": PREFIX + TYPES[kind],
        })
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body
    return make


@pytest.fixture
def add_option(admin: httpx.Client) -> Callable[..., dict[str, Any]]:
    def add(field_id: str, value: str, **extra: Any) -> dict[str, Any]:
        response = admin.post(f"/rest/api/2/field/{field_id}/option", json={"value": value, **extra})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body
    return add


@pytest.fixture
def setup(admin: httpx.Client, unique_key: Callable[[], str], make_field: Callable[..., dict[str, Any]],
          add_option: Callable[..., dict[str, Any]], make_user: Callable[..., Any],
          unique: Callable[[str], str]) -> dict[str, Any]:
    key = unique_key()
    project = admin.post("/rest/api/2/project", json={
        "key": key, "name": f"Values {key}", "projectTypeKey": "software", "lead": "admin"})
    assert project.status_code == 201, project.text
    version = admin.post("/rest/api/2/version", json={"name": "1.0", "projectId": int(project.json()["id"])})
    assert version.status_code == 201, version.text
    version2 = admin.post("/rest/api/2/version", json={"name": "2.0", "projectId": int(project.json()["id"])})
    fields = {}
    for kind in ("textfield", "textarea", "float", "datepicker", "datetime", "url", "select", "multiselect",
                 "radiobuttons", "multicheckboxes", "cascadingselect", "userpicker", "multiuserpicker",
                 "grouppicker", "multigrouppicker", "labels", "version", "multiversion", "project"):
        fields[kind] = make_field(kind)["id"]
        added = admin.post(f"/rest/api/2/screens/addToDefault/{fields[kind]}")
        assert added.status_code in (200, 201, 204), added.text
    options = {}
    for kind in ("select", "multiselect", "radiobuttons", "multicheckboxes", "cascadingselect"):
        options[kind] = [add_option(fields[kind], v) for v in ("A", "B")]
    child = add_option(fields["cascadingselect"], "A1", parentId=options["cascadingselect"][0]["id"])
    return {"key": key, "project": project.json(), "fields": fields, "options": options, "child": child,
            "user": make_user(), "version": version.json(), "version2": version2.json()}
