"""A path index in front of the application's router.

Starlette tries routes one by one, and the application has some 30 included routers with about 370
routes: matching alone cost 0.3-0.6 ms per request, more than the whole bare framework. The index
narrows the routes to try, by the literal leading segments of their paths, to those that could match;
the first full match among them is the first full match of all, because the others cannot match the
path at all. Anything else (a path that matches with another method, a trailing slash redirect, a 404)
goes to the router's own matching, so its answers stay the framework's.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterable
from typing import Any

from fastapi import FastAPI, Response
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match, Mount, Route, compile_path, get_route_path
from starlette.types import Receive, Scope, Send

from ticketry.core.context import RequestContext
from ticketry.core.responses import JiraJSONResponse

KEY_SEGMENTS = 4
MEMO_LIMIT = 4096


def _path_formats(route: BaseRoute) -> list[str] | None:
    """The full path patterns a top-level route answers, or None when it could answer any path."""
    contexts = getattr(route, "effective_route_contexts", None)
    if contexts is not None:
        formats = [getattr(context, "path_format", None) for context in contexts()]
        return None if any(f is None for f in formats) else [str(f) for f in formats]
    if isinstance(route, Route | Mount):
        return [route.path_format]
    return None


def _literal_key(path_format: str) -> tuple[str, ...] | None:
    """The leading literal segments of a pattern (at most KEY_SEGMENTS), None if a parameter comes first."""
    key: list[str] = []
    for part in path_format.split("/")[1:KEY_SEGMENTS + 1]:
        if "{" in part:
            return tuple(key) if key else None
        key.append(part)
    return tuple(key)


def _path_pattern(formats: list[str] | None) -> re.Pattern[str] | None:
    """One regular expression matching every path of these patterns (None: any path). A router included in the
    application tries each of its routes in turn, with bookkeeping per route, so asking each candidate router
    cost more than the bare framework's whole request (GET issue: 8 candidate routers, 63 routes); a router
    whose paths cannot match is now passed over with one match of this expression."""
    if formats is None:
        return None
    # Starlette's own path expressions, their named groups made plain (one name may recur across paths).
    bodies = [re.sub(r"\(\?P<[^>]+>", "(?:", compile_path(f)[0].pattern) for f in formats]
    return re.compile("|".join(f"(?:{body})" for body in bodies))


class RouteIndex:
    def __init__(self, routes: Iterable[BaseRoute]) -> None:
        self.routes = list(routes)
        self.by_key: dict[tuple[str, ...], set[int]] = {}
        self.anywhere: set[int] = set()
        self.patterns: dict[int, re.Pattern[str] | None] = {}
        for position, route in enumerate(self.routes):
            formats = _path_formats(route)
            self.patterns[id(route)] = _path_pattern(formats)
            keys = [_literal_key(f) for f in formats] if formats is not None else [None]
            for key in keys:
                if key is None:
                    self.anywhere.add(position)
                else:
                    self.by_key.setdefault(key, set()).add(position)
        self.memo: dict[tuple[str, ...], list[BaseRoute]] = {}

    def may_match(self, route: BaseRoute, path: str) -> bool:
        """Whether one of the route's path patterns matches `path` (whatever the method)."""
        pattern = self.patterns.get(id(route))
        return pattern is None or pattern.match(path) is not None

    def candidates(self, path: str) -> list[BaseRoute]:
        """The routes that could match `path`, in the router's order."""
        head = tuple(path.split("/")[1:KEY_SEGMENTS + 1])
        found = self.memo.get(head)
        if found is None:
            positions = set(self.anywhere)
            for length in range(len(head) + 1):
                positions |= self.by_key.get(head[:length], set())
            found = [self.routes[p] for p in sorted(positions)]
            if len(self.memo) < MEMO_LIMIT:
                self.memo[head] = found
        return found


def install_route_index(app: FastAPI) -> None:
    """Call after every router is included."""
    router = app.router
    index = RouteIndex(router.routes)
    full_matching = router.middleware_stack

    async def indexed(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = get_route_path(scope)
            for route in index.candidates(path):
                if not index.may_match(route, path):
                    continue
                match, child_scope = route.matches(scope)
                if match == Match.FULL:
                    scope.setdefault("router", router)
                    scope.update(child_scope)
                    await route.handle(scope, receive, send)
                    return
        await full_matching(scope, receive, send)

    router.middleware_stack = indexed


class JiraRoute(APIRoute):
    """Endpoints' dicts and lists go straight to orjson (`JiraJSONResponse`).

    FastAPI would first validate them against the return annotation and copy them (or run
    `jsonable_encoder`, slower than rendering the issue itself); our JSON is built by our own renderers,
    so that step only costs. The annotation still documents the response in openapi.json. Endpoints
    that take FastAPI's `Response` parameter (to set headers or cookies) keep FastAPI's handling.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not _takes_response(endpoint):
            endpoint = _encoded_directly(endpoint, kwargs.get("status_code") or 200)
        super().__init__(path, endpoint, **kwargs)


def _takes_response(endpoint: Callable[..., Any]) -> bool:
    return any(p.annotation in (Response, "Response") for p in inspect.signature(endpoint).parameters.values())


def _encoded_directly(endpoint: Callable[..., Any], status_code: int) -> Callable[..., Any]:
    def respond(result: Any) -> Any:
        return JiraJSONResponse(result, status_code=status_code) if isinstance(result, dict | list) else result

    if inspect.iscoroutinefunction(endpoint):
        @functools.wraps(endpoint)
        async def encoded_async(*args: Any, **kwargs: Any) -> Any:
            return respond(await endpoint(*args, **kwargs))
        return encoded_async

    @functools.wraps(endpoint)
    def encoded(*args: Any, **kwargs: Any) -> Any:
        response = respond(endpoint(*args, **kwargs))
        _commit_in_this_thread(kwargs.values())
        return response
    return encoded


def _commit_in_this_thread(arguments: Iterable[Any]) -> None:
    """Commits the request's transaction in the endpoint's worker thread, when it has one: the transaction
    dependency would otherwise take a second worker thread for it (`core.deps._db`), a hop that cost a create
    about 5 % of its CPU. A failed commit raises here, so it is still the request's error response."""
    for argument in arguments:
        if isinstance(argument, RequestContext):
            if argument.db.in_transaction():
                argument.db.commit()
            return
