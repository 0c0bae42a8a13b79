"""createmeta/editmeta entries of custom fields, and the PyPI clients against the field endpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.fields.conftest import PREFIX


def _option(base_url: str, o: dict[str, Any]) -> dict[str, Any]:
    return {"self": f"{base_url}/rest/api/2/customFieldOption/{o['id']}", "value": o["value"],
            "id": str(o["id"]), "disabled": False}


def test_createmeta_describes_custom_fields(admin: httpx.Client, setup: dict[str, Any],
                                            base_url: str, add_option: Callable[..., dict[str, Any]]) -> None:
    f, opt = setup["fields"], setup["options"]
    add_option(f["select"], "Off", config={"attributes": ["notSelectable"]})
    response = admin.get("/rest/api/2/issue/createmeta", params={
        "projectKeys": setup["key"], "issuetypeNames": "Task", "expand": "projects.issuetypes.fields"})
    assert response.status_code == 200, response.text
    meta = response.json()["projects"][0]["issuetypes"][0]["fields"]
    number = int(f["select"].removeprefix("customfield_"))
    assert meta[f["select"]] == {
        "required": False, "schema": {"type": "option", "custom": PREFIX + "select", "customId": number},
        "name": meta[f["select"]]["name"], "key": f["select"], "hasDefaultValue": False, "operations": ["set"],
        "allowedValues": [_option(base_url, o) for o in opt["select"]],
    }
    assert meta[f["multiselect"]]["operations"] == ["add", "set", "remove"]
    cascading = meta[f["cascadingselect"]]["allowedValues"]
    assert [c["value"] for c in cascading] == ["A", "B"]
    assert cascading[0]["children"] == [_option(base_url, setup["child"])]
    assert cascading[1]["children"] == []
    assert [v["name"] for v in meta[f["multiversion"]]["allowedValues"]] == ["1.0", "2.0"]
    assert "allowedValues" not in meta[f["textfield"]]
    assert meta[f["userpicker"]]["autoCompleteUrl"] == f"{base_url}/rest/api/2/user/search?username="
    assert setup["key"] in [p["key"] for p in meta[f["project"]]["allowedValues"]]


def test_field_metadata_limits_options_to_the_project_scope(server: Any, admin: httpx.Client,
                                                            make_field: Callable[..., dict[str, Any]],
                                                            add_option: Callable[..., dict[str, Any]],
                                                            unique_key: Callable[[], str]) -> None:
    from ticketry.core.context import RequestContext
    from ticketry.platform.fields.values import field_metadata

    project = admin.post("/rest/api/2/project", json={
        "key": unique_key(), "name": "Scoped", "projectTypeKey": "software", "lead": "admin"}).json()
    field = make_field("radiobuttons")["id"]
    add_option(field, "Global")
    add_option(field, "Here only", config={"scope": {"projects": [int(project["id"])]}})
    db = server.app.state.read_sessions()
    try:
        ctx = RequestContext(db=db, settings=server.app.state.settings, base_url="http://x")
        inside = field_metadata(ctx, field, required=True, project_id=int(project["id"]))
        assert inside["required"] is True
        assert [v["value"] for v in inside["allowedValues"]] == ["Global", "Here only"]
        unscoped = field_metadata(ctx, field, required=False)
        assert [v["value"] for v in unscoped["allowedValues"]] == ["Global", "Here only"]
    finally:
        db.close()


def test_jira_client_custom_field_option(jira: Any, make_field: Callable[..., dict[str, Any]],
                                         add_option: Callable[..., dict[str, Any]]) -> None:
    option = add_option(make_field("select")["id"], "Blue")
    found = jira.custom_field_option(str(option["id"]))
    assert found.value == "Blue"


def test_atlassian_client_fields(base_url: str, unique: Callable[[str], str], admin: httpx.Client) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    name = unique("Atlassian field")
    created = client.create_custom_field(name, PREFIX + "grouppicker", search_key=PREFIX + "grouppickersearcher",
                                         description="made by atlassian-python-api")
    assert created["name"] == name
    assert created["schema"]["type"] == "group"
    assert created["id"] in [f["id"] for f in client.get_all_fields()]
    option_field = admin.post("/rest/api/2/field", json={"name": unique("sel"), "type": PREFIX + "select"}).json()
    option = admin.post(f"/rest/api/2/field/{option_field['id']}/option", json={"value": "Green"}).json()
    assert client.get_custom_field_option(option["id"])["value"] == "Green"
