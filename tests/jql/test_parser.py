"""JQL syntax: valid queries parse to the expected structure; invalid ones fail with Jira's words."""

from __future__ import annotations

import pytest

from ticketry.jql.errors import JqlSyntaxError
from ticketry.jql.lexer import VALID_ESCAPES
from ticketry.jql.parser import parse
from ticketry.jql.structure import clause_json, encode, operand_text, query_json
from ticketry.jql.words import KEYWORDS, RESERVED_WORDS

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



# Every operator form against every kind of field: the syntax does not depend on the field.
FIELDS = [
    ("project", "project"), ("summary", "summary"), ("votes", "votes"), ("created", "created"),
    ("due", "due"), ("assignee", "assignee"), ("labels", "labels"), ("fixVersion", "fixVersion"),
    ("cf[10010]", "cf[10010]"), ('"Epic Link"', "Epic Link"), ("originalEstimate", "originalEstimate"),
    ("workratio", "workratio"), ("lastViewed", "lastViewed"), ("issuekey", "issuekey"), ("'Story Points'", "Story Points"),
]
OPERATOR_FORMS = [
    ("= x", "= x"), ("!= x", "!= x"), ("~ x", "~ x"), ("!~ x", "!~ x"), ("< 5", "< 5"), ("> 5", "> 5"),
    ("<= -1d", "<= -1d"), (">= 2024-01-31", ">= 2024-01-31"), ("in (a, b)", "IN (a, b)"),
    ("not in (a, EMPTY)", "NOT IN (a, EMPTY)"), ("is EMPTY", "IS EMPTY"), ("is not null", "IS NOT NULL"),
    ("was x", "WAS x"), ("was in (x, y)", "WAS IN (x, y)"), ("was not x", "WAS NOT x"),
    ("was not in (x)", "WAS NOT IN (x)"), ("changed", "CHANGED"), ("= currentUser()", "= currentUser()"),
    ("in membersOf(devs)", "IN membersOf(devs)"),
]
MATRIX = [(f"{field} {form}", f"{name} {shown}") for field, name in FIELDS for form, shown in OPERATOR_FORMS]

PRECEDENCE = [
    ("a = 1 and b = 2", "(a = 1 AND b = 2)"),
    ("a = 1 AND b = 2 AND c = 3", "(a = 1 AND b = 2 AND c = 3)"),
    ("a = 1 or b = 2", "(a = 1 OR b = 2)"),
    ("a = 1 and b = 2 or c = 3", "((a = 1 AND b = 2) OR c = 3)"),
    ("a = 1 or b = 2 and c = 3", "(a = 1 OR (b = 2 AND c = 3))"),
    ("(a = 1 or b = 2) and c = 3", "((a = 1 OR b = 2) AND c = 3)"),
    ("a = 1 or (b = 2 or c = 3)", "(a = 1 OR (b = 2 OR c = 3))"),
    ("not a = 1 and b = 2", "(NOT a = 1 AND b = 2)"),
    ("not a = 1 or b = 2", "(NOT a = 1 OR b = 2)"),
    ("not (a = 1 and b = 2)", "NOT (a = 1 AND b = 2)"),
    ("a = 1 and not b = 2", "(a = 1 AND NOT b = 2)"),
    ("!a = 1", "NOT a = 1"),
    ("! a = 1 && !b = 2", "(NOT a = 1 AND NOT b = 2)"),
    ("a = 1 && b = 2", "(a = 1 AND b = 2)"),
    ("a = 1 & b = 2", "(a = 1 AND b = 2)"),
    ("a = 1 || b = 2", "(a = 1 OR b = 2)"),
    ("a = 1 | b = 2", "(a = 1 OR b = 2)"),
    ("a = 1 | b = 2 & c = 3", "(a = 1 OR (b = 2 AND c = 3))"),
    ("not not a = 1", "NOT NOT a = 1"),
    ("((a = 1))", "a = 1"),
    ("(((a = 1) and (b = 2)))", "(a = 1 AND b = 2)"),
    ("a=1\nAND\tb=2", "(a = 1 AND b = 2)"),
    ("a = 1 AnD b = 2 oR c = 3", "((a = 1 AND b = 2) OR c = 3)"),
    ("NOT (a = 1 OR b = 2) AND NOT c = 3", "(NOT (a = 1 OR b = 2) AND NOT c = 3)"),
    ("a = 1 and (b = 2 or c = 3) and d = 4", "(a = 1 AND (b = 2 OR c = 3) AND d = 4)"),
    ("a = 1 or b = 2 or c = 3 or d = 4", "(a = 1 OR b = 2 OR c = 3 OR d = 4)"),
    ("a = 1 and b = 2 or c = 3 and d = 4", "((a = 1 AND b = 2) OR (c = 3 AND d = 4))"),
    ("a=1 and b=2", "(a = 1 AND b = 2)"),
    ("a=1&&b=2||c=3", "((a = 1 AND b = 2) OR c = 3)"),
    ("not(a = 1)", "NOT a = 1"),
]

