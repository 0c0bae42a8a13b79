"""Screens have no create endpoint in the v2 API: tests make their screens in the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.harness import RunningServer
from ticketry.platform.fields.models import CustomField
from ticketry.platform.screens.models import Screen, ScreenTab, ScreenTabField

API = "/rest/api/2"


@dataclass
class ScreenRef:
    id: int
    tab_id: int

    @property
    def url(self) -> str:
        return f"{API}/screens/{self.id}"

    @property
    def tab_url(self) -> str:
        return f"{API}/screens/{self.id}/tabs/{self.tab_id}"


@pytest.fixture
def make_screen(server: RunningServer, unique: Callable[[str], str]) -> Callable[..., ScreenRef]:
    """A screen with one tab 'Field Tab' holding the given field ids."""

    def make(*field_ids: str) -> ScreenRef:
        with server.app.state.write_sessions() as db:
            screen = Screen(name=unique("Screen"), description="test screen")
            db.add(screen)
            db.flush()
            tab = ScreenTab(screen_id=screen.id, name="Field Tab", position=0)
            db.add(tab)
            db.flush()
            db.add_all(ScreenTabField(tab_id=tab.id, field_id=f, position=p) for p, f in enumerate(field_ids))
            db.commit()
            return ScreenRef(screen.id, tab.id)

    return make


@pytest.fixture
def make_custom_field(server: RunningServer, unique: Callable[[str], str]) -> Callable[[], tuple[str, str]]:
    """A text custom field made in the database: (its id, its name)."""

    def make() -> tuple[str, str]:
        name = unique("CF")
        with server.app.state.write_sessions() as db:
            field = CustomField(name=name, type_key="com.atlassian.jira.plugin.system.customfieldtypes:textfield",
                                searcher_key="com.atlassian.jira.plugin.system.customfieldtypes:textsearcher")
            db.add(field)
            db.commit()
            return f"customfield_{field.id}", name

    return make
