"""Jira wiki markup to safe HTML, the way Jira renders text fields and comment bodies.

Everything is HTML-escaped first; markup then only adds the few tags generated here, and links
only ever point at http, https or mailto URLs. Raw HTML in the input never survives.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote

MentionRenderer = Callable[[str], str | None]

_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
_PRE_BLOCK = re.compile(r"\{(code|noformat)(?::([^}\n]*))?\}(.*?)\{\1\}", re.DOTALL)
_QUOTE_BLOCK = re.compile(r"\{quote\}(.*?)\{quote\}", re.DOTALL)
_HEADING = re.compile(r"^\s*h([1-6])\.\s*(.*)$")
_BLOCKQUOTE = re.compile(r"^\s*bq\.\s*(.*)$")
_LIST_ITEM = re.compile(r"^\s*([*#-]+)\s+(.*)$")
_RULE = re.compile(r"^\s*-{4,}\s*$")
_TABLE_CELL = re.compile(r"(\|\|?)((?:\[[^\]|\[]*\|[^\]\[]*\]|[^|])*)")
_SAFE_URL = re.compile(r"^(?:https?://|mailto:)[^\s]+$", re.IGNORECASE)
_LINK = re.compile(r"\[([^\[\]\n]*?)\]")
_BARE_URL = re.compile(r"(?<![\w/\"=])((?:https?://|mailto:)(?:(?!&lt;|&gt;|&quot;|&#x27;)[^\s\[\]|])+)",
                       re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)"
_ESCAPED_CHAR = re.compile(r"\\([*_\-+^~{}\[\]|!?#])")
_FORCED_BREAK = re.compile(r"\\\\")
_CODE_LANGUAGE = re.compile(r"^[A-Za-z0-9+#-]{1,20}$")


def _phrase(marker: str, *, within_words: bool = False) -> re.Pattern[str]:
    """Text between markers on one line; the content never holds the marker, so matching stays linear."""
    m = re.escape(marker)
    content = rf"(?=[^\s{m}])([^{m}\n]+?)(?<=[^\s{m}])"
    if within_words:  # x^2^, H~2~O
        return re.compile(rf"(?<!{m}){m}{content}{m}(?!{m})")
    return re.compile(rf"(?<![\w{m}]){m}{content}{m}(?![\w{m}])")


_PHRASES = [
    (re.compile(r"\{\{([^{}\n]+?)\}\}"), "tt"),
    (_phrase("*"), "b"),
    (_phrase("_"), "em"),
    (_phrase("-"), "del"),
    (_phrase("+"), "ins"),
    (_phrase("^", within_words=True), "sup"),
    (_phrase("~", within_words=True), "sub"),
    (re.compile(r"\?\?(?=[^\s?])([^?\n]+?)(?<=[^\s?])\?\?"), "cite"),
]


def render_wiki(text: str | None, *, mention: MentionRenderer | None = None) -> str | None:
    """Renders Jira wiki markup; `mention(username)` may return the HTML of a [~username] link."""
    if text is None:
        return None
    renderer = _Renderer(mention)
    source = html.escape(text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n"), quote=True)
    return renderer.resolve(renderer.blocks(source))


class _Renderer:
    def __init__(self, mention: MentionRenderer | None) -> None:
        self.stash: list[str] = []
        self.block_ids: set[int] = set()
        self.mention = mention

    def keep(self, fragment: str, *, block: bool = False) -> str:
        self.stash.append(fragment)
        index = len(self.stash) - 1
        if block:
            self.block_ids.add(index)
            return f"\n\x00{index}\x00\n"
        return f"\x00{index}\x00"

    def resolve(self, rendered: str) -> str:
        while _PLACEHOLDER.search(rendered):
            rendered = _PLACEHOLDER.sub(lambda m: self.stash[int(m.group(1))], rendered)
        return rendered

    # Blocks -----------------------------------------------------------------------------------

    def blocks(self, source: str) -> str:
        source = _PRE_BLOCK.sub(self._pre_block, source)
        source = _QUOTE_BLOCK.sub(lambda m: self.keep(
            f"<blockquote>{self.blocks(m.group(1).strip(chr(10)))}</blockquote>", block=True), source)
        out: list[str] = []
        paragraph: list[str] = []
        items: list[tuple[str, str]] = []
        table: list[str] = []

        def flush() -> None:
            if paragraph:
                out.append("<p>" + "<br/>\n".join(self.inline(line) for line in paragraph) + "</p>")
                paragraph.clear()
            if items:
                out.append(self._list(items))
                items.clear()
            if table:
                out.append(self._table(table))
                table.clear()

        for line in source.split("\n"):
            placeholder = _PLACEHOLDER.fullmatch(line.strip())
            if placeholder and int(placeholder.group(1)) in self.block_ids:
                flush()
                out.append(line.strip())
            elif not line.strip():
                flush()
            elif _RULE.match(line):
                flush()
                out.append("<hr />")
            elif heading := _HEADING.match(line):
                flush()
                level = heading.group(1)
                out.append(f"<h{level}>{self.inline(heading.group(2))}</h{level}>")
            elif quoted := _BLOCKQUOTE.match(line):
                flush()
                out.append(f"<blockquote><p>{self.inline(quoted.group(1))}</p></blockquote>")
            elif (item := _LIST_ITEM.match(line)) and not paragraph and not table:
                items.append((item.group(1), item.group(2)))
            elif line.lstrip().startswith("|") and not paragraph and not items:
                table.append(line.strip())
            else:
                if items or table:
                    flush()
                paragraph.append(line)
        flush()
        return "\n".join(out)

    def _pre_block(self, match: re.Match[str]) -> str:
        kind, options, body = match.group(1), match.group(2) or "", match.group(3).strip("\n")
        if kind == "noformat":
            return self.keep(
                '<div class="preformatted panel" style="border-width: 1px;"><div class="preformattedContent '
                f'panelContent">\n<pre>{body}</pre>\n</div></div>', block=True)
        language = options.split("|")[0].strip() if "=" not in options.split("|")[0] else ""
        language = language.lower() if _CODE_LANGUAGE.match(language) else "java"
        return self.keep(
            '<div class="code panel" style="border-width: 1px;"><div class="codeContent panelContent">\n'
            f'<pre class="code-{html.escape(language)}">{body}</pre>\n</div></div>', block=True)

    def _list(self, items: list[tuple[str, str]]) -> str:
        out: list[str] = []
        stack: list[str] = []
        for markers, text in items:
            depth = len(markers)
            while len(stack) > depth:
                out.append(f"</li></{stack.pop()}>")
            if stack and len(stack) == depth and stack[-1] != _list_tag(markers[-1]):
                out.append(f"</li></{stack.pop()}>")
            if len(stack) == depth:
                out.append("</li>")
            opened_inside = False
            while len(stack) < depth:
                if opened_inside:
                    out.append("<li>")
                tag = _list_tag(markers[len(stack)])
                out.append(f"<{tag}>")
                stack.append(tag)
                opened_inside = True
            out.append(f"<li>{self.inline(text)}")
        while stack:
            out.append(f"</li></{stack.pop()}>")
        return "".join(out)

    def _table(self, rows: list[str]) -> str:
        out = ["<div class='table-wrap'>", "<table class='confluenceTable'><tbody>"]
        for row in rows:
            cells = _TABLE_CELL.findall(row)
            if cells and cells[-1][1].strip() == "":
                cells = cells[:-1]
            rendered = "".join(
                f"<th class='confluenceTh'>{self.inline(body.strip())}</th>" if marker == "||"
                else f"<td class='confluenceTd'>{self.inline(body.strip())}</td>"
                for marker, body in cells
            )
            out.append(f"<tr>{rendered}</tr>")
        out.append("</tbody></table>")
        out.append("</div>")
        return "\n".join(out)

    # Inline -----------------------------------------------------------------------------------

    def inline(self, text: str) -> str:
        text = _FORCED_BREAK.sub(lambda m: self.keep("<br/>"), text)
        text = _ESCAPED_CHAR.sub(lambda m: self.keep(m.group(1)), text)
        text = _LINK.sub(self._link, text)
        text = _BARE_URL.sub(self._bare_url, text)
        return self.phrases(text)

    def phrases(self, text: str) -> str:
        for pattern, tag in _PHRASES:
            text = pattern.sub(lambda m, t=tag: f"<{t}>{m.group(1)}</{t}>", text)  # type: ignore[misc]
        return text

    def _link(self, match: re.Match[str]) -> str:
        inner = match.group(1)
        label, _, target = inner.rpartition("|")
        target = target.strip()
        if target.startswith("~") and len(target) > 1:
            return self.keep(self._mention(html.unescape(target[1:])))
        if not _SAFE_URL.match(target):
            return match.group(0)
        text = self.phrases(label) if label.strip() else target
        return self.keep(f'<a href="{target}" class="external-link" rel="nofollow">{text}</a>')

    def _bare_url(self, match: re.Match[str]) -> str:
        url = match.group(1)
        trailing = ""
        while url and url[-1] in _TRAILING_PUNCTUATION:
            trailing = url[-1] + trailing
            url = url[:-1]
        if not _SAFE_URL.match(url) or url.lower() in ("http://", "https://", "mailto:"):
            return match.group(0)
        return self.keep(f'<a href="{url}" class="external-link" rel="nofollow">{url}</a>') + trailing

    def _mention(self, username: str) -> str:
        if self.mention is not None:
            custom = self.mention(username)
            if custom is not None:
                return custom
        name = html.escape(username, quote=True)
        return (f'<a href="/secure/ViewProfile.jspa?name={quote(username, safe="")}" class="user-hover" '
                f'rel="{name}">{name}</a>')


def _list_tag(marker: str) -> str:
    return "ol" if marker == "#" else "ul"
