"""Imports every feature's tables so the metadata (and Alembic) sees them all."""

from ticketry.db import generation as generation_models
from ticketry.db.base import Base
from ticketry.jobs import models as jobs_models
from ticketry.platform.appsettings import models as appsettings_models
from ticketry.platform.attachments import models as attachments_models
from ticketry.platform.auditing import models as auditing_models
from ticketry.platform.auth import models as auth_models
from ticketry.platform.avatars import models as avatars_models
from ticketry.platform.comments import models as comments_models
from ticketry.platform.components import models as components_models
from ticketry.platform.dashboards import models as dashboards_models
from ticketry.platform.fields import models as fields_models
from ticketry.platform.filters import models as filters_models
from ticketry.platform.issueconfig import models as issueconfig_models
from ticketry.platform.issues import models as issues_models
from ticketry.platform.links import models as links_models
from ticketry.platform.permissions import models as permissions_models
from ticketry.platform.projects import models as projects_models
from ticketry.platform.properties import models as properties_models
from ticketry.platform.remotelinks import models as remotelinks_models
from ticketry.platform.screens import models as screens_models
from ticketry.platform.users import models as users_models
from ticketry.platform.versions import models as versions_models
from ticketry.platform.viewhistory import models as viewhistory_models
from ticketry.platform.watchers import models as watchers_models
from ticketry.platform.workflows import models as workflows_models
from ticketry.platform.worklogs import models as worklogs_models

metadata = Base.metadata

__all__ = [
    "attachments_models", "auditing_models", "generation_models", "jobs_models",
    "appsettings_models", "auth_models", "avatars_models", "comments_models", "components_models", "dashboards_models",
    "fields_models",
    "filters_models",
    "issueconfig_models",
    "links_models",
    "remotelinks_models",
    "issues_models", "metadata", "permissions_models", "projects_models", "properties_models", "screens_models",
    "users_models", "versions_models", "viewhistory_models", "watchers_models", "workflows_models",
    "worklogs_models",
]
