"""Jira wiki markup rendering: the markup Jira users write, and hostile input that must stay inert."""

from __future__ import annotations

import re

import pytest

from ticketry.core.wiki import render_wiki


def test_none_and_empty() -> None:
    assert render_wiki(None) is None
    assert render_wiki("") == ""


@pytest.mark.parametrize(("source", "expected"), [
    ("plain", "<p>plain</p>"),
    ("*bold*", "<p><b>bold</b></p>"),
    ("_italic_", "<p><em>italic</em></p>"),
    ("-strike-", "<p><del>strike</del></p>"),
    ("+under+", "<p><ins>under</ins></p>"),
    ("x^sup^", "<p>x<sup>sup</sup></p>"),
    ("H~2~O", "<p>H<sub>2</sub>O</p>"),
    ("{{mono}}", "<p><tt>mono</tt></p>"),
    ("??cite??", "<p><cite>cite</cite></p>"),
    ("a *b* and _c_ mixed", "<p>a <b>b</b> and <em>c</em> mixed</p>"),
    ("snake_case_name and a-b-c", "<p>snake_case_name and a-b-c</p>"),
    ("2 * 3 * 4", "<p>2 * 3 * 4</p>"),
    ("\\*literal\\*", "<p>*literal*</p>"),
    ("one\\\\two", "<p>one<br/>two</p>"),
])
def test_phrases(source: str, expected: str) -> None:
    assert render_wiki(source) == expected


def test_paragraphs_and_line_breaks() -> None:
    assert render_wiki("one\ntwo\n\nthree\r\nfour") == "<p>one<br/>\ntwo</p>\n<p>three<br/>\nfour</p>"


def test_headings_rule_and_quotes() -> None:
    assert render_wiki("h1. Title") == "<h1>Title</h1>"
    assert render_wiki("h3. *Bold* heading") == "<h3><b>Bold</b> heading</h3>"
    assert render_wiki("h7. no") == "<p>h7. no</p>"
    assert render_wiki("above\n----\nbelow") == "<p>above</p>\n<hr />\n<p>below</p>"
    assert render_wiki("bq. quoted") == "<blockquote><p>quoted</p></blockquote>"
    assert render_wiki("{quote}said *this*\n\nand that{quote}") == (
        "<blockquote><p>said <b>this</b></p>\n<p>and that</p></blockquote>")


def test_lists() -> None:
    assert render_wiki("* a\n* b") == "<ul><li>a</li><li>b</li></ul>"
    assert render_wiki("# one\n# two") == "<ol><li>one</li><li>two</li></ol>"
    assert render_wiki("* a\n** a1\n** a2\n* b") == "<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b</li></ul>"
    assert render_wiki("# n\n#* bullet") == "<ol><li>n<ul><li>bullet</li></ul></li></ol>"
    assert render_wiki("- dash") == "<ul><li>dash</li></ul>"
    assert render_wiki("** deep") == "<ul><li><ul><li>deep</li></ul></li></ul>"
    assert render_wiki("text\n\n* item\nmore") == "<p>text</p>\n<ul><li>item</li></ul>\n<p>more</p>"


def test_code_and_noformat_keep_their_text() -> None:
    code = render_wiki("{code:python}\nx = *a* _b_ [x|http://e.com]\n<b>\n{code}")
    assert code == ('<div class="code panel" style="border-width: 1px;"><div class="codeContent panelContent">\n'
                    '<pre class="code-python">x = *a* _b_ [x|http://e.com]\n&lt;b&gt;</pre>\n</div></div>')
    assert '<pre class="code-java">' in (render_wiki("{code}a{code}") or "")
    assert '<pre class="code-java">' in (render_wiki('{code:title=x"><script>}a{code}') or "")
    noformat = render_wiki("before\n{noformat}*raw*{noformat}\nafter")
    assert noformat == ('<p>before</p>\n<div class="preformatted panel" style="border-width: 1px;">'
                        '<div class="preformattedContent panelContent">\n<pre>*raw*</pre>\n</div></div>\n'
                        '<p>after</p>')


