"""Request body of our own dashboard API (POST /rest/ticketry/1/dashboard)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class DashboardBody(BaseModel):
    name: Any = None
    description: Any = None
    sharePermissions: list[dict[str, Any]] = []  # noqa: N815
