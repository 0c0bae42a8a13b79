"""POST .../notify: a mail about the issue to its reporter, assignee, named users and groups (SMTP)."""

from __future__ import annotations

import dataclasses
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, Forbidden
from ticketry.jobs.queue import enqueue
from ticketry.platform.issues.inputs import user_identifier
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions import catalog
from ticketry.platform.permissions.engine import access_for
from ticketry.platform.users.models import Group, GroupMembership, User
from ticketry.platform.users.service import find_user
from ticketry.platform.watchers.models import IssueVote, IssueWatcher
from ticketry.settings import Settings

MAIL_KIND = "notify-mail"


@dataclass
class Mail:
    subject: str
    text: str
    html: str | None
    recipients: list[str]


def _flag(to: dict[str, Any], name: str) -> bool:
    value = to.get(name, False)
    if not isinstance(value, bool):
        raise BadRequest(errors={f"to.{name}": "The value must be true or false."})
    return value


def _names(raw: Any, field: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise BadRequest(errors={field: "A list was expected."})
    names = [user_identifier(item) for item in raw]
    if any(n is None for n in names):
        raise BadRequest(errors={field: "Every entry needs a name."})
    return [n for n in names if n is not None]


def _group_ids(ctx: RequestContext, names: list[str], field: str) -> list[int]:
    lowered = [n.lower() for n in names]
    found = {name.lower(): gid for gid, name in ctx.db.execute(
        select(Group.id, Group.lower_name).where(Group.lower_name.in_(lowered)))}
    missing = [n for n in names if n.lower() not in found]
    if missing:
        raise BadRequest(errors={field: f"The group '{missing[0]}' does not exist."})
    return list(found.values())


def _recipients(ctx: RequestContext, issue: Issue, to: dict[str, Any]) -> set[int]:
    ids: set[int] = set()
    if _flag(to, "reporter") and issue.reporter_id:
        ids.add(issue.reporter_id)
    if _flag(to, "assignee") and issue.assignee_id:
        ids.add(issue.assignee_id)
    if _flag(to, "watchers"):
        ids |= set(ctx.db.scalars(select(IssueWatcher.user_id).where(IssueWatcher.issue_id == issue.id)))
    if _flag(to, "voters"):
        ids |= set(ctx.db.scalars(select(IssueVote.user_id).where(IssueVote.issue_id == issue.id)))
    for name in _names(to.get("users"), "to.users"):
        user = find_user(ctx.db, name)
        if user is None:
            raise BadRequest(errors={"to.users": f"The user '{name}' does not exist."})
        ids.add(user.id)
    groups = _group_ids(ctx, _names(to.get("groups"), "to.groups"), "to.groups")
    if groups:
        ids |= set(ctx.db.scalars(select(GroupMembership.user_id).where(GroupMembership.group_id.in_(groups))))
    return ids


def _permission_keys(raw: Any) -> list[str]:
    """restrict.permissions: [{"key": "BROWSE_PROJECTS"} or {"id": "10"}], current or legacy keys."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise BadRequest(errors={"restrict.permissions": "A list was expected."})
    by_id = {str(p.id): key for key, p in catalog.PERMISSIONS.items()}
    keys = []
    for item in raw:
        given = item.get("key") or item.get("id") if isinstance(item, dict) else None
        key = (catalog.canonical(given) or by_id.get(given)) if isinstance(given, str) else None
        if key is None or key in catalog.GLOBAL_KEYS:
            raise BadRequest(errors={"restrict.permissions": f"The permission '{given}' does not exist."})
        keys.append(key)
    return keys


def _restricted(ctx: RequestContext, issue: Issue, ids: set[int], restrict: Any) -> set[int]:
    """Only users who may see the issue are mailed, as in Jira; `restrict` narrows to groups and to
    holders of permissions on the issue."""
    restrict = restrict if isinstance(restrict, dict) else {}
    groups = _group_ids(ctx, _names(restrict.get("groups"), "restrict.groups"), "restrict.groups")
    keys = _permission_keys(restrict.get("permissions"))
    if groups and ids:
        ids = set(ctx.db.scalars(select(GroupMembership.user_id).where(
            GroupMembership.group_id.in_(groups), GroupMembership.user_id.in_(ids))))
    users = ctx.db.scalars(select(User).where(User.id.in_(ids))).all() if ids else []
    kept = set()
    for user in users:
        checker = access_for(ctx.db, user)
        if checker.can_see(issue) and all(checker.can_on_issue(key, issue) for key in keys):
            kept.add(user.id)
    return kept


def build_mail(ctx: RequestContext, issue: Issue, body: Any) -> Mail:
    if not isinstance(body, dict):
        raise BadRequest("Can not deserialize the request body: a JSON object was expected.")
    to = body.get("to") or {}
    if not isinstance(to, dict):
        raise BadRequest(errors={"to": "An object was expected."})
    for name in ("subject", "textBody", "htmlBody"):
        if body.get(name) is not None and not isinstance(body[name], str):
            raise BadRequest(errors={name: "A string was expected."})
    ids = _restricted(ctx, issue, _recipients(ctx, issue, to), body.get("restrict"))
    emails = sorted({u.email for u in ctx.db.scalars(select(User).where(User.id.in_(ids), User.active.is_(True)))
                     if u.email}) if ids else []
    link = ctx.url(f"/browse/{issue.key}")
    subject = body.get("subject") or f"[JIRA] ({issue.key}) {issue.summary}"
    text = body.get("textBody") or f"{issue.key}: {issue.summary}\n{link}"
    return Mail(subject, text, body.get("htmlBody"), emails)


def send(settings: Settings, mail: Mail) -> None:
    """Delivers the mail over SMTP (the notify-mail job of issues/tasks.py, retried on failure)."""
    if not settings.smtp_host:
        raise RuntimeError("Outgoing mail is not configured: no SMTP server is set.")
    message = EmailMessage()
    message["Subject"] = mail.subject
    message["From"] = settings.smtp_from
    message["To"] = ", ".join(mail.recipients)
    message.set_content(mail.text)
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(message)


def notify(ctx: RequestContext, issue: Issue, body: Any) -> None:
    """Checks the request and queues the mail: it goes out once the request commits, retried if SMTP fails."""
    mail = build_mail(ctx, issue, body)
    if not ctx.settings.smtp_host:
        raise Forbidden("Outgoing mail is not configured: no SMTP server is set.")
    if mail.recipients:
        enqueue(ctx.db, MAIL_KIND, dataclasses.asdict(mail))
