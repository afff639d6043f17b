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
