"""/mypreferences (raw string values per user) and /mypreferences/locale."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

API = "/rest/api/2"
PREFS = f"{API}/mypreferences"
LOCALE = f"{API}/mypreferences/locale"


def _put(client: httpx.Client, key: str | None, value: bytes, content_type: str = "text/plain") -> httpx.Response:
    params = {"key": key} if key is not None else None
    return client.put(PREFS, params=params, content=value, headers={"Content-Type": content_type})


def test_set_get_and_remove_a_preference(make_user: Any, unique: Callable[[str], str]) -> None:
    client = make_user("prefs").client
    key = unique("my.pref")
    assert client.get(PREFS, params={"key": key}).status_code == 404
    stored = _put(client, key, b"some value")
    assert (stored.status_code, stored.content) == (204, b"")
    read = client.get(PREFS, params={"key": key})
    assert (read.status_code, read.content) == (200, b"some value")
    assert read.headers["content-type"].startswith("application/json")
    # The body is the value exactly as sent: JSON text stays JSON text.
    assert _put(client, key, b'"quoted"', "application/json").status_code == 204
    assert client.get(PREFS, params={"key": key}).content == b'"quoted"'
    assert _put(client, key, "Grüße ✓".encode(), "text/plain; charset=utf-8").status_code == 204
    assert client.get(PREFS, params={"key": key}).content == "Grüße ✓".encode()
    removed = client.delete(PREFS, params={"key": key})
    assert (removed.status_code, removed.content) == (204, b"")
    assert client.get(PREFS, params={"key": key}).json() == {
        "errorMessages": [f"The preference '{key}' is not set."], "errors": {}}
    assert client.delete(PREFS, params={"key": key}).json() == {
        "errorMessages": [f"The property with key '{key}' does not exist."], "errors": {}}


def test_missing_or_incorrect_key_and_value_are_404(make_user: Any) -> None:
    client = make_user("prefs404").client
    missing_key = {"errorMessages": ["The preference key is missing: give it as the key parameter."], "errors": {}}
    assert client.get(PREFS).status_code == 404 and client.get(PREFS).json() == missing_key
    assert _put(client, None, b"value").json() == missing_key
    assert client.delete(PREFS).json() == missing_key
    assert client.get(PREFS, params={"key": ""}).status_code == 404
    assert client.get(PREFS, params={"key": "k" * 256}).status_code == 404
    empty = _put(client, "some.key", b"")
    assert (empty.status_code, empty.json()) == (404, {
        "errorMessages": ["The preference value is missing: send it as the request body."], "errors": {}})
    assert _put(client, "some.key", b"v" * 256).status_code == 404
    assert _put(client, "some.key", b"\xff\xfe").status_code == 404
    assert _put(client, "some.key", b"a\x00b").status_code == 404
    assert client.get(PREFS, params={"key": "some.key"}).status_code == 404


def test_preferences_belong_to_their_user(make_user: Any, anon: httpx.Client, unique: Callable[[str], str]) -> None:
    alice, bob = make_user("alice").client, make_user("bob").client
    key = unique("shared.key")
    assert _put(alice, key, b"alice's").status_code == 204
    assert bob.get(PREFS, params={"key": key}).status_code == 404
    assert _put(bob, key, b"bob's").status_code == 204
    assert alice.get(PREFS, params={"key": key}).content == b"alice's"
    for response in (anon.get(PREFS, params={"key": key}), _put(anon, key, b"x"),
                     anon.delete(PREFS, params={"key": key})):
        assert response.status_code == 401


def test_system_preferences_have_jira_defaults(make_user: Any) -> None:
    client = make_user("defaults").client
    defaults = {"user.notifications.mimetype": b"html", "user.notify.own.changes": b"false",
                "user.default.share.private": b"true", "user.keyboard.shortcuts.disabled": b"false"}
    for key, value in defaults.items():
        assert client.get(PREFS, params={"key": key}).content == value
    assert _put(client, "user.notifications.mimetype", b"text").status_code == 204
    assert client.get(PREFS, params={"key": "user.notifications.mimetype"}).content == b"text"
    assert client.delete(PREFS, params={"key": "user.notifications.mimetype"}).status_code == 204
    assert client.get(PREFS, params={"key": "user.notifications.mimetype"}).content == b"html"
    assert client.get(PREFS, params={"key": "user.autowatch.disabled"}).status_code == 404


def test_locale(make_user: Any, anon: httpx.Client) -> None:
    client = make_user("locale").client
    assert client.get(LOCALE).json() == {"locale": "en_US"}
    assert client.get(f"{API}/myself").json()["locale"] == "en_US"
    assert client.get(PREFS, params={"key": "jira.user.locale"}).status_code == 404
    stored = client.put(LOCALE, json={"locale": "de_DE"})
    assert (stored.status_code, stored.content) == (204, b"")
    assert client.get(LOCALE).json() == {"locale": "de_DE"}
    assert client.get(f"{API}/myself").json()["locale"] == "de_DE"
    assert client.get(PREFS, params={"key": "jira.user.locale"}).content == b"de_DE"
    # Spellings of an installed locale are accepted and stored in Jira's form.
    assert client.put(LOCALE, json={"locale": "fr-fr"}).status_code == 204
    assert client.get(LOCALE).json() == {"locale": "fr_FR"}
    deleted = client.delete(LOCALE)
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert client.get(LOCALE).json() == {"locale": "en_US"}
    assert client.get(f"{API}/myself").json()["locale"] == "en_US"
    assert client.get(PREFS, params={"key": "jira.user.locale"}).status_code == 404
    assert client.delete(LOCALE).status_code == 204


def test_locale_refuses_bad_input(make_user: Any, anon: httpx.Client) -> None:
    client = make_user("badlocale").client
    required = {"errorMessages": [], "errors": {"locale": 'The locale is required: send {"locale": "en_US"}.'}}
    for body in ({}, {"locale": ""}, {"locale": 5}, ["de_DE"], "de_DE"):
        response = client.put(LOCALE, json=body)
        assert (response.status_code, response.json()) == (400, required)
    unknown = client.put(LOCALE, json={"locale": "xx_YY"})
    assert unknown.status_code == 400
    assert unknown.json()["errors"]["locale"].startswith("The locale 'xx_YY' is not installed. Installed locales: ")
    assert client.put(LOCALE, content=b"{bad", headers={"Content-Type": "application/json"}).status_code == 400
    assert client.put(LOCALE).status_code == 400
    assert client.get(LOCALE).json() == {"locale": "en_US"}
    # Anonymous callers read the default and may not change it.
    assert anon.get(LOCALE).json() == {"locale": "en_US"}
    assert anon.put(LOCALE, json={"locale": "de_DE"}).status_code == 401
    assert anon.delete(LOCALE).status_code == 401


def test_profile_keys_through_mypreferences(make_user: Any, admin: httpx.Client) -> None:
    user = make_user("profile")
    client = user.client
    assert _put(client, "jira.user.locale", b"ja_JP").status_code == 204
    assert client.get(LOCALE).json() == {"locale": "ja_JP"}
    assert _put(client, "jira.user.locale", b"klingon").status_code == 404
    assert client.get(LOCALE).json() == {"locale": "ja_JP"}
    assert client.delete(PREFS, params={"key": "jira.user.locale"}).status_code == 204
    assert client.get(LOCALE).json() == {"locale": "en_US"}
    assert _put(client, "jira.user.timezone", b"Europe/Berlin").status_code == 204
    assert client.get(f"{API}/myself").json()["timeZone"] == "Europe/Berlin"
    assert client.get(PREFS, params={"key": "jira.user.timezone"}).content == b"Europe/Berlin"
    assert _put(client, "jira.user.timezone", b"Mars/Olympus").status_code == 404
    assert client.delete(PREFS, params={"key": "jira.user.timezone"}).status_code == 204
    default_zone = admin.get(f"{API}/application-properties", params={"key": "jira.default.timezone"}).json()
    assert client.get(f"{API}/myself").json()["timeZone"] == default_zone["value"]


def test_atlassian_python_api(make_user: Any, base_url: str, unique: Callable[[str], str]) -> None:
    """atlassian-python-api's core client (REST v2) sends the value as JSON text and reads it back."""
    from atlassian.jira import JiraCloud

    user = make_user("apaprefs")
    client = JiraCloud(url=base_url, username=user.name, password=user.password, api_version=2)
    key = unique("apa.pref")
    client.set_preference(key=key, data="on")
    assert user.client.get(PREFS, params={"key": key}).content == b'"on"'
    assert client.get_preference(key=key) == "on"
    client.remove_preference(key=key)
    assert user.client.get(PREFS, params={"key": key}).status_code == 404
    client.set_locale(data={"locale": "pt_BR"})
    assert client.get_locale() == {"locale": "pt_BR"}
    assert client.get_current_user()["locale"] == "pt_BR"
