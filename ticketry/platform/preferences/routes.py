"""/rest/api/2/mypreferences (the caller's string preferences) and /mypreferences/locale.

A preference value travels as the raw request and response body, exactly as stored: Jira neither
quotes nor parses it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.errors import NotFound
from ticketry.core.routing import JiraRoute
from ticketry.platform.preferences import service

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["preferences"])


async def _raw_value(request: Request) -> str | None:
    data = await request.body()
    if not data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotFound("The preference value is not valid UTF-8 text.") from None


@router.get("/mypreferences")
def get_preference(ctx: UserCtx, key: str | None = None) -> Response:
    assert ctx.user is not None
    value = service.get_preference(ctx.db, ctx.user, key)
    return Response(content=value, media_type="application/json")


@router.put("/mypreferences", status_code=204)
def set_preference(ctx: UserCtx, value: Annotated[str | None, Depends(_raw_value)],
                   key: str | None = None) -> Response:
    assert ctx.user is not None
    service.set_preference(ctx.db, ctx.user, key, value)
    return Response(status_code=204)


@router.delete("/mypreferences", status_code=204)
def remove_preference(ctx: UserCtx, key: str | None = None) -> Response:
    assert ctx.user is not None
    service.remove_preference(ctx.db, ctx.user, key)
    return Response(status_code=204)


@router.get("/mypreferences/locale")
def get_locale(ctx: Ctx) -> dict[str, Any]:
    return {"locale": service.locale_of(ctx.db, ctx.user)}


@router.put("/mypreferences/locale", status_code=204)
def set_locale(ctx: UserCtx, body: Annotated[Any, Body()] = None) -> Response:
    assert ctx.user is not None
    service.set_locale(ctx.db, ctx.user, body)
    return Response(status_code=204)


@router.delete("/mypreferences/locale", status_code=204)
def delete_locale(ctx: UserCtx) -> Response:
    assert ctx.user is not None
    service.delete_locale(ctx.db, ctx.user)
    return Response(status_code=204)
