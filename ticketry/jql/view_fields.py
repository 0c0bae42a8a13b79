"""lastViewed: when the caller last viewed the issue, from their issue history (empty when not in it)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement

from ticketry.jql import ast
from ticketry.jql.date_fields import DateField
from ticketry.jql.env import Env
from ticketry.platform.viewhistory.service import last_viewed


class LastViewedField(DateField):
    def __init__(self) -> None:
        super().__init__("lastViewed", None)

    def _for(self, env: Env) -> DateField:
        # The column depends on the caller, so each query gets its own view of the history.
        return DateField(self.name, last_viewed(env.user_id))

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        return self._for(env).compile(env, clause)

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return self._for(env).order_by(env)
