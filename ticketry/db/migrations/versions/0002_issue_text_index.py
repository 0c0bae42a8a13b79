"""issue text index: SQLite FTS5 or PostgreSQL tsvector columns with GIN indexes

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FIELDS = ("summary", "description", "environment", "comments")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Porter stemming, as Jira's English indexing does: "crashes" finds "crash".
        op.execute("CREATE VIRTUAL TABLE issue_text USING fts5(summary, description, environment, comments, "
                   "tokenize = 'porter unicode61 remove_diacritics 2')")
        op.execute("INSERT INTO issue_text (rowid, summary, description, environment, comments) "
                   "SELECT id, summary, coalesce(description, ''), coalesce(environment, ''), "
                   "coalesce((SELECT group_concat(body, ' ') FROM comment WHERE comment.issue_id = issue.id), '') "
                   "FROM issue")
        return
    # English stemming without stop words, like SQLite's porter tokenizer: "but*" still finds "button".
    op.execute("CREATE TEXT SEARCH DICTIONARY ticketry_english_stem (TEMPLATE = snowball, Language = english)")
    op.execute("CREATE TEXT SEARCH CONFIGURATION ticketry_english (COPY = english)")
    op.execute("ALTER TEXT SEARCH CONFIGURATION ticketry_english ALTER MAPPING FOR asciiword, asciihword, "
               "hword_asciipart, word, hword, hword_part WITH ticketry_english_stem")
    columns = ", ".join(f"{name} tsvector NOT NULL DEFAULT ''::tsvector" for name in FIELDS)
    op.execute(f"CREATE TABLE issue_text (issue_id integer PRIMARY KEY REFERENCES issue (id) ON DELETE CASCADE, "
               f"{columns})")
    op.execute("INSERT INTO issue_text (issue_id, summary, description, environment, comments) "
               "SELECT id, to_tsvector('ticketry_english', summary), to_tsvector('ticketry_english', coalesce(description, '')), "
               "to_tsvector('ticketry_english', coalesce(environment, '')), to_tsvector('ticketry_english', coalesce((SELECT "
               "string_agg(body, ' ') FROM comment WHERE comment.issue_id = issue.id), '')) FROM issue")
    for name in FIELDS:
        op.execute(f"CREATE INDEX ix_issue_text_{name} ON issue_text USING gin ({name})")


def downgrade() -> None:
    op.execute("DROP TABLE issue_text")
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TEXT SEARCH CONFIGURATION ticketry_english")
        op.execute("DROP TEXT SEARCH DICTIONARY ticketry_english_stem")
