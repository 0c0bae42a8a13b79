"""PostgreSQL plans the statements of one issue once per connection (`db.id_lists.for_one_id`): GET issue's
parts and tallies, and a create's companions, bind a single id, for which the plan kept by the prepared
statement (a generic plan) is as good as a new one. Bound as an array, they were planned anew on every
execution (GET issue at L: ~0.5 ms of PostgreSQL's CPU of 1.1)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.harness import RunningServer, backend
from tests.platform.issues.helpers import make_issue, make_project
from ticketry.core.context import RequestContext
from ticketry.platform.issues.insert import COMPANIONS
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.view import IssueView, issue_documents
from ticketry.platform.search import textindex
from ticketry.platform.users.models import User

pytestmark = pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL's plans of prepared statements")

RUNS = 14  # psycopg prepares a statement on its 5th run; PostgreSQL weighs a generic plan after 5 custom plans


def _plans(db: Session, like: str) -> tuple[int, int]:
    row = db.execute(text("SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) "
                          "FROM pg_prepared_statements WHERE statement LIKE :like"), {"like": like}).one()
    return int(row[0]), int(row[1])


def _plans_of(db: Session, like: str, runs: Callable[[], None]) -> tuple[int, int]:
    """The generic and custom plans that `runs` added: a pooled connection may have prepared statements
    like `like` of other searches before (labels in JQL), planned as they are."""
    generic, custom = _plans(db, like)
    runs()
    after = _plans(db, like)
    return after[0] - generic, after[1] - custom


def test_one_issue_s_parts_are_planned_once(server: RunningServer, admin: httpx.Client,
                                            unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue_key = make_issue(admin, key, "planned", labels=["one"])["key"]
    with server.app.state.read_sessions() as db:
        issue = db.query(Issue).filter_by(key=issue_key).one()
        ctx = RequestContext(db=db, settings=server.settings, base_url=server.url,
                             user=db.query(User).filter_by(name="admin").one())

        def runs() -> None:
            for _ in range(RUNS):
                document = issue_documents(ctx, [issue], IssueView())[0]
                assert document["fields"]["labels"] == ["one"]

        generic, custom = _plans_of(db, "%FROM issue_label%", runs)
    assert generic >= 3 and custom <= 5, (generic, custom)


def test_a_create_s_companions_are_planned_once(server: RunningServer, admin: httpx.Client,
                                                unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue_id = int(make_issue(admin, key, "companions")["id"])
    with server.app.state.write_sessions() as db:

        def runs() -> None:
            for _ in range(RUNS):  # the held values, the text index row (the issue has no watches to add)
                db.execute(COMPANIONS[(True, False)], {"id": issue_id})

        generic, custom = _plans_of(db, "WITH held AS%", runs)
        db.rollback()
    assert generic >= 3 and custom <= 5, (generic, custom)


def test_one_issue_s_text_refresh_is_planned_once(server: RunningServer, admin: httpx.Client,
                                                  unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue_ids = [int(make_issue(admin, key, f"refreshed text {n}")["id"]) for n in range(RUNS)]
    with server.app.state.write_sessions() as db:

        def runs() -> None:
            for issue_id in issue_ids:  # as edits or comments refresh them, one issue each
                textindex.refresh(db, [issue_id])

        generic, custom = _plans_of(db, "INSERT INTO issue_text%", runs)
        db.rollback()
    assert generic >= 3 and custom <= 5, (generic, custom)
