"""JQL errors in Jira's wording."""

from __future__ import annotations

PREFIX = "Error in the JQL Query: "
VALID_OPERATORS = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'"


class JqlSyntaxError(Exception):
    """A query that does not parse; `message` is the complete text Jira would show."""

    def __init__(self, text: str, line: int | None = None, column: int | None = None) -> None:
        where = f" (line {line}, character {column})" if line is not None else ""
        self.message = PREFIX + text + where
        super().__init__(self.message)


def reserved_word(word: str, line: int, column: int) -> JqlSyntaxError:
    return JqlSyntaxError(
        f"'{word}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.",
        line, column,
    )


def reserved_character(char: str, line: int, column: int) -> JqlSyntaxError:
    return JqlSyntaxError(
        f"The character '{char}' is a reserved JQL character. You must enclose it in a string or use the "
        f"escape '\\u{ord(char):04x}' instead.",
        line, column,
    )
