"""values.py through its functions: changelog items, add/remove and typed rows."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ticketry.core.errors import BadRequest


def test_changelog_items_of_values(server: Any, admin: httpx.Client, setup: dict[str, Any]) -> None:
    from sqlalchemy import select

    from ticketry.platform.fields import values
    from ticketry.platform.fields.models import CustomFieldValue

    f = setup["fields"]
    created = admin.post("/rest/api/2/issue", json={"fields": {
        "project": {"key": setup["key"]}, "summary": "service", "issuetype": {"name": "Task"}}})
    assert created.status_code == 201, created.text
    issue_id = int(created.json()["id"])
    parent, child = setup["options"]["cascadingselect"][0], setup["child"]
    db = server.app.state.write_sessions()
    try:
        cascade = values.parse_value(db, f["cascadingselect"], {"value": "A", "child": {"id": str(child["id"])}})
        change = values.save_value(db, issue_id, f["cascadingselect"], cascade)
        assert change is not None
        assert (change.from_value, change.from_string) == (None, None)
        assert change.to_value == f"[{parent['id']}, {child['id']}]"
        assert change.to_string == f"Parent values: A({parent['id']})Level 1 values: A1({child['id']})"
        assert values.save_value(db, issue_id, f["cascadingselect"], cascade) is None

        number = values.save_value(db, issue_id, f["float"], values.parse_value(db, f["float"], 3))
        assert number is not None and (number.to_value, number.to_string) == ("3", "3")
        day = values.save_value(db, issue_id, f["datepicker"], values.parse_value(db, f["datepicker"], "2024-02-29"))
        assert day is not None and (day.to_value, day.to_string) == ("2024-02-29", "29/Feb/24")
        user = values.save_value(db, issue_id, f["userpicker"], values.parse_value(db, f["userpicker"],
                                                                                     {"name": "admin"}))
        me = admin.get("/rest/api/2/myself").json()
        assert user is not None and (user.to_value, user.to_string) == (me["key"], me["displayName"])

        labels = values.parse_value(db, f["labels"], ["x", "y", "x"])
        assert [e.value for e in labels.elements] == ["x", "y"]
        values.save_value(db, issue_id, f["labels"], labels)
        more = values.add_values(db, issue_id, f["labels"], [values.parse_item(db, f["labels"], "z")])
        fewer = values.remove_values(db, issue_id, f["labels"], [values.parse_item(db, f["labels"], "x")])
        assert [e.value for e in more.elements] == ["x", "y", "z"]
        assert [e.value for e in fewer.elements] == ["y"]
        assert values.is_multi(db, f["labels"]) and not values.is_multi(db, f["select"])

        cleared = values.save_value(db, issue_id, f["float"], values.parse_value(db, f["float"], None))
        assert cleared is not None and (cleared.from_value, cleared.to_value) == ("3", None)
        rows = db.scalars(select(CustomFieldValue).where(CustomFieldValue.issue_id == issue_id)).all()
        assert sorted((r.field_id, r.position) for r in rows if r.option_id is not None) == [
            (int(f["cascadingselect"].removeprefix("customfield_")), 0),
            (int(f["cascadingselect"].removeprefix("customfield_")), 1)]
        with pytest.raises(BadRequest) as refused:
            values.parse_value(db, f["version"], {"name": "1.0"}, project_id=-1)
        assert refused.value.errors == {f["version"]: "Version name '1.0' is not valid"}
        with pytest.raises(BadRequest) as unknown:
            values.parse_value(db, "customfield_99999999", "x")
        assert list(unknown.value.errors) == ["customfield_99999999"]
    finally:
        db.rollback()
        db.close()


def test_values_load_in_constant_queries(server: Any, admin: httpx.Client, jira: Any,
                                         setup: dict[str, Any]) -> None:
    from sqlalchemy import event

    from ticketry.core.context import RequestContext
    from ticketry.platform.fields.values import load_values

    f = setup["fields"]
    ids = []
    for i in range(4):
        issue = jira.create_issue(fields={
            "project": {"key": setup["key"]}, "summary": f"q{i}", "issuetype": {"name": "Task"},
            f["select"]: {"value": "A"}, f["multiuserpicker"]: [{"name": "admin"}],
            f["multiversion"]: [{"name": "1.0"}], f["project"]: {"key": setup["key"]}})
        ids.append(int(issue.id))
    db = server.app.state.read_sessions()
    statements: list[str] = []
    engine = db.get_bind()

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        ctx = RequestContext(db=db, settings=server.app.state.settings, base_url="http://x")
        loaded = load_values(ctx, ids)
        # The configuration generation (fields and options come from the configuration cache), rows,
        # versions, projects; and users, unless the process keeps them already (issues/people.py).
        selects = [s for s in statements if s.startswith("SELECT")]
        users = [s for s in selects if "FROM app_user" in s]
        assert len(selects) - len(users) == 4 and len(users) <= 1
        assert all(loaded[i][f["select"]]["value"] == "A" for i in ids)
        assert all(loaded[i][f["textfield"]] is None for i in ids)
    finally:
        event.remove(engine, "before_cursor_execute", count)
        db.close()
