"""ASGI middleware: the X-AUSERNAME header on every response, and Jira's XSRF rule for multipart."""

from __future__ import annotations

import logging
from typing import Any

import orjson

log = logging.getLogger("ticketry")

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

        started = False

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_user(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            # Answer in Jira's format here instead of letting the server error middleware
            # re-raise, which would also drop the client's keep-alive connection.
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _send_json(send_with_user, 500, {"errorMessages": ["Internal server error"], "errors": {}})


def _is_multipart(headers: dict[bytes, bytes]) -> bool:
    return headers.get(b"content-type", b"").lower().startswith(b"multipart/form-data")


async def _xsrf_refusal(scope: dict[str, Any], send: Any) -> None:
    await _send_json(send, 403, {"errorMessages": ["XSRF check failed"], "errors": {}},
                     [(b"x-ausername", b"anonymous")])


async def _send_json(send: Any, status: int, content: dict[str, Any],
                     extra_headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = orjson.dumps(content)
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json;charset=UTF-8"),
            (b"content-length", str(len(body)).encode()),
            *(extra_headers or []),
        ],
    })
    await send({"type": "http.response.body", "body": body})
