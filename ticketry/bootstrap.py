"""First start: migrate, install Jira's default data, create the first administrator."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ticketry.db.migrate import upgrade
from ticketry.db.sequences import raise_id_floors
from ticketry.platform.defaults import install_defaults
from ticketry.platform.users.models import User
from ticketry.platform.users.service import create_user
from ticketry.settings import Settings

log = logging.getLogger("ticketry")


def prepare_database(engine: Engine, settings: Settings) -> None:
    upgrade(engine)
    with Session(engine) as db, db.begin():
        if install_defaults(db):
            log.info("installed the default data of a fresh instance")
        raise_id_floors(db.connection())
    with Session(engine) as db, db.begin():
        _first_admin(db, settings)


def _first_admin(db: Session, settings: Settings) -> None:
    if db.scalar(select(User.id).limit(1)) is not None:
        return
    if settings.admin_password == "admin":
        log.warning(
            "!!! Created administrator '%s' with the default password 'admin'. Set TICKETRY_ADMIN_PASSWORD "
            "or change it now: this server is open to anyone who knows the default. !!!",
            settings.admin_user,
        )
    create_user(
        db,
        name=settings.admin_user,
        email=f"{settings.admin_user}@example.com",
        display_name="Administrator",
        password=settings.admin_password,
        groups=["jira-administrators", "jira-software-users", "jira-servicedesk-users"],
    )
