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
# Spaces within a line, collapsed to one: the odd ones become " ", then runs of " " shrink
# (two cheap passes: a regex over every space costs more than the rest of the conversion).
_ODD_SPACES = re.compile(r"[\t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(" {2,}")
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


# Markup the fast tokenizer understands, at a "<" followed by a letter, "/", "!" or "?".
# It is a strict subset of what html.parser accepts, read the same way: end tags, start tags
# with plain attributes (quoted, bare or none), comments, declarations, processing
# instructions. Anything else (a "<" opening no well-formed tag) goes to _TolerantExtractor.
_ATTRIBUTE = r"""\s+[^\s/>"'=<][^\s/=>"'<]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"'=/<`]+(?=[\s>])))?"""
_MARKUP_TOKEN = re.compile(
    r"</\s*(?P<end>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>"
    rf"|<(?P<start>[a-zA-Z][^\t\n\r\f />\x00]*)(?:{_ATTRIBUTE})*\s*(?P<selfclose>/?)>"
    r"|<!--.*?--\s*>|<!(?!--)(?!\[)[^>]*>|<\?[^>]*>",
    re.DOTALL,
)
_MARKUP_START = re.compile(r"<[a-zA-Z/!?]")
# html.parser keeps the content of these raw (no tags inside) up to their end tag.
_UNMARK_CHARS = ("\x01", "\x02", "\x03")
_NO_MARKS = {"\n": "\n", "\n\n": "\n\n", "\n- ": "\n- "}
_RAW_TEXT_END = {"script": re.compile(r"</\s*script\s*>", re.I), "style": re.compile(r"</\s*style\s*>", re.I)}


# Break pieces stand as private-use characters while the source whitespace of the whole text
# is collapsed in one pass (their whitespace must survive it), then become line breaks.
# Control characters that html.unescape never makes and text keeps one byte a character.
_BREAK_MARKS = {"\n": "\x01", "\n\n": "\x02", "\n- ": "\x03"}
_PRE_TAG = re.compile(r"<pre\b", re.I)


def _text_parts(markup: str) -> list[str] | None:
    """The text and break pieces of `markup` as _TolerantExtractor makes them, by one regex
    pass; None when the markup holds something the strict tokenizer does not read.

    Without <pre>, every piece's source whitespace collapses to one space, so it is collapsed
    once over the joined text (breaks marked) instead of piece by piece: same text, faster."""
    whole = _PRE_TAG.search(markup) is None and not any(m in markup for m in _UNMARK_CHARS)
    mark = _BREAK_MARKS if whole else _NO_MARKS
    parts: list[str] = []
    skip_depth = pre_depth = 0
    position, length = 0, len(markup)
    while position < length:
        found = _MARKUP_START.search(markup, position)
        cut = found.start() if found else length
        if cut > position and not skip_depth:
            data = markup[position:cut]
            if "&" in data:
                data = html.unescape(data)
            parts.append(data if pre_depth or whole else _collapse_whitespace(data))
        if found is None:
            break
        token = _MARKUP_TOKEN.match(markup, cut)
        if token is None:
            return None
        position = token.end()
        start, end = token.group("start"), token.group("end")
        if start is not None:
            tag = start.lower()
            if token.group("selfclose"):
                if tag in ("br", "hr"):
                    parts.append(mark["\n"])
            elif tag in _RAW_TEXT_END:
                closing = _RAW_TEXT_END[tag].search(markup, position)
                position = closing.end() if closing else length  # unclosed: the rest is dropped
            elif tag in SKIPPED_TAGS:
                skip_depth += 1
            else:
                if tag == "pre":
                    pre_depth += 1
                if tag == "li":
                    parts.append(mark["\n- "])
                elif tag == "br":
                    parts.append(mark["\n"])
                elif tag in BLOCK_TAGS:
                    parts.append(mark["\n\n"])
                elif tag in ("td", "th"):
                    parts.append(" ")
        elif end is not None:
            tag = end.lower()
            if tag in SKIPPED_TAGS:
                skip_depth = max(0, skip_depth - 1)
                continue
            if tag == "pre":
                pre_depth = max(0, pre_depth - 1)
            if tag in BLOCK_TAGS:
                parts.append(mark["\n\n"])
    if whole:
        text = _collapse_whitespace("".join(parts))
        return [text.replace("\x01", "\n").replace("\x02", "\n\n").replace("\x03", "\n- ")]
    return parts


def _collapse_whitespace(text: str) -> str:
    """re.sub(r"\\s+", " ", text), faster: str.split() splits on the same (str.isspace) runs."""
    words = text.split()
    if not words:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + " ".join(words) + (" " if text[-1].isspace() else "")


class _TolerantExtractor(HTMLParser):
    """html.parser's reading of broken markup (unclosed tags, odd attributes), for the rare
    description the fast tokenizer refuses; makes the same pieces as _text_parts."""

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
        self.parts.append(data if self._pre_depth else _collapse_whitespace(data))


def _tolerant_parts(markup: str) -> list[str]:
    parser = _TolerantExtractor()
    parser.feed(markup)
    parser.close()
    return parser.parts


def html_to_text(markup: str) -> str:
    """Plain text of `markup` (HTML, possibly entity-escaped several times), one block a line.
    Text without tags passes through, only normalised."""
    if not markup:
        return ""
    markup = unescape_until_stable(markup)
    if not _TAG.search(markup):
        return normalise_text(markup)
    parts = _text_parts(markup)
    if parts is None:
        parts = _tolerant_parts(markup)
    # Text nodes can still hold entities that were escaped once more than the tags.
    return normalise_text(unescape_until_stable("".join(parts)))


def normalise_text(text: str) -> str:
    """Drop invisible characters, collapse spaces, strip lines, keep at most one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each pass only where it can change something (the same text, fewer scans): every
    # invisible character and odd space but \t, \f and \v is outside ASCII.
    ascii = text.isascii()
    if not ascii:
        text = _INVISIBLE.sub("", text)
    if not ascii or "\t" in text or "\f" in text or "\v" in text:
        text = _ODD_SPACES.sub(" ", text)
    # _SPACES holds no line break, so one pass over the whole text equals one a line.
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
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
