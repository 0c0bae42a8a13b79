"""Domain errors and the one Jira error format: {"errorMessages": [...], "errors": {...}}."""

from __future__ import annotations


class JiraError(Exception):
    status_code = 400

    def __init__(
        self,
        *messages: str,
        errors: dict[str, str] | None = None,
        status_code: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__("; ".join(messages) or str(errors))
        self.messages = list(messages)
        self.errors = dict(errors or {})
        self.headers = headers or {}
        if status_code is not None:
            self.status_code = status_code

    def body(self) -> dict[str, object]:
        return {"errorMessages": self.messages, "errors": self.errors}


class BadRequest(JiraError):
    status_code = 400


class NotAuthenticated(JiraError):
    status_code = 401


class Forbidden(JiraError):
    status_code = 403


class NotFound(JiraError):
    status_code = 404


class Conflict(JiraError):
    status_code = 409


class PayloadTooLarge(JiraError):
    status_code = 413


def field_error(field: str, message: str) -> BadRequest:
    return BadRequest(errors={field: message})
