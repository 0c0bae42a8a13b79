"""Until the first release, the schema is one migration regenerated from the models.

Run: .venv/bin/python scripts/regenerate_initial_migration.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ticketry.db.engine import make_engine
from ticketry.db.migrate import MIGRATIONS, revision
from ticketry.settings import Settings

for old in (MIGRATIONS / "versions").glob("0001_*.py"):
    old.unlink()
with tempfile.TemporaryDirectory() as tmp:
    settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'empty.db'}")
    revision(make_engine(settings), "initial schema", rev_id="0001")
