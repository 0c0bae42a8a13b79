"""GET /rest/api/2/auditing/record: shape, access, filter, time window, paging, and no record for failures."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.conftest import ADMIN
from tests.platform.auditing.support import RECORDS, records, the_record

CREATED = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$")


def _group(admin: httpx.Client, name: str) -> None:
    response = admin.post("/rest/api/2/group", json={"name": name})
    assert response.status_code == 201, response.text


def test_anonymous_gets_401_and_non_admin_403(anon: httpx.Client, make_user: Callable[..., Any]) -> None:
    assert anon.get(RECORDS).status_code == 401
    response = make_user().client.get(RECORDS)
    assert response.status_code == 403
    assert response.json()["errorMessages"]


def test_record_shape(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("audited")
    _group(admin, name)
    admin_key = admin.get("/rest/api/2/myself").json()["key"]
    entry = the_record(admin, "Group created", name)
    assert list(entry) == ["id", "summary", "remoteAddress", "authorKey", "created", "category", "eventSource",
                           "objectItem", "changedValues"]
    assert isinstance(entry["id"], int)
    assert entry["remoteAddress"] == "127.0.0.1"
    assert entry["authorKey"] == admin_key
    assert CREATED.match(entry["created"])
    assert entry["category"] == "group management"
    assert entry["eventSource"] == ""
    assert entry["objectItem"] == {"id": name, "name": name, "typeName": "GROUP", "parentId": "1",
                                   "parentName": "Jira Internal Directory"}
    assert entry["changedValues"] == []


def test_page_envelope_and_limits(admin: httpx.Client) -> None:
    body = admin.get(RECORDS).json()
    assert list(body) == ["offset", "limit", "total", "records"]
    assert body["offset"] == 0 and body["limit"] == 1000
    assert body["total"] >= len(body["records"])
    # Jira: a limit <= 0 or > 1000 is the default, 1000.
    assert admin.get(RECORDS, params={"limit": 0}).json()["limit"] == 1000
    assert admin.get(RECORDS, params={"limit": 5000}).json()["limit"] == 1000
    assert admin.get(RECORDS, params={"limit": -3}).json()["limit"] == 1000
    assert admin.get(RECORDS, params={"limit": 7}).json()["limit"] == 7


def test_newest_first_offset_and_limit(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    token = unique("paged")
    names = [f"{token}-{i}" for i in range(3)]
    for name in names:
        _group(admin, name)
    everything = admin.get(RECORDS, params={"filter": token}).json()
    assert everything["total"] == 3
    assert [r["objectItem"]["name"] for r in everything["records"]] == names[::-1]
    ids = [r["id"] for r in everything["records"]]
    first = admin.get(RECORDS, params={"filter": token, "limit": 2}).json()
    assert (first["offset"], first["limit"], first["total"]) == (0, 2, 3)
    assert [r["id"] for r in first["records"]] == ids[:2]
    rest = admin.get(RECORDS, params={"filter": token, "offset": 2, "limit": 2}).json()
    assert (rest["offset"], rest["total"]) == (2, 3)
    assert [r["id"] for r in rest["records"]] == ids[2:]
    beyond = admin.get(RECORDS, params={"filter": token, "offset": 10**12}).json()
    assert beyond["records"] == [] and beyond["total"] == 3


def test_filter_words_must_all_match_some_field(admin: httpx.Client, unique: Callable[[str], str],
                                                make_user: Callable[..., Any]) -> None:
    name = unique("filtered")
    _group(admin, name)
    assert len(records(admin, name)) == 1
    # Case-insensitive; every word somewhere: summary, category, author, object.
    assert len(records(admin, f"{name.upper()} GROUP created")) == 1
    assert len(records(admin, f"{name} management admin")) == 1
    assert len(records(admin, f"{name} deleted")) == 0
    # Changed values and associated items are searched too.
    user = make_user("filterme")
    assert any(r["summary"] == "User created" for r in records(admin, f"{user.name}@example.com"))
    # LIKE wildcards in the filter are literal characters.
    assert records(admin, f"{name} %") == []
    assert records(admin, "_" + name[1:]) == []


def test_from_and_to(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("windowed")
    _group(admin, name)
    entry = the_record(admin, "Group created", name)
    created = entry["created"]
    # Jira's own format (and what the record shows) includes the record on both ends.
    assert [r["id"] for r in records(admin, name, **{"from": created})] == [entry["id"]]
    assert [r["id"] for r in records(admin, name, to=created)] == [entry["id"]]
    moment = datetime.strptime(created, "%Y-%m-%dT%H:%M:%S.%f%z")
    later = (moment + timedelta(seconds=1)).isoformat()
    earlier = (moment - timedelta(seconds=1)).astimezone(UTC).isoformat().replace("+00:00", "Z")
    assert records(admin, name, **{"from": later}) == []
    assert records(admin, name, to=earlier) == []
    assert len(records(admin, name, **{"from": earlier, "to": later})) == 1
    # from after to: an empty result, not an error.
    assert records(admin, name, **{"from": later, "to": earlier}) == []
    day = moment.date().isoformat()
    assert len(records(admin, name, **{"from": day})) == 1


def test_bad_timestamp_is_400(admin: httpx.Client) -> None:
    response = admin.get(RECORDS, params={"from": "yesterday-ish"})
    assert response.status_code == 400
    assert response.json()["errorMessages"] == ["The value 'yesterday-ish' of the 'from' parameter is not a valid "
                                                "timestamp."]


def test_failed_admin_request_leaves_no_record(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("failing")
    assert admin.post("/rest/api/2/group", json={"name": f" {name}"}).status_code == 400
    assert records(admin, name) == []
    _group(admin, name)
    assert admin.post("/rest/api/2/group", json={"name": name}).status_code == 400
    assert [r["summary"] for r in records(admin, name)] == ["Group created"]


def test_atlassian_python_api_reads_records(base_url: str, admin: httpx.Client, unique: Callable[[str], str]) -> None:
    from atlassian import Jira

    name = unique("apiclient")
    _group(admin, name)
    client = Jira(url=base_url, username=ADMIN[0], password=ADMIN[1])
    body = client.get_audit_records(filter=name, limit=10)
    assert body["total"] == 1 and body["limit"] == 10
    assert body["records"][0]["summary"] == "Group created"


def test_extreme_parameters_are_handled(admin: httpx.Client) -> None:
    for bad in ("-999999999999999", "0000-01-01", "2026-13-01"):
        assert admin.get(RECORDS, params={"to": bad}).status_code == 400, bad
    for edge in ("0001-01-01T00:00:00+1400", "9999-12-31T23:59:59.999-1400", "1700000000000"):
        assert admin.get(RECORDS, params={"from": edge, "to": edge}).status_code == 200, edge
    assert admin.get(RECORDS, params={"offset": 2**70, "limit": 2**70}).status_code == 200
    words = " ".join(f"w{i}" for i in range(101))
    response = admin.get(RECORDS, params={"filter": words})
    assert response.status_code == 400
    assert response.json()["errorMessages"] == ["The filter must not have more than 100 words."]
