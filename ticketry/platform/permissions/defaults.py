"""Grants of a fresh instance: the Default Permission Scheme's and the global permissions'."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ticketry.platform.permissions.catalog import DEFAULT_GLOBAL_GRANTS, DEFAULT_SCHEME_GRANTS
from ticketry.platform.permissions.models import GlobalPermissionGrant, PermissionGrant

DEFAULT_PERMISSION_SCHEME = 0
DEFAULT_NOTIFICATION_SCHEME = 10000


def install(db: Session) -> None:
    db.add_all(PermissionGrant(scheme_id=DEFAULT_PERMISSION_SCHEME, permission=key, holder_type=holder,
                               parameter=parameter)
               for key, holder, parameter in DEFAULT_SCHEME_GRANTS)
    db.add_all(GlobalPermissionGrant(permission=key, group_name=group) for key, group in DEFAULT_GLOBAL_GRANTS)
    from ticketry.platform.permissions.notifications import install_defaults

    install_defaults(db, DEFAULT_NOTIFICATION_SCHEME)
