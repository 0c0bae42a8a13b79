"""Issue type entity properties."""

from __future__ import annotations

import httpx


def test_issue_type_properties_lifecycle(admin: httpx.Client, base_url: str, make_user, unique) -> None:  # type: ignore[no-untyped-def]
    key = unique("itprop")
    url = f"/rest/api/2/issuetype/3/properties/{key}"
    assert admin.put(url, json={"colour": "teal"}).status_code == 201
    assert admin.put(url, json={"colour": "navy"}).status_code == 200
    assert admin.get(url).json() == {"key": key, "value": {"colour": "navy"}}
    keys = admin.get("/rest/api/2/issuetype/3/properties").json()["keys"]
    assert {"self": f"{base_url}{url}", "key": key} in keys
    user = make_user("itreader")
    assert user.client.get(url).status_code == 200
    assert user.client.put(url, json=1).status_code == 403
    assert admin.put("/rest/api/2/issuetype/999999/properties/x", json=1).status_code == 404
    assert admin.put(url, content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 400
    assert admin.delete(url).status_code == 204
    assert admin.get(url).status_code == 404
    assert admin.delete(url).status_code == 404
