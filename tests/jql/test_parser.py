"""JQL syntax: valid queries parse to the expected structure; invalid ones fail with Jira's words."""

from __future__ import annotations

import pytest

from ticketry.jql.errors import JqlSyntaxError
from ticketry.jql.parser import parse
from ticketry.jql.structure import clause_json, encode, operand_text, query_json

OPS = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'"


def where(text: str) -> dict:  # type: ignore[type-arg]
    query = parse(text)
    assert query.where is not None
    return clause_json(query.where)


def short(text: str) -> str:
    """A compact rendering of the parsed clause: fields, operators and operands in JQL form."""
    query = parse(text)
    assert query.where is not None
    return _short(query.where)


def _short(clause) -> str:  # type: ignore[no-untyped-def]
    from ticketry.jql import ast

    if isinstance(clause, ast.Compound):
        if clause.operator == "not":
            return f"NOT {_short(clause.clauses[0])}"
        return "(" + f" {clause.operator.upper()} ".join(_short(c) for c in clause.clauses) + ")"
    if isinstance(clause, ast.Changed):
        preds = "".join(f" {p.operator.upper()} {operand_text(p.operand)}" for p in clause.predicates)
        return f"{clause.field.name} CHANGED{preds}"
    preds = "".join(f" {p.operator.upper()} {operand_text(p.operand)}" for p in clause.predicates)
    return f"{clause.field.name} {clause.operator.upper()} {operand_text(clause.operand)}{preds}"