VALUES = [
    ("summary ~ test", "summary ~ test"),
    ("summary !~ 'test'", "summary !~ test"),
    ('summary ~ "abc*"', 'summary ~ "abc*"'),
    ('summary ~ "te?t"', 'summary ~ "te?t"'),
    ('summary ~ "\\"full phrase\\""', 'summary ~ "\\"full phrase\\""'),
    ('summary ~ "say \\"hi\\""', 'summary ~ "say \\"hi\\""'),
    ("summary ~ 'it\\'s'", "summary ~ \"it's\""),
    ("summary ~ \"it's\"", "summary ~ \"it's\""),
    ("summary ~ 'say \"hi\"'", 'summary ~ "say \\"hi\\""'),
    ('summary ~ "tab\\there"', 'summary ~ "tab\\there"'),
    ('summary ~ "line\\nbreak"', 'summary ~ "line\\nbreak"'),
    ('summary ~ "back\\\\slash"', 'summary ~ "back\\\\slash"'),
    ('summary ~ "\\u0041BC"', "summary ~ ABC"),
    ('summary ~ "\\u00e9t\\u00E9"', "summary ~ été"),
    ("summary ~ \\u0041BC", "summary ~ ABC"),
    ("summary ~ two\\ words", 'summary ~ "two words"'),
    ('summary ~ "a\\ b"', 'summary ~ "a b"'),
    ('summary ~ "{curly}"', 'summary ~ "{curly}"'),
    ('summary ~ "50%"', 'summary ~ "50%"'),
    ('summary ~ "a#b@c$d^e;f/g"', 'summary ~ "a#b@c$d^e;f/g"'),
    ('summary ~ "[bracketed]"', 'summary ~ "[bracketed]"'),
    ("summary ~ ''", 'summary ~ ""'),
    ('summary ~ "order"', 'summary ~ "order"'),
    ('summary ~ "select"', 'summary ~ "select"'),
    ("summary ~ 'and'", 'summary ~ "and"'),
    ("summary ~ ünïcödé", "summary ~ ünïcödé"),
    ("summary ~ 日本語", "summary ~ 日本語"),
    ("component = comp_1.2:x", "component = comp_1.2:x"),
    ('reporter = "user@example.com"', 'reporter = "user@example.com"'),
    ("reporter = user\\u0040example.com", 'reporter = "user@example.com"'),
    ("key = ABC-12", "key = ABC-12"),
    ("created >= 2024-01-31", "created >= 2024-01-31"),
    ('created >= "2024/01/31 10:15"', 'created >= "2024/01/31 10:15"'),
    ("created > -1w", "created > -1w"),
    ('created > "-4w 2d"', 'created > "-4w 2d"'),
    ("due < +3d", "due < +3d"),
    ("votes > 9223372036854775807", "votes > 9223372036854775807"),
    ("votes > -9223372036854775808", "votes > -9223372036854775808"),
    ("votes = 0", "votes = 0"),
    ("votes = 007", "votes = 007"),
    ("fixVersion = 1.0", "fixVersion = 1.0"),
    ("fixVersion = '1.0 beta'", 'fixVersion = "1.0 beta"'),
    ("labels in (a, b, c)", "labels IN (a, b, c)"),
    ("labels IN(a,b)", "labels IN (a, b)"),
    ("labels not in (a, b)", "labels NOT IN (a, b)"),
    ("labels in (\"with space\", 'single')", 'labels IN ("with space", single)'),
    ("labels in (a)", "labels IN (a)"),
    ("labels in ((a, b), c)", "labels IN ((a, b), c)"),
    ("labels in (a, currentUser(), EMPTY)", "labels IN (a, currentUser(), EMPTY)"),
    ("assignee is empty", "assignee IS EMPTY"),
    ("assignee IS NULL", "assignee IS NULL"),
    ("assignee is not EMPTY", "assignee IS NOT EMPTY"),
    ("assignee = EMPTY", "assignee = EMPTY"),
    ("assignee = null", "assignee = NULL"),
    ("assignee in (EMPTY, bob)", "assignee IN (EMPTY, bob)"),
    ("assignee = 'empty'", 'assignee = "empty"'),
    ("project = \"my project\"", 'project = "my project"'),
    ("project = 10000", "project = 10000"),
    ("project=ENG", "project = ENG"),
    ("PROJECT = ENG", "PROJECT = ENG"),
    ("  project   =   ENG  ", "project = ENG"),
    ("\tproject\n=\r\nENG\n", "project = ENG"),
]

