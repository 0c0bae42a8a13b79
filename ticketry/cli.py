"""`ticketry serve | worker | migrate | createuser | token create`: every option also reads TICKETRY_*."""

from __future__ import annotations

import logging
import os
from typing import Any

import click

from ticketry.settings import Settings


def _settings(**overrides: Any) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**values)


def _common(func: Any) -> Any:
    func = click.option("--data-dir", default=None, help="Data directory (env TICKETRY_DATA_DIR).")(func)
    func = click.option("--database-url", default=None, help="SQLAlchemy URL (env TICKETRY_DATABASE_URL).")(func)
    return func


@click.group()
def main() -> None:
    """Ticketry: a self-hosted issue tracker that speaks Jira's REST APIs."""
    logging.basicConfig(level=os.environ.get("TICKETRY_LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@main.command()
@_common
@click.option("--host", default=None, help="Address to listen on (env TICKETRY_HOST, default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (env TICKETRY_PORT, default 8080).")
@click.option("--base-url", default=None, help="Public base URL for self links (env TICKETRY_BASE_URL).")
@click.option("--workers", type=int, default=None, help="Worker processes (env TICKETRY_WORKERS, default 1).")
def serve(data_dir: str | None, database_url: str | None, host: str | None, port: int | None,
          base_url: str | None, workers: int | None) -> None:
    """Migrate if needed and serve the API."""
    import uvicorn

    settings = _settings(data_dir=data_dir, database_url=database_url, host=host, port=port,
                         base_url=base_url, workers=workers)
    _export(settings)
    from ticketry.app import create_app

    if settings.workers > 1:
        from ticketry.serving import Workers
        from ticketry.serving import serve as serve_workers

        # Prepare once here so the workers do not race to migrate.
        create_app(settings)
        serve_workers(Workers("ticketry.asgi:app", settings.host, settings.port, settings.workers,
                              settings.log_level))
    else:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                    log_level=settings.log_level, access_log=False)


def _export(settings: Settings) -> None:
    """Worker processes rebuild their settings from the environment."""
    os.environ["TICKETRY_DATA_DIR"] = str(settings.data_dir)
    for name in ("database_url", "base_url"):
        value = getattr(settings, name)
        if value:
            os.environ[f"TICKETRY_{name.upper()}"] = value


@main.command()
@_common
@click.option("--threads", type=int, default=None,
              help="Job threads (default TICKETRY_JOB_WORKERS, or 2 when that is 0 to keep servers job-free).")
def worker(data_dir: str | None, database_url: str | None, threads: int | None) -> None:
    """Run background jobs without serving HTTP, until interrupted (SIGINT or SIGTERM)."""
    import signal
    import threading

    from ticketry.bootstrap import prepare_database
    from ticketry.db.engine import make_engine, make_session_factory
    from ticketry.jobs.worker import WorkerPool

    settings = _settings(data_dir=data_dir, database_url=database_url)
    write_engine = make_engine(settings, for_writes=True)
    prepare_database(write_engine, settings)
    read_engine = make_engine(settings, for_writes=False) if write_engine.dialect.name == "sqlite" else write_engine
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    count = threads if threads is not None else (settings.job_workers or 2)
    pool = WorkerPool(settings, make_session_factory(read_engine), make_session_factory(write_engine), count)
    pool.start()
    logging.getLogger("ticketry.jobs").info("%s job worker thread(s) started", pool.count)
    stop.wait()
    pool.stop()
    click.echo("job workers stopped")


@main.command()
@_common
def migrate(data_dir: str | None, database_url: str | None) -> None:
    """Bring the database schema and default data up to date."""
    from ticketry.bootstrap import prepare_database
    from ticketry.db.engine import make_engine

    settings = _settings(data_dir=data_dir, database_url=database_url)
    prepare_database(make_engine(settings), settings)
    click.echo("database is up to date")


@main.command()
@_common
@click.argument("username")
@click.option("--email", required=True)
@click.option("--display-name", default=None)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--admin", is_flag=True, help="Add the user to jira-administrators.")
def createuser(data_dir: str | None, database_url: str | None, username: str, email: str,
               display_name: str | None, password: str, admin: bool) -> None:
    """Create a user (optionally an administrator)."""
    from sqlalchemy.orm import Session

    from ticketry.bootstrap import prepare_database
    from ticketry.core.errors import JiraError
    from ticketry.db.engine import make_engine
    from ticketry.platform.users.service import create_user

    settings = _settings(data_dir=data_dir, database_url=database_url)
    engine = make_engine(settings)
    prepare_database(engine, settings)
    groups = ["jira-software-users"] + (["jira-administrators"] if admin else [])
    try:
        with Session(engine) as db, db.begin():
            user = create_user(db, name=username, email=email, display_name=display_name or username,
                               password=password, groups=groups)
            click.echo(f"created user {user.name} ({user.key})")
    except JiraError as exc:
        raise click.ClickException("; ".join([*exc.messages, *exc.errors.values()])) from exc


@main.group()
def token() -> None:
    """Personal API tokens (usable as Basic password or Bearer token)."""


@token.command("create")
@_common
@click.argument("username")
@click.option("--name", default="cli", help="A label for the token.")
@click.option("--days", type=int, default=None, help="Expire after this many days.")
def token_create(data_dir: str | None, database_url: str | None, username: str, name: str,
                 days: int | None) -> None:
    """Create a token for USERNAME and print it (it is stored hashed and cannot be shown again)."""
    from sqlalchemy.orm import Session

    from ticketry.db.engine import make_engine
    from ticketry.platform.auth.service import create_api_token
    from ticketry.platform.users.service import find_user

    settings = _settings(data_dir=data_dir, database_url=database_url)
    with Session(make_engine(settings)) as db, db.begin():
        user = find_user(db, username)
        if user is None:
            raise click.ClickException(f"no user named {username}")
        _, secret = create_api_token(db, user, name, days)
        click.echo(secret)


if __name__ == "__main__":
    main()