VALID = [
    ("project = ENG", "project = ENG"),
    ("PROJECT=ENG", "PROJECT = ENG"),
    ("project != ENG", "project != ENG"),
    ("summary ~ test", "summary ~ test"),
    ("summary !~ 'test'", "summary !~ test"),
    ('summary ~ "abc*"', 'summary ~ "abc*"'),
    ("votes > 5", "votes > 5"),
    ("votes >= 5", "votes >= 5"),
    ("votes < 5", "votes < 5"),
    ("votes <= 5", "votes <= 5"),
    ("key = ABC-12", "key = ABC-12"),
    ("created >= 2024-01-31", "created >= 2024-01-31"),
    ('created >= "2024/01/31 10:15"', 'created >= "2024/01/31 10:15"'),
    ("created > -1w", "created > -1w"),
    ('created > "-4w 2d"', 'created > "-4w 2d"'),
    ("due < +3d", "due < +3d"),
    ("labels in (a, b, c)", "labels IN (a, b, c)"),
    ("labels IN(a,b)", "labels IN (a, b)"),
    ("labels not in (a, b)", "labels NOT IN (a, b)"),
    ("labels in (\"with space\", 'single')", 'labels IN ("with space", single)'),
    ("assignee is empty", "assignee IS EMPTY"),
    ("assignee IS NULL", "assignee IS NULL"),
    ("assignee is not EMPTY", "assignee IS NOT EMPTY"),
    ("assignee = EMPTY", "assignee = EMPTY"),
    ("assignee in (EMPTY, bob)", "assignee IN (EMPTY, bob)"),
    ("assignee = currentUser()", "assignee = currentUser()"),
    ("assignee in membersOf(\"jira-software-users\")", "assignee IN membersOf(jira-software-users)"),
    ("created > startOfDay(-1d)", "created > startOfDay(-1d)"),
    ("created > endOfMonth(+2M)", "created > endOfMonth(+2M)"),
    ("issue in linkedIssues(ABC-1, \"blocks\")", "issue IN linkedIssues(ABC-1, blocks)"),
    ("fixVersion in releasedVersions()", "fixVersion IN releasedVersions()"),
    ("cf[10010] = 5", "cf[10010] = 5"),
    ("CF[10010] in (1, 2)", "cf[10010] IN (1, 2)"),
    ('"Epic Link" = ABC-1', "Epic Link = ABC-1"),
    ("'Story Points' > 3", "Story Points > 3"),
    ("status was Open", "status WAS Open"),
    ("status was not Open", "status WAS NOT Open"),
    ("status was in (Open, Closed)", "status WAS IN (Open, Closed)"),
    ("status was not in (Open, Closed)", "status WAS NOT IN (Open, Closed)"),
    ("status was Open by bob", "status WAS Open BY bob"),
    ("status was Open by (bob, alice)", "status WAS Open BY (bob, alice)"),
    ('status was Open after "2024/01/01" before "2024/02/01"',
     'status WAS Open AFTER "2024/01/01" BEFORE "2024/02/01"'),
    ('status was Open on 2024-01-01', "status WAS Open ON 2024-01-01"),
    ('status was Open during ("2024/01/01", now())', 'status WAS Open DURING ("2024/01/01", now())'),
    ("status changed", "status CHANGED"),
    ("status changed from Open to Done", "status CHANGED FROM Open TO Done"),
    ("status CHANGED FROM Open TO Done BY bob AFTER -5d", "status CHANGED FROM Open TO Done BY bob AFTER -5d"),
    ("assignee changed by currentUser() during (startOfWeek(), now())",
     "assignee CHANGED BY currentUser() DURING (startOfWeek(), now())"),
    ("a = 1 and b = 2", "(a = 1 AND b = 2)"),
    ("a = 1 AND b = 2 AND c = 3", "(a = 1 AND b = 2 AND c = 3)"),
    ("a = 1 or b = 2", "(a = 1 OR b = 2)"),
    ("a = 1 and b = 2 or c = 3", "((a = 1 AND b = 2) OR c = 3)"),
    ("a = 1 or b = 2 and c = 3", "(a = 1 OR (b = 2 AND c = 3))"),
    ("(a = 1 or b = 2) and c = 3", "((a = 1 OR b = 2) AND c = 3)"),
    ("not a = 1 and b = 2", "(NOT a = 1 AND b = 2)"),
    ("not (a = 1 and b = 2)", "NOT (a = 1 AND b = 2)"),
    ("!a = 1", "NOT a = 1"),
    ("a = 1 && b = 2", "(a = 1 AND b = 2)"),
    ("a = 1 & b = 2", "(a = 1 AND b = 2)"),
    ("a = 1 || b = 2", "(a = 1 OR b = 2)"),
    ("a = 1 | b = 2", "(a = 1 OR b = 2)"),
    ("not not a = 1", "NOT NOT a = 1"),
    ("((a = 1))", "a = 1"),
    ("a=1\nAND\tb=2", "(a = 1 AND b = 2)"),
    ('summary ~ "say \\"hi\\""', 'summary ~ "say \\"hi\\""'),
    ("summary ~ 'it\\'s'", "summary ~ \"it's\""),
    ('summary ~ "tab\\there"', 'summary ~ "tab\\there"'),
    ('summary ~ "\\u0041BC"', "summary ~ ABC"),
    ('summary ~ "order"', 'summary ~ "order"'),
    ('summary ~ "select"', 'summary ~ "select"'),
    ("component = comp_1.2:x", "component = comp_1.2:x"),
    ('reporter = "user@example.com"', 'reporter = "user@example.com"'),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_valid_queries_parse(text: str, expected: str) -> None:
    assert short(text) == expected


def test_order_by_keys_and_directions() -> None:
    query = query_json(parse("project = A ORDER BY priority DESC, created asc, key"))
    assert query["orderBy"] == {"fields": [
        {"field": {"name": "priority", "encodedName": "priority"}, "direction": "desc"},
        {"field": {"name": "created", "encodedName": "created"}, "direction": "asc"},
        {"field": {"name": "key", "encodedName": "key"}},
    ]}


def test_order_by_alone_and_empty_query() -> None:
    assert query_json(parse("order by key")) == {"orderBy": {"fields": [{"field": {"name": "key", "encodedName": "key"}}]}}
    assert query_json(parse("")) == {}
    assert query_json(parse("   ")) == {}


def test_structure_matches_jira_parse_format() -> None:
    assert where('labels in ("Service requests", Incidents)') == {
        "field": {"name": "labels", "encodedName": "labels"},
        "operator": "in",
        "operand": {
            "values": [{"value": "Service requests", "encodedValue": '"Service requests"'},
                       {"value": "Incidents", "encodedValue": "Incidents"}],
            "encodedOperand": '("Service requests", Incidents)',
        },
    }
    assert where("status changed after startOfMonth(-1M)") == {
        "field": {"name": "status", "encodedName": "status"},
        "operator": "changed",
        "predicates": [{"operator": "after", "operand": {
            "function": "startOfMonth", "arguments": ["-1M"], "encodedOperand": "startOfMonth(-1M)"}}],
    }
    assert where('"Epic Link" is empty')["field"] == {"name": "Epic Link", "encodedName": '"Epic Link"'}
    assert where("assignee is empty")["operand"] == {"keyword": "empty"}
    assert where("not a = b")["operator"] == "not"


INVALID = [
    ("invalid query", f"Expecting operator but got 'query'. The valid operators are {OPS}. (line 1, character 9)"),
    ("project ENG", f"Expecting operator but got 'ENG'. The valid operators are {OPS}. (line 1, character 9)"),
    ('summary ~ "abc', "The quoted string 'abc' has not been completed. (line 1, character 11)"),
    ("summary ~ 'abc", "The quoted string 'abc' has not been completed. (line 1, character 11)"),
    ("project =", "Expecting either a value, list or function before the end of the query."),
    ("project = ", "Expecting either a value, list or function before the end of the query."),
    ("(project = ENG", "Expecting ')' before the end of the query."),
    ("project = ENG status = Done", "Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)"),
    ("project = ENG AND", "Expecting a field name before the end of the query."),
    ("project = ENG OR", "Expecting a field name before the end of the query."),
    ("NOT", "Expecting a field name before the end of the query."),
    ("project = )", "Expecting either a value, list or function but got ')'. (line 1, character 11)"),
    ("project = ENG ORDER created", "Expecting 'BY' but got 'created'. (line 1, character 21)"),
    ("project = ENG ORDER BY", "Expecting a field name before the end of the query."),
    ("project = ENG\nAND ) ", "Expecting a field name but got ')'. (line 2, character 5)"),
    ("status = order",
     "'order' is a reserved JQL word. You must surround it in quotation marks to use it in a query. "
     "(line 1, character 10)"),
    ("status = select",
     "'select' is a reserved JQL word. You must surround it in quotation marks to use it in a query. "
     "(line 1, character 10)"),
    ("status in (Open, and)",
     "'and' is a reserved JQL word. You must surround it in quotation marks to use it in a query. "
     "(line 1, character 18)"),
    ("a = b#", "The character '#' is a reserved JQL character. You must enclose it in a string or use the "
               "escape '\\u0023' instead. (line 1, character 6)"),
    ("reporter = bob@example.com", "The character '@' is a reserved JQL character. You must enclose it in a "
                                    "string or use the escape '\\u0040' instead. (line 1, character 15)"),
    ("a = {b}", "The character '{' is a reserved JQL character. You must enclose it in a string or use the "
                "escape '\\u007b' instead. (line 1, character 5)"),
    ('x ~ "a\\qb"', "The escape sequence '\\q' is not valid. (line 1, character 7)"),
    ("a = (b, c", "Expecting ')' before the end of the query."),
    ("a = f(x", "Expecting ')' before the end of the query."),
    ("a = b)", "Expecting either 'OR' or 'AND' but got ')'. (line 1, character 6)"),
    ("= b", "Expecting a field name but got '='. (line 1, character 1)"),
    ("a is b", "Expecting 'EMPTY' but got 'b'. (line 1, character 6)"),
]


@pytest.mark.parametrize(("text", "message"), INVALID)
def test_invalid_queries_fail_in_jiras_words(text: str, message: str) -> None:
    with pytest.raises(JqlSyntaxError) as error:
        parse(text)
    assert error.value.message == "Error in the JQL Query: " + message


@pytest.mark.parametrize("text", ["plain", "ABC-12", "-1w", "2024-01-31", "a.b:c_d"])
def test_plain_values_encode_bare(text: str) -> None:
    assert encode(text) == text


@pytest.mark.parametrize(("text", "encoded"), [
    ("two words", '"two words"'), ("order", '"order"'), ('say "hi"', '"say \\"hi\\""'), ("", '""'),
    ("a,b", '"a,b"'), ("x*", '"x*"'),
])
def test_values_that_need_quotes_are_quoted(text: str, encoded: str) -> None:
    assert encode(text) == encoded
    assert short(f"summary ~ {encoded}") == f"summary ~ {encoded}"