FUNCTIONS = [
    ("assignee = currentUser()", "assignee = currentUser()"),
    ("assignee = currentuser()", "assignee = currentuser()"),
    ("assignee = currentUser( )", "assignee = currentUser()"),
    ("assignee = currentUser ()", "assignee = currentUser()"),
    ('assignee in membersOf("jira-software-users")', "assignee IN membersOf(jira-software-users)"),
    ("assignee in membersOf('group with spaces')", 'assignee IN membersOf("group with spaces")'),
    ("created > startOfDay(-1d)", "created > startOfDay(-1d)"),
    ("created > startOfWeek(+1)", "created > startOfWeek(+1)"),
    ("created > endOfMonth(+2M)", "created > endOfMonth(+2M)"),
    ("created < endOfYear(-1y)", "created < endOfYear(-1y)"),
    ("created > now()", "created > now()"),
    ("issue in linkedIssues(ABC-1, \"blocks\")", "issue IN linkedIssues(ABC-1, blocks)"),
    ('issue in linkedIssues(ABC-1, "is blocked by")', 'issue IN linkedIssues(ABC-1, "is blocked by")'),
    ("issue in issueHistory()", "issue IN issueHistory()"),
    ("issue in watchedIssues()", "issue IN watchedIssues()"),
    ("issue in votedIssues()", "issue IN votedIssues()"),
    ("issue in updatedBy(bob, -1w, now)", "issue IN updatedBy(bob, -1w, now)"),
    ("issue in issuesWithRemoteLinksByGlobalId(a, b, c)", "issue IN issuesWithRemoteLinksByGlobalId(a, b, c)"),
    ("fixVersion in releasedVersions()", "fixVersion IN releasedVersions()"),
    ("fixVersion in unreleasedVersions(ENG)", "fixVersion IN unreleasedVersions(ENG)"),
    ("fixVersion = latestReleasedVersion(ENG)", "fixVersion = latestReleasedVersion(ENG)"),
    ("project in projectsLeadByUser()", "project IN projectsLeadByUser()"),
    ("project in projectsWhereUserHasRole(Developers)", "project IN projectsWhereUserHasRole(Developers)"),
    ("project in projectsWhereUserHasPermission(\"Browse Projects\")",
     'project IN projectsWhereUserHasPermission("Browse Projects")'),
    ("component in componentsLeadByUser(bob)", "component IN componentsLeadByUser(bob)"),
    ("type in standardIssueTypes()", "type IN standardIssueTypes()"),
    ("type in subtaskIssueTypes()", "type IN subtaskIssueTypes()"),
    ("cf[10010] in cascadeOption(Parent, Child)", "cf[10010] IN cascadeOption(Parent, Child)"),
    ("cf[10010] in cascadeOption(Parent, none)", "cf[10010] IN cascadeOption(Parent, none)"),
    ('a = "quoted name"()', 'a = "quoted name"()'),
    ("a = f(\"\")", 'a = f("")'),
    ("a = f(1, 2, 3, 4, 5)", "a = f(1, 2, 3, 4, 5)"),
    ("a = f(-1w)", "a = f(-1w)"),
    ("a = f(ABC-1)", "a = f(ABC-1)"),
    ("a = f('x,y')", 'a = f("x,y")'),
]

HISTORY = [
    ("status was Open", "status WAS Open"),
    ("status was not Open", "status WAS NOT Open"),
    ("status was in (Open, Closed)", "status WAS IN (Open, Closed)"),
    ("status was not in (Open, Closed)", "status WAS NOT IN (Open, Closed)"),
    ("status was Open by bob", "status WAS Open BY bob"),
    ("status was Open by (bob, alice)", "status WAS Open BY (bob, alice)"),
    ('status was Open after "2024/01/01" before "2024/02/01"',
     'status WAS Open AFTER "2024/01/01" BEFORE "2024/02/01"'),
    ("status was Open on 2024-01-01", "status WAS Open ON 2024-01-01"),
    ('status was Open during ("2024/01/01", now())', 'status WAS Open DURING ("2024/01/01", now())'),
    ("status was EMPTY", "status WAS EMPTY"),
    ("assignee was currentUser()", "assignee WAS currentUser()"),
    ("status was Open before now() after -1w by bob", "status WAS Open BEFORE now() AFTER -1w BY bob"),
    ("status changed", "status CHANGED"),
    ("status changed from Open to Done", "status CHANGED FROM Open TO Done"),
    ("status changed to Done from Open", "status CHANGED TO Done FROM Open"),
    ("status CHANGED FROM Open TO Done BY bob AFTER -5d", "status CHANGED FROM Open TO Done BY bob AFTER -5d"),
    ("assignee changed by currentUser() during (startOfWeek(), now())",
     "assignee CHANGED BY currentUser() DURING (startOfWeek(), now())"),
    ("status changed on 2024-01-01", "status CHANGED ON 2024-01-01"),
    ("status changed from (Open, Reopened)", "status CHANGED FROM (Open, Reopened)"),
    ("assignee changed from EMPTY", "assignee CHANGED FROM EMPTY"),
    ("status changed before startOfMonth() and status = Done", "(status CHANGED BEFORE startOfMonth() AND status = Done)"),
    # Predicates parse after any operator and CHANGED parses a value, as in Jira; validation refuses them later.
    ("status = Open by admin", "status = Open BY admin"),
    ("assignee is empty after -1d", "assignee IS EMPTY AFTER -1d"),
    ("status in (Open) during (a, b)", "status IN (Open) DURING (a, b)"),
    ("status changed during 11", "status CHANGED DURING 11"),
]

