"""A page of issues shows every wanted field of every issue, empty ones as null, in one order: a sub-task
(whose parent is shown in its place) and an ordinary issue of the same page list their fields alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.platform.issues.helpers import make_issue, make_project

API = "/rest/api/2"
TEXT = "com.atlassian.jira.plugin.system.customfieldtypes:textfield"


def _field(admin: httpx.Client, name: str) -> str:
    made = admin.post(f"{API}/field", json={"name": name, "type": TEXT})
    assert made.status_code == 201, made.text
    field_id = str(made.json()["id"])
    assert admin.post(f"{API}/screens/addToDefault/{field_id}").status_code == 201
    return field_id


def _page(admin: httpx.Client, jql: str, **extra: Any) -> list[dict[str, Any]]:
    found = admin.post(f"{API}/search", json={"jql": jql, **extra})
    assert found.status_code == 200, found.text
    issues: list[dict[str, Any]] = found.json()["issues"]
    return issues


def test_every_issue_of_a_page_lists_the_same_fields(admin: httpx.Client, unique: Callable[[str], str],
                                                     unique_key: Callable[[], str]) -> None:
    filled, empty = _field(admin, unique("Filled")), _field(admin, unique("Empty"))
    key = unique_key()
    make_project(admin, key)
    parent = make_issue(admin, key, "parent", **{filled: "a value"})["key"]
    child = make_issue(admin, key, "child", "Sub-task", parent={"key": parent}, **{filled: "its value"})["key"]

    for fields in (None, ["*all"], ["summary", "parent", filled, empty, "watches"]):
        extra = {"fields": fields} if fields else {}
        shown = {i["key"]: i["fields"] for i in _page(admin, f"project = {key} ORDER BY key", **extra)}
        assert set(shown) == {parent, child}
        assert shown[child]["parent"]["key"] == parent and "parent" not in shown[parent]
        assert [n for n in shown[child] if n != "parent"] == list(shown[parent])
        assert shown[parent][filled] == "a value" and shown[child][filled] == "its value"
        assert shown[parent][empty] is None and shown[child][empty] is None
        if fields and "*all" not in fields:
            assert set(shown[child]) == set(fields)
        else:
            assert shown[parent]["watches"]["watchCount"] == 1
    alone = admin.get(f"{API}/issue/{parent}").json()["fields"]
    assert list(alone) == list(_page(admin, f"key = {parent}", fields=["*all"])[0]["fields"])


def test_values_of_many_fields_or_a_few_render_alike(admin: httpx.Client, unique: Callable[[str], str],
                                                     unique_key: Callable[[], str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a few fields the page reads all its issues' values and keeps the wanted fields' (a statement listing
    hundreds of fields was parsed anew on every request): the same documents either way."""
    from ticketry.platform.fields import rendering

    first, second = _field(admin, unique("First")), _field(admin, unique("Second"))
    key = unique_key()
    make_project(admin, key)
    make_issue(admin, key, "both", **{first: "one", second: "two"})
    make_issue(admin, key, "one only", **{second: "alone"})
    pages = []
    for most in (0, 10**6):  # every request reads all values then keeps the wanted / lists the wanted fields
        monkeypatch.setattr(rendering, "_FIELDS_LISTED_AT_MOST", most)
        for fields in (["*all"], [first], ["summary", second]):
            pages.append(_page(admin, f"project = {key} ORDER BY key", fields=fields))
    half = len(pages) // 2
    assert pages[:half] == pages[half:]
    assert [issue["fields"][first] for issue in pages[1]] == ["one", None]
    assert [issue["fields"][second] for issue in pages[2]] == ["two", "alone"] and first not in pages[2][0]["fields"]
