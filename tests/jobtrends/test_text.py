from jobtrends.text import html_to_text, looks_like_html, normalise_text, posting_text, unescape_until_stable


def test_double_escaped_html_becomes_structured_text():
    # Greenhouse-style: the HTML arrives escaped, and an entity inside it escaped once more.
    markup = ("&amp;lt;h2&amp;gt;What you&amp;amp;#39;ll do&amp;lt;/h2&amp;gt;"
              "&amp;lt;ul&amp;gt;&amp;lt;li&amp;gt;Build R&amp;amp;amp;D tools&amp;lt;/li&amp;gt;"
              "&amp;lt;li&amp;gt;Ship&amp;amp;nbsp;models&amp;lt;/li&amp;gt;&amp;lt;/ul&amp;gt;")
    assert html_to_text(markup) == "What you'll do\n\n- Build R&D tools\n- Ship models"


def test_unescape_stops_when_stable():
    assert unescape_until_stable("&amp;amp;lt;b&amp;amp;gt;") == "<b>"
    assert unescape_until_stable("plain & simple") == "plain & simple"


def test_blocks_lines_scripts_and_invisible_characters():
    markup = ("<div><p>Hello\u200b wor\u00adld</p><script>var x = 1;</script>"
              "<p>Line one<br>Line\u00a0two</p><style>p{}</style></div>")
    assert html_to_text(markup) == "Hello world\n\nLine one\nLine two"


def test_normalise_text_collapses_blank_lines_and_spaces():
    assert normalise_text("a  \t b\r\n\r\n\r\n\n c \n") == "a b\n\nc"


def test_posting_text_prefers_html_and_detects_html_in_description():
    assert posting_text("ignored", "<p>From HTML</p>") == "From HTML"
    assert posting_text("&lt;p&gt;Escaped&lt;/p&gt;", None) == "Escaped"
    assert posting_text("Just text &amp; more", None) == "Just text & more"
    assert looks_like_html("<li>x</li>") and not looks_like_html("x < y and y > z")


# --- The fast tokenizer against the html.parser implementation it replaced -----------------
# reference_html_to_text is the former jobtrends.text.html_to_text, kept here verbatim as the
# definition of the right output: the fast one must give the same text for every description.

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jobtrends import text as text_module

ROOT = Path(__file__).resolve().parents[2]


class _ReferenceExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._pre_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in text_module.SKIPPED_TAGS:
            self._skip_depth += 1
            return
        if tag == "pre":
            self._pre_depth += 1
        if tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in text_module.BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in text_module.SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
        if tag in text_module.BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._skip_depth:
            return
        self.parts.append(data if self._pre_depth else re.sub(r"\s+", " ", data))


def _reference_normalise(text):
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [re.sub(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", line).strip() for line in text.split("\n")]
    out = []
    for line in lines:
        if line in ("", "-") and (not out or out[-1] == ""):
            continue
        out.append("" if line == "-" else line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def reference_html_to_text(markup):
    if not markup:
        return ""
    markup = unescape_until_stable(markup)
    if not text_module._TAG.search(markup):
        return _reference_normalise(markup)
    parser = _ReferenceExtractor()
    parser.feed(markup)
    parser.close()
    return _reference_normalise(unescape_until_stable("".join(parser.parts)))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _project_descriptions():
    """Every string of the sample boards (all kinds), crawl fixtures and eval sets: each
    description, escaped or not, and whole HTML pages."""
    found = []
    for base in ("data/sample/boards", "tests/crawl/fixtures"):
        for path in sorted((ROOT / base).rglob("*")):
            if not path.is_file():
                continue
            content = path.read_text(encoding="utf-8")
            try:
                values = list(_strings(json.loads(content))) if path.suffix == ".json" else [content]
            except ValueError:  # a deliberately broken fixture: its text as markup
                values = [content]
            found += [v for v in values if len(v) > 20]
    for path in sorted((ROOT / "data/eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found += [v for v in _strings(json.loads(line)) if len(v) > 20]
    return found


def test_fast_html_to_text_equals_the_html_parser_reference_on_every_project_description():
    descriptions = _project_descriptions()
    assert len(descriptions) > 1000
    differing = [d[:200] for d in descriptions if html_to_text(d) != reference_html_to_text(d)]
    assert differing == []
    # The fast tokenizer itself read them (the html.parser fallback is for broken markup).
    refused = [d[:200] for d in descriptions
               if text_module._TAG.search(unescape_until_stable(d))
               and text_module._text_parts(unescape_until_stable(d)) is None]
    assert refused == []


EDGE_CASES = [
    "<P CLASS='x'>Upper <B>case</B></P><UL><LI>one<LI>two</UL>",
    "<p title=\"a > b\">quoted &gt; in attribute</p><p data-x='<li>'>still one block</p>",
    "<div>a<br/>b<br />c<br>d<hr/>e<hr>f</div>",
    "<p>before<script>if (a < b) { document.write('<p>x</p>'); }</script>after</p>",
    "<p>x<style>p { color: red }</STYLE >y</p><p>z<script>never closed <p>lost",
    "<p>keep</p><!-- a <p>comment</p> --><!DOCTYPE html><?xml version='1.0'?><p>on</p>",
    "<pre>  two  spaces\n  and lines </pre><p>  after   pre  </p>",
    "<p>maths: 1 < 2 and 3 <= 4, arrow <- here</p>",
    "<p>unclosed <b attr</p><p>next</p>",
    "<a href=x/>self-closing or not</a><p/>empty<li/>item",
    "<p>a &amp;amp; b &nbsp; c&#x20;&#10;d</p><td>cell</td><th>head</th>",
    "<p>bad attribute <a href= >x</a> <a ==y>z</a> <img src=\"a\"alt=b></p>",
    "<title>hidden <p>shown break</p></title><noscript>gone</noscript><svg><text>no</text></svg>ok",
    "<p>entity split &am</p>p; <b>&#</b>; & alone &;</p>",
    "<p>odd \x01 control \x02 marks \x03 kept</p><br>",
    "<p>comment unclosed <!-- runs <b>on</b></p>",
    "<p>end tag with attrs </p class='x'> and </ p > and </> and </3></p>",
    "<p>\u00a0\u2003spaced\u200b\u00adwords\r\nhere\t</p>",
    "text before <ul>\n  <li>\n    Item\n  </li>\n</ul> text after",
    "&lt;p&gt;escaped &amp;lt;li&amp;gt;twice&lt;/p&gt;",
]


@pytest.mark.parametrize("markup", EDGE_CASES)
def test_fast_html_to_text_equals_the_reference_on_edge_cases(markup):
    assert html_to_text(markup) == reference_html_to_text(markup)


def test_normalise_text_equals_the_reference():
    for sample in ("a  \t b\r\n\r\n\r\n\n c \n", "x\u00a0\u00a0y\u3000z\x1c w", "-\n\n- a\n-\n\nb  ", " \t\n"):
        assert normalise_text(sample) == _reference_normalise(sample)


def test_normalise_text_equals_the_reference_on_random_ascii_and_other_text():
    # normalise_text skips the passes that cannot change an ASCII text (no invisible
    # characters, no odd spaces but \t \f \v, no double space): same output either way.
    import random

    rng = random.Random(11)
    pieces = list("ab -\n\r\t\f\v  ") + ["\u200b", "\u00a0", "\u3000", "é", "\ufeff", "\u00ad", "\u2003", "\x1c", "\x85"]
    for alphabet in (pieces[:11], pieces):
        for _ in range(2000):
            sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            assert normalise_text(sample) == _reference_normalise(sample), repr(sample)
