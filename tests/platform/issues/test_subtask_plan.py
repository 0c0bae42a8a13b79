"""Sub-tasks are found through the parent index on SQLite even when ANALYZE saw no sub-task at all
(its statistics then count every parentless issue as one value, and the planner would scan)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from ticketry.db.models import Base
from ticketry.platform.issues.loader import subtasks_of
from ticketry.platform.issues.models import Issue


def _plan(session: Session, statement: object) -> str:
    compiled = statement.compile(session.get_bind(), compile_kwargs={"literal_binds": True})  # type: ignore[attr-defined]
    return " ".join(row[3] for row in session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))


def test_subtasks_use_the_parent_index_after_analyze(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
        conn.execute(text("DELETE FROM sqlite_stat1"))
        conn.execute(text("INSERT INTO sqlite_stat1 VALUES ('issue', 'ix_issue_parent_id', '100000 100000'), "
                          "('issue', NULL, '100000')"))
    engine.dispose()  # statistics are read when a connection opens
    with Session(engine) as session:
        naive = select(Issue.id).where(Issue.parent_id.in_([1, 2])).order_by(Issue.id)
        assert "ix_issue_parent_id" not in _plan(session, naive)  # the planner's mistake this guards against
        hinted = select(Issue.id).where(subtasks_of(session, [1, 2])).order_by(Issue.id)
        assert "USING COVERING INDEX ix_issue_parent_id" in _plan(session, hinted) or \
            "USING INDEX ix_issue_parent_id" in _plan(session, hinted)