CUSTOM_FIELDS = [
    ("cf[10010] = 5", "cf[10010] = 5"),
    ("CF[10010] in (1, 2)", "cf[10010] IN (1, 2)"),
    ("Cf[10010] is EMPTY", "cf[10010] IS EMPTY"),
    ("cf[ 10010 ] = 5", "cf[10010] = 5"),
    ("cf [10010] = 5", "cf[10010] = 5"),
    ("cf[10010]=5", "cf[10010] = 5"),
    ("cf[010010] = 5", "cf[10010] = 5"),
    ("cf[9223372036854775807] = 5", "cf[9223372036854775807] = 5"),
    ("cf[10010] ~ text and cf[10011] > 3", "(cf[10010] ~ text AND cf[10011] > 3)"),
    ('"Epic Link" = ABC-1', "Epic Link = ABC-1"),
    ("'Story Points' > 3", "Story Points > 3"),
    ('"Story\\"s Points" > 3', 'Story"s Points > 3'),
    ("Story\\ Points > 3", "Story Points > 3"),
    ('"cf[10010]" = 5', "cf[10010] = 5"),
]


@pytest.mark.parametrize(("text", "expected"), MATRIX + PRECEDENCE + VALUES + FUNCTIONS + HISTORY + CUSTOM_FIELDS)
def test_valid_queries_parse(text: str, expected: str) -> None:
    assert short(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("order by key", [("key", None)]),
    ("ORDER BY key ASC", [("key", "asc")]),
    ("order by key desc", [("key", "desc")]),
    ("project = A ORDER BY priority DESC, created asc, key", [("priority", "desc"), ("created", "asc"), ("key", None)]),
    ("order by cf[10010] desc", [("cf[10010]", "desc")]),
    ('order by "Story Points"', [("Story Points", None)]),
    ("order by a, b, c, d", [("a", None), ("b", None), ("c", None), ("d", None)]),
    ("order   by\nkey", [("key", None)]),
    ("(a = 1 or b = 2) order by key", [("key", None)]),
    ("a = 1 ORDER BY originalEstimate, workratio DESC, lastViewed", [("originalEstimate", None),
                                                                    ("workratio", "desc"), ("lastViewed", None)]),
])
def test_order_by_forms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(k.field.name, k.direction) for k in parse(text).order_by] == expected


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
    assert query_json(parse("\n\t")) == {}


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
    assert where("cf[10010] = 1")["field"] == {"name": "cf[10010]", "encodedName": "cf[10010]"}


# Jira's reserved words: quoted they are ordinary values; bare they are refused where they stand.
RESERVED_NOT_KEYWORDS = sorted(RESERVED_WORDS - set(KEYWORDS) - {"cf"})


@pytest.mark.parametrize("word", RESERVED_NOT_KEYWORDS)
def test_reserved_words_must_be_quoted(word: str) -> None:
    with pytest.raises(JqlSyntaxError) as error:
        parse(f"summary ~ {word}")
    assert error.value.message == (f"Error in the JQL Query: '{word}' is a reserved JQL word. You must surround it in "
                                   "quotation marks to use it in a query. (line 1, character 11)")
    assert short(f'summary ~ "{word}"') == f'summary ~ "{word}"'


def test_jiras_reserved_word_list() -> None:
    # JqlStringSupportImpl.RESERVED_WORDS of Jira Server, as its own unit test lists it.
    assert len(RESERVED_WORDS) == 179
    assert {"resource", "was", "changed", "cf", "empty", "null", "order", "select", "user"} <= RESERVED_WORDS
    assert not {"resume", "during", "jql", "issue"} & RESERVED_WORDS


