"""Jira's reserved words (they must be quoted to be used as values) and JQL keywords.

RESERVED_WORDS is Jira Server's JqlStringSupportImpl.RESERVED_WORDS, word for word (179 words).
"""

RESERVED_WORDS = frozenset("""
abort access add after alias all alter and any as asc audit avg before begin between boolean break by byte
catch cf changed char character check checkpoint collate collation column commit connect continue count create current
date decimal declare decrement default defaults define delete delimiter desc difference distinct divide do
double drop else empty encoding end equals escape exclusive exec execute exists explain false fetch file field
first float for from function go goto grant greater group having identified if immediate in increment index
initial inner inout input insert int integer intersect intersection into is isempty isnull join last left less
like limit lock long max min minus mode modify modulo more multiply next noaudit not notin nowait null number
object of on option or order outer output power previous prior privileges public raise raw remainder rename
resource return returns revoke right row rowid rownum rows select session set share size sqrt start strict
string subtract sum synonym table then to trans transaction trigger true uid union unique update user validate
values view was when whenever where while with
""".split())  # noqa: SIM905 (a word list reads better as text)

# Words the grammar gives a meaning; the lexer turns them into their own token types.
KEYWORDS = {
    "and": "AND", "or": "OR", "not": "NOT", "in": "IN", "is": "IS", "empty": "EMPTY", "null": "EMPTY",
    "order": "ORDER", "by": "BY", "asc": "ASC", "desc": "DESC", "was": "WAS", "changed": "CHANGED",
    "after": "AFTER", "before": "BEFORE", "on": "ON", "during": "DURING", "from": "FROM", "to": "TO",
}

# Characters Jira reserves outside quotes (besides those that are JQL's own punctuation).
RESERVED_CHARACTERS = frozenset("{}*/%^$#@?;")

# Every JQL function Jira knows (lower-case). An unknown name is "Unable to find JQL function 'x()'."; a known
# one used with a field it does not serve names the field too.
FUNCTIONS = frozenset(name.lower() for name in """
currentUser membersOf now startOfDay startOfWeek startOfMonth startOfYear endOfDay endOfWeek endOfMonth endOfYear
currentLogin lastLogin issueHistory linkedIssues votedIssues watchedIssues updatedBy componentsLeadByUser
projectsLeadByUser projectsWhereUserHasPermission projectsWhereUserHasRole releasedVersions unreleasedVersions
latestReleasedVersion earliestUnreleasedVersion standardIssueTypes subtaskIssueTypes cascadeOption
issuesWithRemoteLinksByGlobalId approved approver myApproval myApprovals myPending pending pendingBy breached
everBreached completed elapsed remaining paused running withinCalendarHours openSprints closedSprints futureSprints
""".split())  # noqa: SIM905