def test_links_and_mentions() -> None:
    assert render_wiki("[Example|https://example.com/a?b=1&c=2]") == (
        '<p><a href="https://example.com/a?b=1&amp;c=2" class="external-link" rel="nofollow">Example</a></p>')
    assert render_wiki("[http://example.com]") == (
        '<p><a href="http://example.com" class="external-link" rel="nofollow">http://example.com</a></p>')
    assert render_wiki("see https://example.com/x_y_z.") == (
        '<p>see <a href="https://example.com/x_y_z" class="external-link" rel="nofollow">'
        'https://example.com/x_y_z</a>.</p>')
    assert render_wiki("mail mailto:me@example.com") == (
        '<p>mail <a href="mailto:me@example.com" class="external-link" rel="nofollow">mailto:me@example.com</a></p>')
    assert render_wiki("[~jdoe]") == (
        '<p><a href="/secure/ViewProfile.jspa?name=jdoe" class="user-hover" rel="jdoe">jdoe</a></p>')
    custom = render_wiki("hi [~jdoe]", mention=lambda name: f'<a class="user-hover">{name.upper()}</a>')
    assert custom == '<p>hi <a class="user-hover">JDOE</a></p>'


def test_tables() -> None:
    assert render_wiki("||h1||h2||\n|a|[b|http://b.org]|") == (
        "<div class='table-wrap'>\n<table class='confluenceTable'><tbody>\n"
        "<tr><th class='confluenceTh'>h1</th><th class='confluenceTh'>h2</th></tr>\n"
        "<tr><td class='confluenceTd'>a</td><td class='confluenceTd'>"
        '<a href="http://b.org" class="external-link" rel="nofollow">b</a></td></tr>\n'
        "</tbody></table>\n</div>")


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[click|javascript:alert(1)]",
    "[javascript:alert(1)]",
    "javascript:alert(1)",
    "[x|JaVaScRiPt:alert(1)]",
    "[x|data:text/html;base64,PHNjcmlwdD4=]",
    '[x|http://a.b/" onmouseover="alert(1)]',
    "[~<script>alert(1)</script>]",
    "{code:<script>}<script>alert(1)</script>{code}",
    "{quote}<iframe src=javascript:alert(1)>{quote}",
    "||<b onclick=x>||\n|<i>|",
    "h1. <script>x</script>",
    "* <a href=javascript:x>y</a>",
    "*unbalanced _markup {code} [link| {{mono",
    "{noformat}never closed <script>",
    "\x00123\x00 placeholder lookalike \x000\x00",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_input_stays_inert(source: str) -> None:
    rendered = render_wiki(source) or ""
    tags = re.findall(r"<\s*([a-zA-Z0-9]+)", rendered)
    allowed = {"p", "br", "b", "em", "del", "ins", "sup", "sub", "tt", "cite", "h1", "h2", "h3", "h4", "h5",
               "h6", "ul", "ol", "li", "div", "pre", "blockquote", "a", "table", "tbody", "tr", "th", "td", "hr"}
    assert set(tags) <= allowed, rendered
    assert "javascript:" not in re.sub(r"<[^>]*>", "", rendered) or "href=\"javascript" not in rendered
    for href in re.findall(r'href="([^"]*)"', rendered):
        assert href.startswith(("http://", "https://", "mailto:", "/secure/ViewProfile.jspa")), rendered
    assert not re.search(r"<[^>]*\son\w+\s*=", rendered), rendered
    assert "\x00" not in rendered


@pytest.mark.parametrize("source", [
    "*a " * 10000, "_a " * 10000, "{{" * 16000, "-a " * 10000, "^a " * 10000, "??a " * 8000,
    "|" + "[" * 32000, "|[a|" * 8000, "{noformat}" + "{code}x" * 3000, "[~" * 10000, "* x\n" * 8000,
    "{quote}" * 4000, "http://" * 4000,
])
def test_pathological_input_renders(source: str) -> None:
    """Inputs that make backtracking regular expressions explode; a regression hangs here, visibly.
    (Tests assert no timings; rendering speed belongs to benchmarks.)"""
    rendered = render_wiki(source)
    assert rendered.startswith("<") and "\x00" not in rendered
