"""Wire shapes of screens: tabs {"id", "name"} and screenable fields {"id", "name"}."""

from __future__ import annotations

from typing import Any

from ticketry.platform.fields.catalog import FieldDef
from ticketry.platform.screens.models import ScreenTab


def tab_json(tab: ScreenTab) -> dict[str, Any]:
    return {"id": tab.id, "name": tab.name}


def field_json(field: FieldDef) -> dict[str, Any]:
    return {"id": field.id, "name": field.name}
