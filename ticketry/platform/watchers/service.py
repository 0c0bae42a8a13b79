"""Watcher and vote rules: who may watch, vote and manage the watcher list, and the counts.

Watching and voting are switched off with the application properties jira.option.watching and
jira.option.voting; then every watcher or vote request is refused with 404, as in Jira.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotAuthenticated, NotFound
from ticketry.platform.appsettings.service import get_bool
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions.engine import access, access_for
from ticketry.platform.users.models import User
from ticketry.platform.users.service import find_user, get_user
from ticketry.platform.watchers.models import IssueVote, IssueWatcher

_WATCHER = cast(Table, IssueWatcher.__table__)

WATCHING_DISABLED = "Watching is disabled on this JIRA instance."
VOTING_DISABLED = "Voting is disabled on this JIRA instance."
MANAGE_REFUSED = "User '{user}' is not allowed to manage the watcher list of issue '{issue}'."


# Switches and permissions --------------------------------------------------------------------

def check_watching_enabled(db: Session) -> None:
    if not get_bool(db, "jira.option.watching"):
        raise NotFound(WATCHING_DISABLED)


def check_voting_enabled(db: Session) -> None:
    if not get_bool(db, "jira.option.voting"):
        raise NotFound(VOTING_DISABLED)


def may_view_voters_and_watchers(ctx: RequestContext, issue: Issue) -> bool:
    """Who sees the watcher and voter lists: View Voters and Watchers (or Manage Watchers)."""
    viewer = access(ctx)
    return viewer.can_on_issue("VIEW_VOTERS_AND_WATCHERS", issue) or viewer.can_on_issue("MANAGE_WATCHERS", issue)


def _check_may_change_watcher(ctx: RequestContext, issue: Issue, watcher: User) -> None:
    """Anyone who sees the issue may watch it or stop; changing someone else needs Manage Watchers
    (Jira answers 401 without it)."""
    assert ctx.user is not None
    if watcher.id != ctx.user.id and not access(ctx).can_on_issue("MANAGE_WATCHERS", issue):
        raise NotAuthenticated(MANAGE_REFUSED.format(user=ctx.user.name, issue=issue.key))


# Watchers ------------------------------------------------------------------------------------

def watchers_of(db: Session, issue: Issue) -> list[User]:
    return list(db.scalars(
        select(User).join(IssueWatcher, IssueWatcher.user_id == User.id)
        .where(IssueWatcher.issue_id == issue.id).order_by(User.lower_name)
    ))


def watcher_to_add(db: Session, actor: User, raw: Any) -> User:
    """The user named by the POST body: a JSON string, or the caller when the body is empty."""
    if raw is None or raw == "":
        return actor
    if not isinstance(raw, str):
        raise BadRequest("The watcher must be given as a JSON string: the user's name.")
    user = find_user(db, raw)
    if user is None:
        raise NotFound(f"The user \"{raw}\" does not exist.")
    return user


def add_watcher(ctx: RequestContext, issue: Issue, watcher: User) -> None:
    db = ctx.db
    check_watching_enabled(db)
    _check_may_change_watcher(ctx, issue, watcher)
    if not watcher.active:
        raise BadRequest(f"The user \"{watcher.name}\" is inactive and cannot watch issues.")
    if ctx.user is not None and watcher.id != ctx.user.id and not access_for(db, watcher).can_see(issue):
        raise BadRequest(f"The user \"{watcher.name}\" does not have permission to view this issue. "
                         "This user will not be added to the watch list.")
    start_watching(db, watcher, issue)


def start_watching(db: Session, user: User, issue: Issue) -> None:
    """Makes the user a watcher (no checks): also the hook for autowatch on issue create."""
    if db.get(IssueWatcher, (issue.id, user.id)) is None:
        db.add(IssueWatcher(issue_id=issue.id, user_id=user.id))
        db.flush()


# The same for PostgreSQL as part of a create's one statement of companions (`issues/insert.py`): the watches
# bound as the arrays `watch_issues` and `watch_users`, made at `watched`.
NEW_WATCHES_ON_POSTGRES = (
    "INSERT INTO issue_watcher (issue_id, user_id, created) SELECT w.issue_id, w.user_id, :watched "
    "FROM unnest(CAST(:watch_issues AS INTEGER[]), CAST(:watch_users AS INTEGER[])) AS w (issue_id, user_id)")


def watch_new_issues(db: Session, watches: list[tuple[int, int]]) -> None:
    """Adds (issue id, user id) watches in one statement, with no checks: the autowatch of new issues, which
    have no watchers yet. A Core insert: the ORM's bulk-insert path cost every create ~0.1-0.2 ms more."""
    if watches:
        db.execute(insert(_WATCHER), [{"issue_id": issue_id, "user_id": user_id} for issue_id, user_id in watches])


def watcher_to_remove(db: Session, username: str | None, account_id: str | None) -> User:
    identifier = username or account_id
    if not identifier:
        raise BadRequest(errors={"username": "The 'username' query parameter was not provided"})
    return get_user(db, identifier)


def remove_watcher(ctx: RequestContext, issue: Issue, watcher: User) -> None:
    db = ctx.db
    check_watching_enabled(db)
    _check_may_change_watcher(ctx, issue, watcher)
    db.execute(delete(IssueWatcher).where(IssueWatcher.issue_id == issue.id, IssueWatcher.user_id == watcher.id))


# Votes ---------------------------------------------------------------------------------------

def voters_of(db: Session, issue: Issue) -> list[User]:
    return list(db.scalars(
        select(User).join(IssueVote, IssueVote.user_id == User.id)
        .where(IssueVote.issue_id == issue.id).order_by(User.lower_name)
    ))


def _check_may_vote(db: Session, user: User, issue: Issue) -> None:
    check_voting_enabled(db)
    if issue.reporter_id == user.id:
        raise NotFound("You cannot vote for an issue you have reported.")
    if issue.resolution_id is not None:
        raise NotFound("You cannot vote or change your vote on resolved issues.")


def add_vote(db: Session, user: User, issue: Issue) -> None:
    _check_may_vote(db, user, issue)
    if db.get(IssueVote, (issue.id, user.id)) is None:
        db.add(IssueVote(issue_id=issue.id, user_id=user.id))
        db.flush()


def remove_vote(db: Session, user: User, issue: Issue) -> None:
    _check_may_vote(db, user, issue)
    vote = db.get(IssueVote, (issue.id, user.id))
    if vote is None:
        raise NotFound("You have not voted for this issue.")
    db.delete(vote)
    db.flush()


# Counts for many issues ----------------------------------------------------------------------

def counts(db: Session, model: type[IssueWatcher] | type[IssueVote], issue_ids: list[int]) -> dict[int, int]:
    rows = db.execute(select(model.issue_id, func.count()).where(model.issue_id.in_(issue_ids))
                      .group_by(model.issue_id))
    return {issue_id: int(count) for issue_id, count in rows}


def marked_by(db: Session, model: type[IssueWatcher] | type[IssueVote], user: User | None,
              issue_ids: list[int]) -> set[int]:
    """The issues among issue_ids that the user watches (or voted for)."""
    if user is None:
        return set()
    return set(db.scalars(select(model.issue_id).where(model.issue_id.in_(issue_ids), model.user_id == user.id)))
