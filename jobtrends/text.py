"""HTML to plain text that keeps structure, shared by every way postings come in.

Block elements (headings, paragraphs, list items, line breaks) become lines; list items keep a
"- " marker so section splitting and sentence boundaries survive; entities are unescaped until
stable because some sources (Greenhouse) escape HTML that already holds entities.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "ul", "ol", "table", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "dt", "dd",
}
_SKIP = {"script", "style", "noscript", "template"}
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?\s*>")


def unescape_fully(text: str, rounds: int = 3) -> str:
    """Unescape entities until the text stops changing (double-escaped sources)."""
    for _ in range(rounds):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(unescape_fully(text)))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.in_pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "pre":
            self.in_pre += 1
            self.parts.append("\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.skipping:
            return
        # Line breaks in HTML source are just spaces; only blocks, <br> and <pre> make lines.
        self.parts.append(data if self.in_pre else re.sub(r"\s+", " ", data))


def normalise_whitespace(text: str) -> str:
    """One space between words, no blank-line runs, no zero-width junk."""
    text = _ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\xa0", " ")
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, one block per line; plain text passes through cleaned."""
    markup = unescape_fully(markup)
    if not _TAG.search(markup):
        return normalise_whitespace(markup)
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return normalise_whitespace("".join(parser.parts))
