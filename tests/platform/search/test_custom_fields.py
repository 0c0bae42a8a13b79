"""JQL over custom fields, by cf[id] and by name, for each kind of stored value."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.platform.search.conftest import API, Corpus, create_issue
from tests.platform.search.test_search import keys

PREFIX = "com.atlassian.jira.plugin.system.customfieldtypes:"
SEARCHERS = {"select": "multiselectsearcher", "float": "exactnumber", "datepicker": "daterange",
             "userpicker": "userpickergroupsearcher", "labels": "labelsearcher", "textfield": "textsearcher",
             "cascadingselect": "cascadingselectsearcher"}


def make_field(admin: httpx.Client, kind: str) -> dict[str, Any]:
    name = f"JQL {kind} {uuid.uuid4().hex[:6]}"
    created = admin.post(f"{API}/field", json={"name": name, "type": PREFIX + kind,
                                               "searcherKey": PREFIX + SEARCHERS[kind]})
    assert created.status_code == 201, created.text
    assert admin.post(f"{API}/screens/addToDefault/{created.json()['id']}").status_code in (200, 201, 204)
    return dict(created.json())


@pytest.fixture(scope="module")
def custom(admin: httpx.Client, corpus: Corpus) -> dict[str, Any]:
    fields = {kind: make_field(admin, kind) for kind in SEARCHERS}
    ids = {kind: f["id"] for kind, f in fields.items()}
    for value in ("Red", "Blue"):
        assert admin.post(f"{API}/field/{ids['select']}/option", json={"value": value}).status_code == 200
    parent = admin.post(f"{API}/field/{ids['cascadingselect']}/option", json={"value": "Europe"}).json()
    admin.post(f"{API}/field/{ids['cascadingselect']}/option", json={"value": "Paris", "parentId": parent["id"]})
    base = {"project": {"key": corpus.key}, "issuetype": {"name": "Task"}}
    first = create_issue(admin, {**base, "summary": "custom one", ids["select"]: {"value": "Red"},
                                 ids["float"]: 3.5, ids["datepicker"]: "2030-05-01",
                                 ids["userpicker"]: {"name": corpus.user}, ids["labels"]: ["alpha", "beta"],
                                 ids["textfield"]: "quick brown fox",
                                 ids["cascadingselect"]: {"value": "Europe", "child": {"value": "Paris"}}})
    second = create_issue(admin, {**base, "summary": "custom two", ids["select"]: {"value": "Blue"},
                                  ids["float"]: 10, ids["labels"]: ["beta"]})
    return {"fields": fields, "first": first, "second": second}


def test_option_number_date_user_label_text_and_cascade(admin: httpx.Client, corpus: Corpus,
                                                        custom: dict[str, Any]) -> None:
    f, first, second = custom["fields"], custom["first"], custom["second"]
    scope = f"project = {corpus.key} AND "

    def cf(kind: str) -> str:
        return f"cf[{f[kind]['schema']['customId']}]"

    assert keys(admin, scope + f"{cf('select')} = Red") == [first]
    assert keys(admin, scope + f'"{f["select"]["name"]}" in (Red, Blue) ORDER BY key') == [first, second]
    assert keys(admin, scope + f"{cf('select')} != Red") == [second]
    assert keys(admin, scope + f"{cf('float')} > 5") == [second]
    assert keys(admin, scope + f"{cf('float')} <= 3.5") == [first]
    assert keys(admin, scope + f"{cf('datepicker')} >= 2030-01-01") == [first]
    assert keys(admin, scope + f"{cf('datepicker')} is EMPTY AND summary ~ custom") == [second]
    assert keys(admin, scope + f"{cf('userpicker')} = {corpus.user}") == [first]
    assert keys(admin, scope + f"{cf('labels')} = beta ORDER BY key") == [first, second]
    assert keys(admin, scope + f"{cf('labels')} != alpha") == [second]
    assert keys(admin, scope + f'{cf("textfield")} ~ "brown"') == [first]
    assert keys(admin, scope + f"{cf('cascadingselect')} in cascadeOption(Europe, Paris)") == [first]
    assert keys(admin, scope + f"{cf('cascadingselect')} in cascadeOption(Europe)") == [first]


def test_unknown_custom_field_and_bad_values(admin: httpx.Client, custom: dict[str, Any]) -> None:
    missing = admin.get(f"{API}/search", params={"jql": "cf[99999] = 1"})
    assert missing.json()["errorMessages"] == ["Field 'cf[99999]' does not exist or you do not have permission "
                                               "to view it."]
    number = custom["fields"]["float"]["schema"]["customId"]
    bad = admin.get(f"{API}/search", params={"jql": f"cf[{number}] = abc"})
    assert bad.status_code == 400
    assert bad.json()["errorMessages"] == [f"The value 'abc' for field 'cf[{number}]' is not a valid number."]
