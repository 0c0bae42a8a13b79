"""GET /project: every project the caller may view, in the order of their names (case aside), kept in step
with renames (the order is read once per configuration generation, `projects/service.list_projects`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.permissions import matrix_issues
from tests.platform.permissions.matrix_issues import Granted

API = "/rest/api/2"
granted = matrix_issues.granted  # the fixture, shared through the module rather than a conftest


def _keys(client: httpx.Client, **params: Any) -> list[str]:
    response = client.get(f"{API}/project", params=params)
    assert response.status_code == 200, response.text
    return [p["key"] for p in response.json()]


def test_projects_come_in_name_order_and_follow_renames(admin: httpx.Client, unique: Callable[[str], str],
                                                        make_project: Callable[..., dict[str, Any]]) -> None:
    tag = unique("order")
    made = {name: make_project(name=f"{tag} {name}")["key"] for name in ("beta", "Alpha", "gamma")}
    ours = [k for k in _keys(admin) if k in made.values()]
    assert ours == [made["Alpha"], made["beta"], made["gamma"]]
    renamed = admin.put(f"{API}/project/{made['Alpha']}", json={"name": f"{tag} zulu"})
    assert renamed.status_code == 201, renamed.text  # as Jira answers an update
    ours = [k for k in _keys(admin) if k in made.values()]
    assert ours == [made["beta"], made["gamma"], made["Alpha"]]


def test_a_caller_sees_only_the_projects_they_may_browse(admin: httpx.Client,
                                                         granted: Callable[..., Granted]) -> None:
    open_to_them = granted("CREATE_ISSUES")
    closed = granted("CREATE_ISSUES", browse=False)
    theirs = _keys(open_to_them.holder.client)
    assert open_to_them.key in theirs and closed.key not in theirs
    assert closed.key not in _keys(closed.holder.client)
    everything = _keys(admin)
    assert {open_to_them.key, closed.key} <= set(everything)
    assert len(everything) > len(theirs)
    recent = _keys(closed.holder.client, recent=20)
    assert closed.key not in recent
