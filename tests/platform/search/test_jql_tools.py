"""JQL tools: /jql/parse, /jql/autocompletedata (+ suggestions) and /issue/picker."""

from __future__ import annotations

import httpx

from tests.platform.search.conftest import API, Corpus

OPS = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'"


def test_parse_returns_structures_errors_and_warnings(admin: httpx.Client) -> None:
    queries = ["summary ~ test ORDER BY updated DESC", "invalid query", "summary = test", "universe = 42",
               "project = NOSUCHPROJ"]
    response = admin.post(f"{API}/jql/parse", json={"queries": queries})
    assert response.status_code == 200
    results = response.json()["queries"]
    assert results[0] == {"query": queries[0], "structure": {
        "where": {"field": {"name": "summary", "encodedName": "summary"}, "operator": "~",
                  "operand": {"value": "test", "encodedValue": "test"}},
        "orderBy": {"fields": [{"field": {"name": "updated", "encodedName": "updated"}, "direction": "desc"}]}}}
    assert results[1] == {"query": "invalid query", "errors": [
        f"Error in the JQL Query: Expecting operator but got 'query'. The valid operators are {OPS}. "
        "(line 1, character 9)"]}
    assert results[2] == {"query": "summary = test",
                          "errors": ["The operator '=' is not supported by the 'summary' field."]}
    assert results[3] == {"query": "universe = 42",
                          "errors": ["Field 'universe' does not exist or you do not have permission to view it."]}
    assert results[4]["warnings"] == ["The value 'NOSUCHPROJ' does not exist for the field 'project'."]
    assert "structure" in results[4]


def test_parse_validation_modes(admin: httpx.Client) -> None:
    warn = admin.post(f"{API}/jql/parse", params={"validation": "warn"}, json={"queries": ["summary = x"]})
    assert warn.json()["queries"][0]["errors"] and "structure" in warn.json()["queries"][0]
    none = admin.post(f"{API}/jql/parse", params={"validation": "none"}, json={"queries": ["summary = x", "a ="]})
    first, second = none.json()["queries"]
    assert "errors" not in first and first["structure"]["where"]["operator"] == "="
    assert second["errors"][0].startswith("Error in the JQL Query: Expecting either a value")
    bad = admin.post(f"{API}/jql/parse", params={"validation": "sometimes"}, json={"queries": []})
    assert bad.status_code == 400 and "validation" in bad.json()["errors"]
    missing = admin.post(f"{API}/jql/parse", json={"jql": "x"})
    assert missing.status_code == 400


def test_autocomplete_data_lists_fields_functions_and_reserved_words(admin: httpx.Client) -> None:
    body = admin.get(f"{API}/jql/autocompletedata").json()
    fields = {f["value"]: f for f in body["visibleFieldNames"]}
    assert fields["assignee"]["operators"] == ["=", "!=", "in", "not in", "is", "is not", "was", "was in",
                                               "was not", "was not in", "changed"]
    assert fields["summary"]["operators"] == ["~", "!~", "is", "is not"]
    assert fields["priority"]["orderable"] == "true" and fields["text"]["orderable"] == "false"
    assert "currentUser()" in [f["value"] for f in body["visibleFunctionNames"]]
    assert {"order", "empty", "select"} <= set(body["jqlReservedWords"])


def test_suggestions_highlight_what_was_typed(admin: httpx.Client, corpus: Corpus) -> None:
    results = admin.get(f"{API}/jql/autocompletedata/suggestions",
                        params={"fieldName": "project", "fieldValue": corpus.key[:3]}).json()["results"]
    mine = next(r for r in results if r["value"] == f"Search {corpus.key}")
    assert mine["displayName"] == f"Search {corpus.key} (<b>{corpus.key[:3]}</b>{corpus.key[3:]})"
    statuses = admin.get(f"{API}/jql/autocompletedata/suggestions",
                         params={"fieldName": "status", "fieldValue": "in pro"}).json()["results"]
    assert statuses == [{"value": "In Progress", "displayName": "<b>In Pro</b>gress"}]
    by = admin.get(f"{API}/jql/autocompletedata/suggestions",
                   params={"fieldName": "status", "predicateName": "by", "predicateValue": "searcher-"}).json()
    assert corpus.user in [r["value"] for r in by["results"]]


def test_issue_picker_finds_by_key_and_summary(admin: httpx.Client, corpus: Corpus) -> None:
    login, migration = corpus.keys[0], corpus.keys[1]
    body = admin.get(f"{API}/issue/picker", params={"query": "migration",
                                                   "currentJQL": f"project = {corpus.key}"}).json()
    section = body["sections"][0]
    assert section["id"] == "cs" and [i["key"] for i in section["issues"]] == [migration]
    assert section["issues"][0]["summary"] == "Database <b>migration</b> is slow"
    by_key = admin.get(f"{API}/issue/picker", params={"query": login, "currentIssueKey": migration}).json()
    assert [i["key"] for i in by_key["sections"][0]["issues"]] == [login]
    bad = admin.get(f"{API}/issue/picker", params={"query": "x", "currentJQL": "project ="})
    assert bad.status_code == 400