INVALID = [
    # Jira's own parser error tests (TestJqlParsing), unfinished strings.
    ("comment ~ 'test", "The quoted string 'test' has not been completed. (line 1, character 11)"),
    ("comment ~ 'test\n", "The quoted string 'test ' has not been completed. (line 1, character 11)"),
    ('priority="test\nword', "The quoted string 'test word' has not been completed. (line 1, character 10)"),
    ("comment ~ '", "The quoted string has not been completed. (line 1, character 11)"),
    ('summary ~ "abc', "The quoted string 'abc' has not been completed. (line 1, character 11)"),
    ("summary ~ 'abc", "The quoted string 'abc' has not been completed. (line 1, character 11)"),
    ("summary ~ \"it's", "The quoted string 'it's' has not been completed. (line 1, character 11)"),
    ('summary ~ "a\\"', "The quoted string 'a\\\"' has not been completed. (line 1, character 11)"),
    ('"Epic Link = x', "The quoted string 'Epic Link = x' has not been completed. (line 1, character 1)"),
    ('a = b and\n  c ~ "x', "The quoted string 'x' has not been completed. (line 2, character 7)"),
    # Escapes.
    ("comme\\unt ~ 'test", f"'\\un' is an illegal JQL escape sequence. {VALID_ESCAPES} (line 1, character 6)"),
    ("status =\n\n\n\n\n\n \\c", f"'\\c' is an illegal JQL escape sequence. {VALID_ESCAPES} (line 7, character 2)"),
    ("status =\n\n\n\n \\csss", f"'\\c' is an illegal JQL escape sequence. {VALID_ESCAPES} (line 5, character 2)"),
    ("status =\n\n\n\n\\", f"The escape sequence has not been completed. {VALID_ESCAPES} (line 5, character 1)"),
    ("status =\n\n\n\n\\u", f"'\\u' is an illegal JQL escape sequence. {VALID_ESCAPES} (line 5, character 1)"),
    ("status =\n\n\n\n'\\u'", f"'\\u'' is an illegal JQL escape sequence. {VALID_ESCAPES} (line 5, character 2)"),
    ('x ~ "a\\qb"', f"'\\q' is an illegal JQL escape sequence. {VALID_ESCAPES} (line 1, character 7)"),
    ('x ~ "\\u00g1"', f"'\\u00g' is an illegal JQL escape sequence. {VALID_ESCAPES} (line 1, character 6)"),
    ('x ~ "\\u12"', f"'\\u12\"' is an illegal JQL escape sequence. {VALID_ESCAPES} (line 1, character 6)"),
    ("x ~ a\\bc", f"'\\b' is an illegal JQL escape sequence. {VALID_ESCAPES} (line 1, character 6)"),
    # Reserved and illegal characters.
    ("mine{www = qwwr", "The character '{' is a reserved JQL character. You must enclose it in a string or use the "
                        "escape '\\u007b' instead. (line 1, character 5)"),
    ("minewww# = qwwr", "The character '#' is a reserved JQL character. You must enclose it in a string or use the "
                        "escape '\\u0023' instead. (line 1, character 8)"),
    ("minewww = qwwr}", "The character '}' is a reserved JQL character. You must enclose it in a string or use the "
                        "escape '\\u007d' instead. (line 1, character 15)"),
    ("minewww =\u007fqwwr", "The character 'U+007F' on line 1 at position 10 must be escaped. Use the escape "
                            "'\\u007f' instead. (line 1, character 10)"),
    ("mqwwr\u007f", "The character 'U+007F' on line 1 at position 6 must be escaped. Use the escape '\\u007f' "
                    "instead. (line 1, character 6)"),
    ('mqwwr="\u007f this is broken"', "The character 'U+007F' on line 1 at position 8 must be escaped. Use the "
                                      "escape '\\u007f' instead. (line 1, character 8)"),
    ("a = b\u0000", "The character 'U+0000' on line 1 at position 6 must be escaped. Use the escape '\\u0000' "
                    "instead. (line 1, character 6)"),
    ('a ~ "x\ty"', "The character 'U+0009' on line 1 at position 7 must be escaped. Use the escape '\\u0009' "
                   "instead. (line 1, character 7)"),
    ("a = b#", "The character '#' is a reserved JQL character. You must enclose it in a string or use the "
               "escape '\\u0023' instead. (line 1, character 6)"),
    ("reporter = bob@example.com", "The character '@' is a reserved JQL character. You must enclose it in a "
                                   "string or use the escape '\\u0040' instead. (line 1, character 15)"),
    ("a = {b}", "The character '{' is a reserved JQL character. You must enclose it in a string or use the "
                "escape '\\u007b' instead. (line 1, character 5)"),
    ("summary ~ abc*", "The character '*' is a reserved JQL character. You must enclose it in a string or use the "
                       "escape '\\u002a' instead. (line 1, character 14)"),
    ("summary ~ 50%", "The character '%' is a reserved JQL character. You must enclose it in a string or use the "
                      "escape '\\u0025' instead. (line 1, character 13)"),
    ("a = b; drop", "The character ';' is a reserved JQL character. You must enclose it in a string or use the "
                    "escape '\\u003b' instead. (line 1, character 6)"),
    ("a = x/y", "The character '/' is a reserved JQL character. You must enclose it in a string or use the "
                "escape '\\u002f' instead. (line 1, character 6)"),
    ("a = te?t", "The character '?' is a reserved JQL character. You must enclose it in a string or use the "
                 "escape '\\u003f' instead. (line 1, character 7)"),
    ("a = $x", "The character '$' is a reserved JQL character. You must enclose it in a string or use the "
               "escape '\\u0024' instead. (line 1, character 5)"),
    ("a = x^2", "The character '^' is a reserved JQL character. You must enclose it in a string or use the "
                "escape '\\u005e' instead. (line 1, character 6)"),
    # Numbers out of range.
    ("aaaaa=-3482094382084092840932809482", "'-3482094382084092840932809482' is not a valid number. Numbers must "
                                            "be between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807. "
                                            "(line 1, character 7)"),
    ("cf[1002020202002020202020202020020202822]=a", "'1002020202002020202020202020020202822' is not a valid "
                                                    "number. Numbers must be between -9,223,372,036,854,775,808 and "
                                                    "9,223,372,036,854,775,807. (line 1, character 4)"),
    ("votes > 9223372036854775808", "'9223372036854775808' is not a valid number. Numbers must be between "
                                    "-9,223,372,036,854,775,808 and 9,223,372,036,854,775,807. (line 1, character 9)"),
    # Sorting.
    ("a =b order", "Expecting 'by' before the end of the query."),
    ("a =b order summary", "Expecting 'by' but got 'summary'. (line 1, character 12)"),
    ("project = ENG ORDER created", "Expecting 'by' but got 'created'. (line 1, character 21)"),
    ("a =b order by", "Expecting a field name at the end of the query."),
    ("project = ENG ORDER BY", "Expecting a field name at the end of the query."),
    ("a =b order by asc", "Expecting a field name but got 'asc'. You must surround 'asc' in quotation marks to use "
                          "it as a field name. (line 1, character 15)"),
    ("a =b order by ajsks blah", "Expecting either 'ASC' or 'DESC' but got 'blah'. (line 1, character 21)"),
    ("order by a desc d", "Expecting ',' but got 'd'. (line 1, character 17)"),
    ('comment !~ "brenden" and cf[1000] = jill order by a desc b', "Expecting ',' but got 'b'. "
                                                                   "(line 1, character 58)"),
    ("order by a,", "Expecting a field name at the end of the query."),
    ("order by a, , b", "Expecting a field name but got ','. You must surround ',' in quotation marks to use it as "
                        "a field name. (line 1, character 13)"),
    ("order by key asc desc", "Expecting ',' but got 'desc'. (line 1, character 18)"),
    ("order by key and", "Expecting either 'ASC' or 'DESC' but got 'and'. (line 1, character 14)"),
    ("order by key order by key", "Expecting either 'ASC' or 'DESC' but got 'order'. (line 1, character 14)"),
    ("order by select", "'select' is a reserved JQL word. You must surround it in quotation marks to use it in a "
                        "query. (line 1, character 10)"),
    ("order key", "Expecting 'by' but got 'key'. (line 1, character 7)"),
    # Empty field and function names.
    ('a =b order by "" desc', "A field name cannot be empty. (line 1, character 15)"),
    ("'' = c", "A field name cannot be empty. (line 1, character 1)"),
    ("summary ~ bad and \n\\  ~ cool", "A field name cannot be empty. (line 2, character 1)"),
    ('"   " = c', "A field name cannot be empty. (line 1, character 1)"),
    ("a = ''()", "A function name cannot be empty. (line 1, character 5)"),
    ('a = ""()', "A function name cannot be empty. (line 1, character 5)"),
    # Operators.
    ("a", f"Expecting operator before the end of the query. The valid operators are {OPS}."),
    ("a blah >", f"Expecting operator but got 'blah'. The valid operators are {OPS}. (line 1, character 3)"),
    ("invalid query", f"Expecting operator but got 'query'. The valid operators are {OPS}. (line 1, character 9)"),
    ("project ENG", f"Expecting operator but got 'ENG'. The valid operators are {OPS}. (line 1, character 9)"),
    ("a == b", "Expecting either a value, list or function but got '='. You must surround '=' in quotation marks to "
               "use it as a value. (line 1, character 4)"),
    ("a =! b", "Expecting either a value, list or function but got '!'. You must surround '!' in quotation marks "
               "to use it as a value. (line 1, character 4)"),
    ("a => b", "Expecting either a value, list or function but got '>'. You must surround '>' in quotation marks "
               "to use it as a value. (line 1, character 4)"),
    ("a <> b", "Expecting either a value, list or function but got '>'. You must surround '>' in quotation marks "
               "to use it as a value. (line 1, character 4)"),
    ("a and b", f"Expecting operator but got 'and'. The valid operators are {OPS}. (line 1, character 3)"),
    ("a (b)", f"Expecting operator but got '('. The valid operators are {OPS}. (line 1, character 3)"),
    ("a =a and j not is empty", "Expecting 'IN' but got 'is'. (line 1, character 16)"),
    ("a =a and j is ! empty", "Expecting 'NOT' but got '!'. (line 1, character 15)"),
    ("a not", "Expecting 'IN' before the end of the query."),
    ("a not = b", "Expecting 'IN' but got '='. (line 1, character 7)"),
    ("a ! in (b)", f"Expecting operator but got '!'. The valid operators are {OPS}. (line 1, character 3)"),
    ("a is", "Expecting 'EMPTY' before the end of the query."),
    ("a is b", "Expecting 'EMPTY' but got 'b'. (line 1, character 6)"),
    ("a is not", "Expecting 'EMPTY' before the end of the query."),
    ("a is not b", "Expecting 'EMPTY' but got 'b'. (line 1, character 10)"),
    ("a is (EMPTY)", "Expecting 'EMPTY' but got '('. (line 1, character 6)"),
    # Custom field ids.
    ("cf", "Expecting '[' before the end of the query."),
    ("a = b and not (cf = 6)", "Expecting '[' but got '='. (line 1, character 19)"),
    ("cf[", "Expecting a custom field id (a positive number) before the end of the query."),
    ("cf[ = 9", "Expecting a custom field id (a positive number) but got '='. (line 1, character 5)"),
    ("cf[] = 1", "Expecting a custom field id (a positive number) but got ']'. (line 1, character 4)"),
    ("cf[29829k] = ", "Expecting a custom field id (a positive number) but got '29829k'. (line 1, character 4)"),
    ("cf[-29829] = ", "Expecting a custom field id (a positive number) but got '-29829'. (line 1, character 4)"),
    ("cf[29829 = world", "Expecting ']' but got '='. (line 1, character 10)"),
    ("cf[29829", "Expecting ']' before the end of the query."),
    ("cf[abc] = 1", "Expecting a custom field id (a positive number) but got 'abc'. (line 1, character 4)"),
    ("cf(10010) = 1", "Expecting '[' but got '('. (line 1, character 3)"),
    ("[brenden] = a", "Expecting a field name but got '['. Did you mean 'cf['? (line 1, character 1)"),
    ("a = brenden and [78] = q", "Expecting a field name but got '['. Did you mean 'cf['? (line 1, character 17)"),
    ("a = [b]", "Expecting either a value, list or function but got '['. You must surround '[' in quotation marks "
                "to use it as a value. (line 1, character 5)"),
    ("a = b]", "Expecting either 'OR' or 'AND' but got ']'. (line 1, character 6)"),
    # Functions.
    ("a = func(", "Expecting ')' before the end of the query."),
    ("a = func(, and not (a = x)", "Expecting ')' but got ','. (line 1, character 10)"),
    ("b=func(bad", "Expecting ')' before the end of the query."),
    ("bas=func(bad,)", "Function argument must be specified. (line 1, character 14)"),
    ("bas=func(bad,", "Expecting a function argument at the end of the query."),
    ("k = func(!", "Expecting a function argument but got '!'. You must surround '!' in quotation marks to use it "
                   "as an argument. (line 1, character 10)"),
    ("k = func(abc, jk!)", "Expecting ')' or ',' but got '!'. (line 1, character 17)"),
    ("a = f(x y)", "Expecting ')' or ',' but got 'y'. (line 1, character 9)"),
    ("a = f((x))", "Expecting a function argument but got '('. You must surround '(' in quotation marks to use it "
                   "as an argument. (line 1, character 7)"),
    ("a = f(x, (y))", "Expecting a function argument but got '('. You must surround '(' in quotation marks to use "
                      "it as an argument. (line 1, character 10)"),
    ("a = f(empty)", "Expecting a function argument but got 'empty'. You must surround 'empty' in quotation marks "
                     "to use it as an argument. (line 1, character 7)"),
    ("a = f(select)", "'select' is a reserved JQL word. You must surround it in quotation marks to use it in a "
                      "query. (line 1, character 7)"),
    ("a = f(x) (y)", "Expecting either 'OR' or 'AND' but got '('. (line 1, character 10)"),
    # Brackets.
    ("(a=b and c = d", "Expecting ')' before the end of the query."),
    ("(project = ENG", "Expecting ')' before the end of the query."),
    ("a=b or (c=d and not l ~ kate", "Expecting ')' before the end of the query."),
    ("b in ((12, (288)", "Expecting ')' before the end of the query."),
    ("abc IN ((foo) abc = a", "Expecting ')' but got 'abc'. (line 1, character 15)"),
    ("a = (b, c", "Expecting ')' before the end of the query."),
    ("a = (b c)", "Expecting ')' but got 'c'. (line 1, character 8)"),
    ("a = b)", "Expecting either 'OR' or 'AND' but got ')'. (line 1, character 6)"),
    ("((a = b)", "Expecting ')' before the end of the query."),
    ("()", "Expecting a field name but got ')'. You must surround ')' in quotation marks to use it as a field "
           "name. (line 1, character 2)"),
    ("a in ()", "Expecting either a value, list or function but got ')'. You must surround ')' in quotation marks "
                "to use it as a value. (line 1, character 7)"),
    # Operands.
    ("a=", "Expecting either a value, list or function before the end of the query."),
    ("project = ", "Expecting either a value, list or function before the end of the query."),
    ("a=!", "Expecting either a value, list or function but got '!'. You must surround '!' in quotation marks to "
            "use it as a value. (line 1, character 3)"),
    ("project = )", "Expecting either a value, list or function but got ')'. You must surround ')' in quotation "
                    "marks to use it as a value. (line 1, character 11)"),
    ("a=b c=d", "Expecting either 'OR' or 'AND' but got 'c'. (line 1, character 5)"),
    ("a=b !c=d", "Expecting either 'OR' or 'AND' but got '!'. (line 1, character 5)"),
    ("project = ENG status = Done", "Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)"),
    ("a=(a,", "Expecting either a value, list or function before the end of the query."),
    ("a=(a,(,bad))", "Expecting either a value, list or function but got ','. You must surround ',' in quotation "
                     "marks to use it as a value. (line 1, character 7)"),
    ("a = ((c,d), d, e, f, yyy) and", "Expecting a field name at the end of the query."),
    ('comment !~ "brenden" and', "Expecting a field name at the end of the query."),
    ('comment !~ "brenden" jack = jill', "Expecting either 'OR' or 'AND' but got 'jack'. (line 1, character 22)"),
    (", a = b", "Expecting a field name but got ','. You must surround ',' in quotation marks to use it as a field "
                "name. (line 1, character 1)"),
    ("= b", "Expecting a field name but got '='. You must surround '=' in quotation marks to use it as a field "
            "name. (line 1, character 1)"),
    ("project = ENG AND", "Expecting a field name at the end of the query."),
    ("project = ENG OR", "Expecting a field name at the end of the query."),
    ("NOT", "Expecting a field name at the end of the query."),
    ("!", "Expecting a field name at the end of the query."),
    ("project = ENG\nAND ) ", "Expecting a field name but got ')'. You must surround ')' in quotation marks to use "
                              "it as a field name. (line 2, character 5)"),
    ("and = b", "Expecting a field name but got 'and'. You must surround 'and' in quotation marks to use it as a "
                "field name. (line 1, character 1)"),
    ("select = b", "'select' is a reserved JQL word. You must surround it in quotation marks to use it in a "
                   "query. (line 1, character 1)"),
    # Keywords where a value belongs are not values (Jira: "got 'In'" for an unquoted "In Progress").
    ("status = In Progress", "Expecting either a value, list or function but got 'In'. You must surround 'In' in "
                             "quotation marks to use it as a value. (line 1, character 10)"),
    ("project = IN", "Expecting either a value, list or function but got 'IN'. You must surround 'IN' in quotation "
                     "marks to use it as a value. (line 1, character 11)"),
    ("status = order", "Expecting either a value, list or function but got 'order'. You must surround 'order' in "
                       "quotation marks to use it as a value. (line 1, character 10)"),
    ("status in (Open, and)", "Expecting either a value, list or function but got 'and'. You must surround 'and' "
                              "in quotation marks to use it as a value. (line 1, character 18)"),
    ("status = was", "Expecting either a value, list or function but got 'was'. You must surround 'was' in "
                     "quotation marks to use it as a value. (line 1, character 10)"),
    ("a = b and c = by", "Expecting either a value, list or function but got 'by'. You must surround 'by' in "
                         "quotation marks to use it as a value. (line 1, character 15)"),
    ("status = select", "'select' is a reserved JQL word. You must surround it in quotation marks to use it in a "
                        "query. (line 1, character 10)"),
    ("status in (Open, user)", "'user' is a reserved JQL word. You must surround it in quotation marks to use it "
                               "in a query. (line 1, character 18)"),
    # History searches.
    ("a was", "Expecting either a value, list or function before the end of the query."),
    ('a not was "Open"', "Expecting 'IN' but got 'was'. (line 1, character 7)"),
    ("status was in", "Expecting either a value, list or function before the end of the query."),
    ("status was not", "Expecting either a value, list or function before the end of the query."),
    ("status was Open by", "Expecting either a value, list or function before the end of the query."),
    ("status was Open after", "Expecting either a value, list or function before the end of the query."),
    ("status changed from", "Expecting either a value, list or function before the end of the query."),
    ("status changed to and", "Expecting either a value, list or function but got 'and'. You must surround 'and' "
                              "in quotation marks to use it as a value. (line 1, character 19)"),
    ("status was Open during", "Expecting either a value, list or function before the end of the query."),
    ("status was Open during (a b)", "Expecting ')' but got 'b'. (line 1, character 27)"),
    ("status was Open during (a, b", "Expecting ')' before the end of the query."),
    ("status changed from", "Expecting either a value, list or function before the end of the query."),
]


