"""/rest/auth/1/session: cookie sessions, as Jira's login page offers them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response
from pydantic import BaseModel

from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.errors import BadRequest, NotAuthenticated
from ticketry.core.routing import JiraRoute
from ticketry.core.timefmt import format_datetime
from ticketry.platform.auth.service import AUTH_FAILED, SESSION_COOKIE, end_session, start_session
from ticketry.platform.users.models import User
from ticketry.platform.users.render import user_self

router = APIRouter(route_class=JiraRoute, prefix="/rest/auth/1", tags=["auth"])


class Credentials(BaseModel):
    username: str | None = None
    password: str | None = None


def _login_info(user: User) -> dict[str, Any]:
    info: dict[str, Any] = {"failedLoginCount": user.total_failed_logins, "loginCount": user.login_count}
    if user.last_failed_login:
        info["lastFailedLoginTime"] = format_datetime(user.last_failed_login)
    if user.previous_login:
        info["previousLoginTime"] = format_datetime(user.previous_login)
    return info


@router.get("/session")
def current_session(ctx: UserCtx) -> dict[str, Any]:
    assert ctx.user is not None
    user = ctx.db.get(User, ctx.user.id) or ctx.user
    return {"self": user_self(ctx, user), "name": user.name, "loginInfo": _login_info(user)}


@router.post("/session")
def login(request: Request, response: Response, ctx: Ctx,
          credentials: Annotated[Credentials, Body()]) -> dict[str, Any]:
    if not credentials.username or credentials.password is None:
        raise BadRequest(errors={"username": "You must specify a username and a password."})
    user = request.app.state.authenticator.login(credentials.username, credentials.password)
    token = start_session(ctx.db, user, ctx.settings.session_days)
    request.state.username = user.name
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", path="/",
                        max_age=ctx.settings.session_days * 86400)
    fresh = ctx.db.get(User, user.id) or user
    ctx.db.refresh(fresh)
    return {"session": {"name": SESSION_COOKIE, "value": token}, "loginInfo": _login_info(fresh)}


@router.delete("/session", status_code=204)
def logout(request: Request, response: Response, ctx: Ctx) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if ctx.user is None or not token:
        raise NotAuthenticated(AUTH_FAILED)
    end_session(ctx.db, token)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
