"""What compiling a query needs to know: the database, the caller, the instant, and collected warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session


class JqlValidationError(Exception):
    """Errors that make a parsed query invalid, each in Jira's words."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class Env:
    db: Session
    user_id: int | None
    now: datetime  # in the caller's time zone
    # With strict validation a value that does not exist is an error; otherwise a warning and no match.
    strict: bool = True
    warnings: list[str] = field(default_factory=list)
    # How many saved filters deep the compiler is (`filter = X` inside filter X would never end).
    filter_depth: int = 0
    # Whether the literal being resolved was an unquoted number: Jira reads those as ids.
    literal_is_id: bool = False
    # The projects every result is in (a top-level `project = X` or `project in (...)`), worked out when a
    # clause first asks (None: no such clause); see jql/compiler.project_scope.
    project_scope: Callable[[], list[int] | None] = lambda: None
    # Values already resolved, by (field, text): the project scope and the ORDER BY resolve `project = X` again.
    # Shared by the copies `dataclasses.replace` makes of this environment.
    resolved: dict[tuple[str, str], list[object]] = field(default_factory=dict)

    def unknown_value(self, field_name: str, value: str) -> None:
        message = (f"A value with ID '{value}' does not exist for the field '{field_name}'." if self.literal_is_id
                   else f"The value '{value}' does not exist for the field '{field_name}'.")
        if self.strict:
            raise JqlValidationError([message])
        self.warnings.append(message)