@pytest.mark.parametrize(("text", "message"), INVALID)
def test_invalid_queries_fail_in_jiras_words(text: str, message: str) -> None:
    with pytest.raises(JqlSyntaxError) as error:
        parse(text)
    assert error.value.message == "Error in the JQL Query: " + message


def test_overlong_query_is_refused() -> None:
    with pytest.raises(JqlSyntaxError) as error:
        parse("a = b or " * 12_000 + "a = b")
    assert error.value.message == "Error in the JQL Query: The query is too long: at most 100000 characters."


@pytest.mark.parametrize("text", ["plain", "ABC-12", "-1w", "2024-01-31", "a.b:c_d", "ünï", "10000"])
def test_plain_values_encode_bare(text: str) -> None:
    assert encode(text) == text


@pytest.mark.parametrize(("text", "encoded"), [
    ("two words", '"two words"'), ("order", '"order"'), ('say "hi"', '"say \\"hi\\""'), ("", '""'),
    ("a,b", '"a,b"'), ("x*", '"x*"'), ("select", '"select"'), ("EMPTY", '"EMPTY"'), ("a=b", '"a=b"'),
    ("(x)", '"(x)"'), ("back\\slash", '"back\\\\slash"'), ("tab\there", '"tab\\there"'), ("[x]", '"[x]"'),
    ("cf", '"cf"'), ("changed", '"changed"'), ("99999999999999999999", '"99999999999999999999"'),
    ("bell\u0007", '"bell\\u0007"'), ("non\u00a0breaking", '"non\u00a0breaking"'),
])
def test_values_that_need_quotes_are_quoted(text: str, encoded: str) -> None:
    assert encode(text) == encoded
    assert short(f"summary ~ {encoded}") == f"summary ~ {encoded}"
