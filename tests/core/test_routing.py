"""The route index picks the route the framework's own matching would pick, for every route."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
from starlette.routing import Match

from tests.harness import RunningServer
from ticketry.core.routing import RouteIndex


def _first_full(routes: list[Any], scope: dict[str, Any]) -> Any:
    for route in routes:
        match, _ = route.matches(dict(scope))
        if match == Match.FULL:
            return route
    return None


def _sample_paths(server: RunningServer) -> list[tuple[str, str]]:
    paths = []
    for route in server.app.router.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        for context in contexts() if contexts else []:
            for method in getattr(context.original_route, "methods", None) or {"GET"}:
                paths.append((method, re.sub(r"\{[^}]+\}", "x1", context.path_format)))
    return paths


def test_index_agrees_with_full_matching_for_every_route(server: RunningServer) -> None:
    routes = list(server.app.router.routes)
    index = RouteIndex(routes)
    paths = _sample_paths(server)
    assert len(paths) > 300
    extra = [("GET", "/rest/api/2/nothing/here"), ("GET", "/"), ("GET", "/rest"), ("GET", "/rest/api/2/issue/x1/"),
             ("PATCH", "/rest/api/2/issue/x1")]
    for method, path in [*paths, *extra]:
        scope = {"type": "http", "method": method, "path": path, "root_path": "", "headers": [], "query_string": b""}
        tried = [route for route in index.candidates(path) if index.may_match(route, path)]
        assert _first_full(tried, scope) is _first_full(routes, scope), (method, path)
        # a router passed over has no route of that path, whatever the method (it could only answer 404)
        for route in index.candidates(path):
            if not index.may_match(route, path):
                assert route.matches(dict(scope))[0] == Match.NONE, (method, path)


def test_answers_outside_the_index_stay_the_frameworks(admin: httpx.Client) -> None:
    assert admin.get("/rest/api/2/serverInfo").status_code == 200
    assert admin.get("/rest/api/latest/serverInfo").status_code == 200
    assert admin.delete("/rest/api/2/serverInfo").status_code == 405
    missing = admin.get("/rest/api/2/no-such-resource")
    assert missing.status_code == 404
    assert admin.get("/rest/api/2/issue/NOPE-1").json()["errorMessages"] == [
        "Issue Does Not Exist"]


def test_every_endpoint_encodes_its_json_once(server: RunningServer, admin: httpx.Client,
                                              unique_key: Callable[[], str]) -> None:
    from fastapi.routing import APIRoute

    from ticketry.core.routing import JiraRoute

    routes = [c.original_route for r in server.app.router.routes
              for c in (r.effective_route_contexts() if hasattr(r, "effective_route_contexts") else [])]
    plain = [r.path for r in routes if isinstance(r, APIRoute) and not isinstance(r, JiraRoute)]
    assert routes and plain == []
    key = unique_key()
    created = admin.post("/rest/api/2/project", json={"key": key, "name": f"Route {key}", "lead": "admin",
                                                       "projectTypeKey": "software"})
    assert created.status_code == 201 and created.headers["content-type"] == "application/json;charset=UTF-8"
    assert created.json()["key"] == key
