from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.harness import RunningServer
from tests.platform.components.support import ProjectRef, create_project


@pytest.fixture
def project(server: RunningServer, unique_key: Callable[[], str]) -> ProjectRef:
    return create_project(server, unique_key())


@pytest.fixture
def make_project(server: RunningServer, unique_key: Callable[[], str]) -> Callable[..., ProjectRef]:
    return lambda **kw: create_project(server, unique_key(), **kw)
