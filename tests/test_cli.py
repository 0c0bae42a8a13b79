"""The `ticketry` command: migrate, createuser and token create, then a server using the result."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from tests.harness import RunningServer, backend
from ticketry.cli import main
from ticketry.settings import Settings


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    if backend() == "postgres":
        pytest.skip("the CLI's embedded default (SQLite in the data directory) is what this covers")
    return tmp_path


def test_createuser_and_token_work_against_a_server(data_dir: Path) -> None:
    runner = CliRunner()
    args = ["--data-dir", str(data_dir)]
    migrated = runner.invoke(main, ["migrate", *args])
    assert migrated.exit_code == 0, migrated.output
    assert "database is up to date" in migrated.output
    created = runner.invoke(
        main, ["createuser", "carol", "--email", "carol@example.com", "--password", "pw-123", "--admin", *args]
    )
    assert created.exit_code == 0, created.output
    assert "created user carol" in created.output
    duplicate = runner.invoke(
        main, ["createuser", "carol", "--email", "carol@example.com", "--password", "pw-123", *args]
    )
    assert duplicate.exit_code != 0
    assert "A user with that username already exists." in duplicate.output
    issued = runner.invoke(main, ["token", "create", "carol", "--name", "ci", *args])
    assert issued.exit_code == 0, issued.output
    secret = issued.output.strip()

    server = RunningServer(Settings(data_dir=data_dir)).start()
    try:
        by_password = httpx.get(server.url + "/rest/auth/1/session", auth=("carol", "pw-123"))
        assert by_password.status_code == 200 and by_password.json()["name"] == "carol"
        by_token = httpx.get(server.url + "/rest/auth/1/session", headers={"Authorization": f"Bearer {secret}"})
        assert by_token.status_code == 200 and by_token.json()["name"] == "carol"
    finally:
        server.stop()


def test_token_for_unknown_user_fails(data_dir: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["migrate", "--data-dir", str(data_dir)]).exit_code == 0
    result = runner.invoke(main, ["token", "create", "nobody", "--data-dir", str(data_dir)])
    assert result.exit_code != 0
    assert "no user named nobody" in result.output


def test_first_start_creates_the_configured_administrator(data_dir: Path) -> None:
    server = RunningServer(Settings(data_dir=data_dir, admin_user="root", admin_password="pw-root")).start()
    try:
        assert httpx.get(server.url + "/rest/auth/1/session", auth=("root", "pw-root")).status_code == 200
        assert httpx.get(server.url + "/rest/auth/1/session", auth=("admin", "admin")).status_code == 401
    finally:
        server.stop()
