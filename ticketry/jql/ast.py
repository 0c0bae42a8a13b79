"""The JQL syntax tree."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True)
class FieldRef:
    name: str  # as written, unquoted: "summary", "Epic Link", "cf[10010]"
    custom_id: int | None = None
    quoted: bool = False
    position: Position | None = None


@dataclass(frozen=True)
class Value:
    text: str
    quoted: bool = False
    position: Position | None = None


@dataclass(frozen=True)
class Empty:
    keyword: str = "empty"  # EMPTY or NULL, as written (lower-case)
    position: Position | None = None


@dataclass(frozen=True)
class FunctionCall:
    name: str
    arguments: tuple[str, ...] = ()
    position: Position | None = None


@dataclass(frozen=True)
class ValueList:
    items: tuple[Operand, ...]
    position: Position | None = None


Operand = Value | Empty | FunctionCall | ValueList


@dataclass(frozen=True)
class Predicate:
    operator: str  # after, before, on, during, by, from, to
    operand: Operand


@dataclass(frozen=True)
class Terminal:
    field: FieldRef
    operator: str  # =, !=, ~, !~, <, >, <=, >=, in, not in, is, is not, was, was in, was not, was not in
    operand: Operand
    predicates: tuple[Predicate, ...] = ()


@dataclass(frozen=True)
class Changed:
    field: FieldRef
    predicates: tuple[Predicate, ...] = ()
    operand: Operand | None = None  # Jira parses "status changed Open" and then refuses the bare value


@dataclass(frozen=True)
class Compound:
    operator: str  # and, or, not
    clauses: tuple[Clause, ...]


Clause = Terminal | Changed | Compound


@dataclass(frozen=True)
class SortKey:
    field: FieldRef
    direction: str | None = None  # asc, desc, or None for the field's default


@dataclass(frozen=True)
class Query:
    where: Clause | None = None
    order_by: tuple[SortKey, ...] = field(default_factory=tuple)
