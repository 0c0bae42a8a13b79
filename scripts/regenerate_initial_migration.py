"""Until the first release, the tables are one migration regenerated from the models.

Later hand-written migrations (0002 onwards) are set aside while 0001 is regenerated against an
empty database, then put back. Run: .venv/bin/python scripts/regenerate_initial_migration.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ticketry.db.engine import make_engine
from ticketry.db.migrate import MIGRATIONS, revision
from ticketry.settings import Settings

versions = MIGRATIONS / "versions"
with tempfile.TemporaryDirectory() as tmp:
    aside = Path(tmp) / "aside"
    aside.mkdir()
    for later in versions.glob("0*.py"):
        if not later.name.startswith("0001_"):
            shutil.move(str(later), aside / later.name)
    try:
        for old in versions.glob("0001_*.py"):
            old.unlink()
        settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'empty.db'}")
        revision(make_engine(settings), "initial schema", rev_id="0001")
    finally:
        for later in aside.iterdir():
            shutil.move(str(later), versions / later.name)
