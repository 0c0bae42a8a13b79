"""ASGI middleware: the X-AUSERNAME header on every response, and Jira's XSRF rule for multipart."""

from __future__ import annotations

from typing import Any

import orjson

XSRF_VALUES = {b"no-check", b"nocheck"}


class JiraHeadersMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path == "/rest/api/latest" or path.startswith("/rest/api/latest/"):
            # Clients (the `jira` package among them) use "latest" for the current version, 2.
            raw = scope.get("raw_path") or path.encode()
            scope = {**scope, "path": "/rest/api/2" + path[len("/rest/api/latest"):],
                     "raw_path": b"/rest/api/2" + raw[len(b"/rest/api/latest"):]}
        headers = dict(scope.get("headers") or ())
        if _is_multipart(headers) and headers.get(b"x-atlassian-token", b"").lower() not in XSRF_VALUES:
            await _xsrf_refusal(scope, send)
            return
        state = scope.setdefault("state", {})

        async def send_with_user(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                name = str(state.get("username", "anonymous")).encode()
                message["headers"] = [*message.get("headers", []), (b"x-ausername", name)]
            await send(message)

        await self.app(scope, receive, send_with_user)


def _is_multipart(headers: dict[bytes, bytes]) -> bool:
    return headers.get(b"content-type", b"").lower().startswith(b"multipart/form-data")


async def _xsrf_refusal(scope: dict[str, Any], send: Any) -> None:
    body = orjson.dumps({"errorMessages": ["XSRF check failed"], "errors": {}})
    await send({
        "type": "http.response.start",
        "status": 403,
        "headers": [
            (b"content-type", b"application/json;charset=UTF-8"),
            (b"content-length", str(len(body)).encode()),
            (b"x-ausername", b"anonymous"),
        ],
    })
    await send({"type": "http.response.body", "body": body})
