"""issue text index (PostgreSQL): the tsvectors stored out of line, and no parallel scans of them

A count of a common word's matches reads every heap page holding one. With the tsvectors inline (about
900 bytes a row) that is most of a 900 MB heap at 1M issues; with them in the TOAST table the heap holds
pointers (about 130 MB), and the bitmap scan's pages drop 4x (L, `comment ~ "firewall"`: 304 -> 83 ms).

PostgreSQL moves values out of line only from rows past TOAST_TUPLE_THRESHOLD (about 2 KB, fixed when it is
built); `toast_tuple_target` sets only how small it then makes the row. The `filler` column (2 100 spaces,
stored compressed inline: a few bytes) takes every row past it. Then the planner no longer sees what a
sequential scan costs (it reads every value out of line), so the table gets no parallel scans, which made it
choose one (2.8 s for `text ~ "ser*"` at L, against 164 ms from the GIN indexes).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FIELDS = ("summary", "description", "environment", "comments")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("ALTER TABLE issue_text SET (toast_tuple_target = 128, parallel_workers = 0)")
    # Out of line uncompressed: tsvectors hardly compress (the same 2 GB at L either way), and the attempts
    # cost writers (L, a range of 5 000 issues rewritten: 825-1 038 ms -> 763-823 ms).
    op.execute("ALTER TABLE issue_text " + ", ".join(f"ALTER COLUMN {name} SET STORAGE EXTERNAL" for name in FIELDS))
    op.execute("ALTER TABLE issue_text ADD COLUMN filler text NOT NULL DEFAULT repeat(' ', 2100)")
    # Rows written before move their values out of line in a rewrite of the table, which packs the small rows
    # (an UPDATE would leave them scattered over the pages the large ones filled).
    op.execute("ALTER TABLE issue_text ALTER COLUMN filler TYPE text USING repeat(' ', 2100)")
    op.execute("ALTER TABLE issue_text ALTER COLUMN filler SET STORAGE MAIN")  # after: a new type resets it


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("ALTER TABLE issue_text DROP COLUMN filler")
    op.execute("ALTER TABLE issue_text " + ", ".join(f"ALTER COLUMN {name} SET STORAGE EXTENDED" for name in FIELDS))
    op.execute("ALTER TABLE issue_text RESET (toast_tuple_target, parallel_workers)")
