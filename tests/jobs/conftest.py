"""The `lab` fixture: private job kinds and worker pools for them (tests/jobs/lab.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.harness import RunningServer
from tests.jobs.lab import Lab


@pytest.fixture
def lab(server: RunningServer) -> Iterator[Lab]:
    made = Lab(server)
    try:
        yield made
    finally:
        made.stop()
