"""POST .../notify sends mail through SMTP: a local aiosmtpd server receives it."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from email import message_from_bytes
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from tests.conftest import ADMIN
from tests.harness import running_server
from tests.jobs.wait import eventually
from tests.platform.issues.helpers import make_issue, make_project


class Inbox:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def mail_client(smtp: tuple[Inbox, int]) -> Iterator[httpx.Client]:
    with (running_server(smtp_host="127.0.0.1", smtp_port=smtp[1], smtp_from="jira@example.com") as srv,
          httpx.Client(base_url=srv.url, auth=ADMIN, timeout=30) as client):
        yield client


def test_notify_sends_mail(smtp: tuple[Inbox, int], mail_client: httpx.Client,
                           unique_key: Callable[[], str]) -> None:
    inbox, _ = smtp
    key = unique_key()
    make_project(mail_client, key)
    user = mail_client.post("/rest/api/2/user", json={
        "name": "mailme", "password": "s3cret-Passw0rd", "emailAddress": "mailme@example.com",
        "displayName": "Mail Me"})
    assert user.status_code == 201, user.text
    issue = make_issue(mail_client, key, "Mail about this")
    before = len(inbox.envelopes)
    response = mail_client.post(f"/rest/api/2/issue/{issue['key']}/notify", json={
        "subject": "Please look", "textBody": "Plain words", "htmlBody": "<b>Bold</b> words",
        "to": {"reporter": True, "assignee": False, "watchers": False, "voters": False,
               "users": [{"name": "mailme"}]}})
    assert response.status_code == 204, response.text
    eventually(lambda: len(inbox.envelopes) == before + 1, what="the mail (a job sends it after the commit)")
    envelope = inbox.envelopes[-1]
    assert envelope.mail_from == "jira@example.com"
    admin_email = mail_client.get("/rest/api/2/myself").json()["emailAddress"]
    assert sorted(envelope.rcpt_tos) == sorted({admin_email, "mailme@example.com"})
    message = message_from_bytes(envelope.content)
    assert message["Subject"] == "Please look"
    parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk()
             if not part.is_multipart()}
    assert parts["text/plain"].strip() == "Plain words"
    assert parts["text/html"].strip() == "<b>Bold</b> words"
    unknown = mail_client.post(f"/rest/api/2/issue/{issue['key']}/notify", json={"to": {"users": [{"name": "nobody"}]}})
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {"to.users": "The user 'nobody' does not exist."}
    assert len(inbox.envelopes) == before + 1


def test_notify_without_smtp_is_refused(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key)
    response = admin.post(f"/rest/api/2/issue/{issue['key']}/notify", json={"to": {"reporter": True}})
    assert response.status_code == 403
    assert response.json() == {"errorMessages": ["Outgoing mail is not configured: no SMTP server is set."],
                               "errors": {}}
    assert admin.post("/rest/api/2/issue/NOPE-1/notify", json={}).status_code == 404


def _mail_user(client: httpx.Client, name: str) -> str:
    response = client.post("/rest/api/2/user", json={
        "name": name, "password": "s3cret-Passw0rd", "emailAddress": f"{name}@example.com", "displayName": name})
    assert response.status_code == 201, response.text
    return f"{name}@example.com"


def test_notify_watchers_voters_and_restrictions(smtp: tuple[Inbox, int], mail_client: httpx.Client,
                                                 unique_key: Callable[[], str]) -> None:
    inbox, _ = smtp
    key = unique_key()
    make_project(mail_client, key)
    suffix = key.lower()
    watcher, voter, loner = (_mail_user(mail_client, f"{role}{suffix}") for role in ("watcher", "voter", "loner"))
    issue = make_issue(mail_client, key, "Mail the followers")
    url = f"/rest/api/2/issue/{issue['key']}"
    assert mail_client.post(f"{url}/watchers", json=f"watcher{suffix}").status_code == 204
    voting = httpx.Client(base_url=str(mail_client.base_url), auth=(f"voter{suffix}", "s3cret-Passw0rd"))
    assert voting.post(f"{url}/votes").status_code == 204

    def mailed(body: dict[str, object]) -> set[str]:
        before = len(inbox.envelopes)
        response = mail_client.post(f"{url}/notify", json=body)
        assert response.status_code == 204, response.text
        eventually(lambda: len(inbox.envelopes) == before + 1, what="the mail")
        return set(inbox.envelopes[-1].rcpt_tos)

    assert mailed({"to": {"watchers": True, "voters": True}}) >= {watcher, voter}
    # Restricted to holders of Delete Issues: plain users lack it (the Administrators role has it).
    restricted = mailed({"to": {"voters": True, "users": [{"name": "admin"}]},
                         "restrict": {"permissions": [{"key": "DELETE_ISSUES"}]}})
    assert voter not in restricted and restricted
    # A user who may not browse the issue is never mailed: here one without application access.
    mail_client.delete("/rest/api/2/group/user", params={"groupname": "jira-software-users",
                                                         "username": f"loner{suffix}"})
    mail_client.delete("/rest/api/2/group/user", params={"groupname": "jira-servicedesk-users",
                                                         "username": f"loner{suffix}"})
    loners = mailed({"to": {"users": [{"name": f"loner{suffix}"}, {"name": f"voter{suffix}"}]}})
    assert loner not in loners and voter in loners
    bad = mail_client.post(f"{url}/notify", json={"to": {"reporter": True},
                                                  "restrict": {"permissions": [{"key": "FLY"}]}})
    assert bad.status_code == 400 and "restrict.permissions" in bad.json()["errors"]
    voting.close()
