"""Common id sets (WAS over held values, labels): on SQLite the page walks the issues in the asked order and
probes the set gathered once (`textindex.page_condition`), and the total comes from the set's own index when
the caller sees every issue (`search.service._count_of_ids`). Both forms must find exactly what the plain
form finds: the same issues, order and total, with an issue hidden by a security level and with the rows of a
deleted project. The thresholds are forced both ways; on PostgreSQL the walk does not apply."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.harness import RunningServer
from tests.platform.issues.helpers import make_issue, make_project
from tests.platform.search.test_text_common import SECURITY_API, _number, _search, _secret_level
from tests.querycount import fewest_statements
from ticketry.platform.permissions.engine import Access
from ticketry.platform.search import textindex

API = "/rest/api/2"


@pytest.mark.parametrize("forced", [False, True], ids=["thresholds", "forced"])
def test_id_sets_find_what_the_plain_form_finds(admin: httpx.Client, make_user: Any, unique: Any, unique_key: Any,
                                                monkeypatch: pytest.MonkeyPatch, forced: bool) -> None:
    label = unique("held").replace("-", "")
    worker, outsider = make_user("worker"), make_user("outside")
    sid, lid = _secret_level(admin, unique("sets"))
    key, gone = unique_key(), unique_key()
    make_project(admin, key, issueSecurityScheme=sid)
    make_project(admin, gone)
    mine = {"assignee": {"name": worker.name}, "labels": [label]}
    issues = [make_issue(admin, key, f"held {n}", **mine)["key"] for n in range(4)]
    for moved in issues[:2]:  # assigned away since: they held the worker all the same
        response = admin.put(f"{API}/issue/{moved}", json={"fields": {"assignee": {"name": "admin"}}})
        assert response.status_code == 204, response.text
    secret = make_issue(admin, key, "held secret", security={"id": lid}, **mine)["key"]
    make_issue(admin, key, "someone else's", labels=["other" + label])
    for n in range(2):  # their held values and labels go with the project
        make_issue(admin, gone, f"held elsewhere {n}", **mine)
    assert admin.delete(f"{API}/project/{gone}").status_code == 204

    if forced:  # every set counts as common and the administrator as seeing every issue (here they do)
        monkeypatch.setattr(textindex, "_PROBES_PER_MATCH", 0)
        monkeypatch.setattr(textindex, "_WALK_FLOOR", 0)
        monkeypatch.setattr(Access, "sees_every_issue", lambda self, key="BROWSE_PROJECTS": self.user is not None
                            and self.user.name == "admin")

    everything = sorted([*issues, secret], key=_number)
    seen = [k for k in everything if k != secret]
    for clause in (f"labels = {label}", f"assignee WAS {worker.name}", f"assignee WAS IN ({worker.name}, {outsider.name})"):
        assert _search(admin, f"{clause} ORDER BY key") == (len(everything), everything)
        assert _search(admin, f"{clause} ORDER BY key DESC", 1, 2) == (len(everything), everything[::-1][1:3])
        assert _search(outsider.client, f"{clause} ORDER BY key") == (len(seen), seen)
        assert _search(outsider.client, f"{clause} ORDER BY key", 2, 2) == (len(seen), seen[2:4])
    assert _search(admin, f"assignee WAS {worker.name} AND assignee != {worker.name} ORDER BY key") == (
        2, issues[:2])
    assert _search(admin, f"assignee WAS NOT {worker.name} AND project = {key}")[0] == 1
    admin.delete(f"{API}/project/{key}")
    admin.delete(f"{SECURITY_API}/{sid}")


def test_one_value_of_a_field_kept_in_a_set_is_counted_in_its_own_index(
        server: RunningServer, admin: httpx.Client, unique: Any, unique_key: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`labels = x` alone (also components and versions) is a bare id set, so its total comes from the set's
    rows, not from an issue lookup per match (L, `labels = cache`: 18-24 ms of PostgreSQL against 1). A
    single value once came wrapped (`or_` of one part), which kept it off that path."""
    key = unique_key()
    project = make_project(admin, key)
    label = unique("counted").replace("-", "")
    component = admin.post(f"{API}/component", json={"project": key, "name": unique("part")}).json()["name"]
    version = admin.post(f"{API}/version", json={"projectId": int(project["id"]), "name": unique("v")}).json()["name"]
    tagged = {"labels": [label], "components": [{"name": component}], "fixVersions": [{"name": version}]}
    found = [make_issue(admin, key, f"counted {n}", **tagged)["key"] for n in range(3)]
    make_issue(admin, key, "not counted")
    monkeypatch.setattr(Access, "sees_every_issue", lambda self, key="BROWSE_PROJECTS": True)
    for clause in (f"labels = {label}", f'component = "{component}"', f'fixVersion = "{version}"'):
        statements, result = fewest_statements(server, lambda c=clause: _search(admin, f"{c} ORDER BY key"))
        assert result == (3, found), clause
        totals = [s for s in statements if s.startswith("SELECT count(")]
        assert len(totals) == 1 and "FROM issue " not in totals[0] and "count(DISTINCT" in totals[0], (clause, totals)
