"""Typed settings: every option reads TICKETRY_* from the environment; the CLI overrides them."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TICKETRY_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8080
    data_dir: Path = Path("./ticketry-data")
    database_url: str | None = None
    base_url: str | None = None
    log_level: str = "info"
    workers: int = 1

    admin_user: str = "admin"
    admin_password: str = "admin"

    # The identity reported by serverInfo; clients pick code paths from it.
    server_version: str = "8.20.0"
    deployment_type: str = "Server"
    build_number: int = 820000

    # Outgoing mail (issue notifications); no host means mail is not sent.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str = "ticketry@localhost"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False

    # Background job threads in each server process (0: none; then run `ticketry worker` somewhere).
    job_workers: int = 2
    # How often idle workers look for due jobs (jobs enqueued in the same process wake them at once).
    job_poll_seconds: float = 1.0
    # On shutdown, how long to wait for running jobs to reach a checkpoint before leaving them to the lease.
    job_stop_seconds: float = 30.0

    # Requests of one process running at once (the rest queue on its event loop, see core/deps._gate):
    # past a few, threads only contend for Python's lock. Each holds at most two pooled connections.
    request_threads: int = 8
    # PostgreSQL: pooled connections idle longer than this are pinged before use (one round trip), so that a
    # database restart costs no request; a connection back from a request within it is used as it is.
    db_ping_idle_seconds: float = 1.0

    search_max_results: int = 1000
    login_max_failures: int = 5
    login_lockout_seconds: int = 60
    session_days: int = 14
    auth_cache_seconds: int = 300
    # How long a server trusts its copy of the configured base URL (other servers' changes show after it).

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'ticketry.db').resolve()}"
