"""The `lab` fixture of tests/jobs: tasks backed by private job kinds and worker pools."""

from tests.jobs.conftest import lab

__all__ = ["lab"]
