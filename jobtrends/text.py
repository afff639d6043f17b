"""HTML to plain text that keeps a posting's structure, shared by crawl, import and tagging.

One heading, paragraph or list item a line (blocks separated by a blank line, list items as
"- " lines), so section splitting and sentence boundaries survive. Job boards escape their
HTML once or twice (Greenhouse: `&lt;p&gt;` inside JSON), so entities are unescaped until
the text stops changing. Line breaks in HTML source are only spaces (outside <pre>).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Invisible characters that split or glue words: zero-width space/joiners, word joiner,
# byte-order mark, soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Tags common in job descriptions; "x < y and y > z" is not HTML.
_TAG = re.compile(
    r"</?(p|div|br|li|ul|ol|h[1-6]|span|strong|b|i|em|u|a|table|tr|td|th|section|article|font|hr|pre)\b[^<>]*/?>",
    re.IGNORECASE,
)
BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "aside", "main", "blockquote", "pre",
    "ul", "ol", "dl", "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "form",
    "fieldset", "figure", "figcaption", "details", "summary", "nav", "address",
}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "head", "title"}
MAX_UNESCAPE_ROUNDS = 5


def unescape_until_stable(text: str, max_rounds: int = MAX_UNESCAPE_ROUNDS) -> str:
    """html.unescape repeatedly: `&amp;lt;p&amp;gt;` -> `&lt;p&gt;` -> `<p>`."""
    for _ in range(max_rounds):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


def looks_like_html(text: str) -> bool:
    """Whether `text` holds tags (possibly escaped) rather than plain prose."""
    return bool(_TAG.search(unescape_until_stable(text[:20000])))


class _TextExtractor(HTMLParser):
    """Collects text, turning block boundaries into newlines and <li> into "- " lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED_TAGS:
            self._skip_depth += 1
            return
        if tag == "pre":
            self._pre_depth += 1
        if tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
        if tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        self.parts.append(data if self._pre_depth else re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """Plain text of `markup` (HTML, possibly entity-escaped several times), one block a line.
    Text without tags passes through, only normalised."""
    if not markup:
        return ""
    markup = unescape_until_stable(markup)
    if not _TAG.search(markup):
        return normalise_text(markup)
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    # Text nodes can still hold entities that were escaped once more than the tags.
    return normalise_text(unescape_until_stable("".join(parser.parts)))


def normalise_text(text: str) -> str:
    """Drop invisible characters, collapse spaces, strip lines, keep at most one blank line."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line in ("", "-") and (not out or out[-1] == ""):
            continue
        out.append("" if line == "-" else line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def posting_text(description: str | None, description_html: str | None) -> str:
    """The best plain text of a posting: from its HTML when present, else its description."""
    if description_html and description_html.strip():
        return html_to_text(description_html)
    return html_to_text(description or "")
