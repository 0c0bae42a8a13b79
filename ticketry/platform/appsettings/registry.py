"""The application properties of Jira Server 8 that Ticketry knows: keys, defaults, types, allowed values.

Stored overrides live in the application_property table; everything else comes from here. Keys, types
and defaults follow Jira's own property metadata (jpm.xml): types are `string`, `uint`, `number`,
`boolean`, `enum` (with allowed values), `colour` and `list<string>` (comma-separated).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PropertyDef:
    key: str
    default: str
    type: str = "string"
    name: str | None = None
    desc: str | None = None
    allowed: tuple[str, ...] = ()
    advanced: bool = False  # shown on "General Configuration > Advanced Settings"
    sysadmin_only: bool = False  # editable by system administrators only (EditPermissionLevel.SYSADMIN_ONLY)

    @property
    def display_name(self) -> str:
        return self.name or self.key


# The default issue navigator columns (GET/PUT /rest/api/2/settings/columns) and their labels.
NAVIGATOR_COLUMNS_KEY = "jira.table.cols.navigator"
NAVIGABLE_FIELDS: dict[str, str] = {
    "issuetype": "Issue Type",
    "issuekey": "Key",
    "summary": "Summary",
    "assignee": "Assignee",
    "reporter": "Reporter",
    "priority": "Priority",
    "status": "Status",
    "resolution": "Resolution",
    "created": "Created",
    "updated": "Updated",
    "duedate": "Due Date",
    "creator": "Creator",
    "project": "Project",
    "description": "Description",
    "environment": "Environment",
    "components": "Component/s",
    "fixVersions": "Fix Version/s",
    "versions": "Affects Version/s",
    "labels": "Labels",
    "resolutiondate": "Resolved",
    "lastViewed": "Last Viewed",
    "votes": "Votes",
    "watches": "Watchers",
    "security": "Security Level",
    "subtasks": "Sub-Tasks",
    "progress": "Progress",
    "aggregateprogress": "\u03a3 Progress",
    "timeoriginalestimate": "Original Estimate",
    "timeestimate": "Remaining Estimate",
    "timespent": "Time Spent",
    "aggregatetimeoriginalestimate": "\u03a3 Original Estimate",
    "aggregatetimeestimate": "\u03a3 Remaining Estimate",
    "aggregatetimespent": "\u03a3 Time Spent",
    "workratio": "Work Ratio",
    "thumbnail": "Images",
}
DEFAULT_NAVIGATOR_COLUMNS = (
    "issuetype, issuekey, summary, assignee, reporter, priority, status, resolution, created, updated, duedate"
)
LINK_SORT_FIELDS = ("type", "status", "priority", "key", "resolution")

_BOOL = "boolean"
_UINT = "uint"

PROPERTIES: tuple[PropertyDef, ...] = (
    # General configuration
    PropertyDef("jira.title", "Jira", name="Jira application title",
                desc="The title of this installation, shown in the header and browser title."),
    PropertyDef("jira.mode", "private", "enum", name="Mode", allowed=("public", "private"),
                desc="In public mode anyone can sign up for an account; in private mode only administrators "
                "create accounts."),
    PropertyDef("jira.baseurl", "", name="Base URL", sysadmin_only=True,
                desc="The absolute URL of this installation, used in self links and notifications. Empty: "
                "the URL of each request."),
    PropertyDef("jira.introduction", "", name="Introduction",
                desc="A short introduction shown on the dashboard and login page."),
    PropertyDef("jira.default.timezone", "UTC", name="Default user time zone",
                desc="The time zone of users who have not chosen one (an IANA name such as Europe/Berlin)."),
    PropertyDef("jira.i18n.language.index", "english-moderate-stemming", name="Indexing language",
                desc="The language used to index text for searching."),
    PropertyDef("jira.option.emailvisible", "show", "enum", name="User email visibility",
                allowed=("show", "hide", "mask", "user")),
    PropertyDef("jira.show.contact.administrators.form", "false", _BOOL, name="Contact Administrators Form"),
    PropertyDef("jira.maximum.authentication.attempts.allowed", "3", _UINT,
                name="Maximum authentication attempts allowed",
                desc="The number of failed logins after which a CAPTCHA is required."),
    PropertyDef("jira.websudo.is.disabled", "false", _BOOL, name="Disable secure administrator sessions"),
    PropertyDef("jira.text.field.character.limit", "32767", _UINT, name="Text field character limit",
                desc="The maximum number of characters to be entered for a single field."),
    # Options (Administration > System > General configuration > Options)
    PropertyDef("jira.option.voting", "true", _BOOL, name="Voting"),
    PropertyDef("jira.option.watching", "true", _BOOL, name="Watching"),
    PropertyDef("jira.option.allowunassigned", "false", _BOOL, name="Allow unassigned issues"),
    PropertyDef("jira.option.allowsubtasks", "true", _BOOL, name="Sub-tasks"),
    PropertyDef("jira.option.issuelinking", "true", _BOOL, name="Issue linking"),
    PropertyDef("jira.option.allowthumbnails", "true", _BOOL, name="Enable thumbnails"),
    # Attachments
    PropertyDef("jira.option.allowattachments", "true", _BOOL, name="Allow attachments", sysadmin_only=True),
    PropertyDef("jira.attachment.size", "10485760", _UINT, name="Attachment size",
                desc="The maximum size of an attachment, in bytes.", sysadmin_only=True),
    PropertyDef("jira.attachment.number.of.zip.entries", "30", _UINT, advanced=True,
                name="Maximum number of zip entries to display",
                desc="The contents of zip attachments can be displayed, but often there are too many to display."),
    # Time tracking
    PropertyDef("jira.option.timetracking", "true", _BOOL, name="Time tracking"),
    PropertyDef("jira.timetracking.hours.per.day", "8", "number", name="Working hours per day"),
    PropertyDef("jira.timetracking.days.per.week", "5", "number", name="Working days per week"),
    PropertyDef("jira.timetracking.format", "pretty", "enum", name="Time display format",
                allowed=("pretty", "days", "hours")),
    PropertyDef("jira.timetracking.default.unit", "minute", "enum", name="Default unit for time tracking",
                allowed=("minute", "hour", "day", "week")),
    PropertyDef("jira.timetracking.copy.comment.to.work.desc.on.transition", "true", _BOOL,
                name="Copy comment to work description"),
    # Look and feel: date formats
    PropertyDef("jira.lf.date.time", "h:mm a", name="Time format"),
    PropertyDef("jira.lf.date.day", "EEEE h:mm a", name="Day format"),
    PropertyDef("jira.lf.date.complete", "dd/MMM/yy h:mm a", name="Complete date/time format"),
    PropertyDef("jira.lf.date.dmy", "dd/MMM/yy", name="Day/Month/Year format"),
    PropertyDef("jira.lf.date.relativize", "true", _BOOL, name="Use relative dates"),
    PropertyDef("jira.lf.text.headingcolour", "#172b4d", "colour", advanced=True, name="Heading colour",
                desc="The colour of headings, as #rgb or #rrggbb."),
    # Projects
    PropertyDef("jira.projectkey.pattern", "([A-Z][A-Z0-9]+)", advanced=True, name="Jira project key pattern",
                desc="A regular expression that defines a valid project key."),
    PropertyDef("jira.projectkey.maxlength", "10", _UINT, name="Maximum project key size"),
    PropertyDef("jira.projectname.maxlength", "80", _UINT, name="Maximum project name size"),
    PropertyDef("jira.projectkey.warning", "admin.errors.must.specify.unique.project.key", advanced=True,
                name="Jira project key warning",
                desc="The warning (or the key of a translated warning) shown when a project key does not "
                "match the pattern."),
    # Advanced settings
    PropertyDef("jira.bulk.create.max.issues.per.import", "2000", _UINT, advanced=True,
                name="Maximum issues per import",
                desc="The maximum number of issues that can be created in one bulk import (such as a CSV import)."),
    PropertyDef("jira.clone.prefix", "CLONE -", advanced=True,
                name="The prefix added to the Summary field of cloned issues"),
    PropertyDef("jira.comment.collapsing.minimum.hidden", "4", _UINT, advanced=True,
                name="Minimum number of hidden comments",
                desc="The minimum number of comments required for comment collapsing to occur. A value of 0 "
                "disables comment collapsing."),
    PropertyDef("jira.date.picker.java.format", "d/MMM/yy", advanced=True, name="Date Picker Format (Java)",
                desc="This part is only for the Java (server side) generated dates. Note that this should "
                "correspond to the javascript date picker format (jira.date.picker.javascript.format) setting."),
    PropertyDef("jira.date.picker.javascript.format", "%e/%b/%y", advanced=True,
                name="Date Picker Format (JavaScript)",
                desc="This part is only for the JavaScript (client side) generated dates. Note that this should "
                "correspond to the java date picker format (jira.date.picker.java.format) setting."),
    PropertyDef("jira.date.time.picker.java.format", "dd/MMM/yy h:mm a", advanced=True,
                name="DateTime Picker Format (Java)",
                desc="This part is only for the Java (server side) generated datetimes. Note that this should "
                "correspond to the javascript datetime picker format (jira.date.time.picker.javascript.format) "
                "setting."),
    PropertyDef("jira.date.time.picker.javascript.format", "%e/%b/%y %I:%M %p", advanced=True,
                name="DateTime Picker Format (JavaScript)",
                desc="This part is only for the JavaScript (client side) generated date times. Note that this "
                "should correspond to the java datetime picker format (jira.date.time.picker.java.format) "
                "setting."),
    PropertyDef("jira.issue.actions.order", "asc", "enum", advanced=True, name="Jira issue actions order",
                allowed=("asc", "desc"),
                desc="The default order of actions (tab items like 'Comments', 'Change History' etc) on the "
                "'View Issue' screen, by date, from top to bottom."),
    PropertyDef("jira.issuenav.criteria.autoupdate", "true", _BOOL, advanced=True,
                name="Issue navigator criteria auto update",
                desc="Whether the search results update as soon as a search criterion changes."),
    PropertyDef("jira.newsletter.tip.delay.days", "7", _UINT, advanced=True, name="Newsletter tip delay",
                desc="The number of days before a prompt to sign up to the Jira Insiders newsletter is shown. "
                "A value of -1 disables this functionality."),
    PropertyDef("jira.option.user.crowd.allow.rename", "false", _BOOL, advanced=True, sysadmin_only=True,
                name="Allow renaming of users when Jira acts as a Crowd server"),
    PropertyDef("jira.table.cols.subtasks", "issuetype, status, assignee, progress", "list<string>",
                advanced=True, name="Jira subtasks table columns",
                desc="The columns to show when viewing sub-task issues in a table"),
    PropertyDef("jira.view.issue.links.sort.order", "type, status, priority", "list<string>", advanced=True,
                name="Sort order for view issue links",
                desc="Specifies the sort order of the issue links on the 'View Issue' screen."),
    # Search and limits
    PropertyDef(NAVIGATOR_COLUMNS_KEY, DEFAULT_NAVIGATOR_COLUMNS, "list<string>",
                name="Issue navigator default columns",
                desc="The columns of the issue navigator for users who have not chosen their own."),
    PropertyDef("jira.search.views.default.max", "1000", _UINT, name="Default maximum search results",
                desc="The maximum number of results a search returns when the caller asks for more."),
    PropertyDef("jira.search.views.max.limit", "1000", _UINT, name="Maximum search results"),
    PropertyDef("jira.bulk.edit.limit.issue.count", "1000", _UINT, name="Bulk edit issue limit"),
    PropertyDef("jira.ajax.autocomplete.limit", "20", _UINT, name="AJAX Auto-complete Limit",
                desc="The maximum number of items to show when making suggestions for auto-complete."),
)

REGISTRY: dict[str, PropertyDef] = {p.key: p for p in PROPERTIES}
