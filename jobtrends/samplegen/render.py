"""Turn planned sections into HTML or plain text, in the employer's style."""

from __future__ import annotations

from html import escape as _escape

from .model import Section, Style


def escape(text: str) -> str:
    """Escape text for HTML content (quotes stay as typed, as most ATS editors leave them)."""
    return _escape(text, quote=False)


def as_sentence(section: Section, item: str) -> str:
    """A list item as prose: duties become 'You will ...', everything ends with a full stop."""
    text = item
    if section.kind == "responsibilities" and not _starts_with_acronym(item):
        text = "You will " + item[0].lower() + item[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _starts_with_acronym(text: str) -> bool:
    return len(text) > 1 and text[1].isupper()


def heading_html(text: str, tag: str) -> str:
    if tag == "strong":
        return f"<p><strong>{escape(text)}</strong></p>"
    return f"<{tag}>{escape(text)}</{tag}>"


def section_body_html(section: Section) -> str:
    """The section without its heading: a <ul>, or one <p> per paragraph."""
    if section.bullets:
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in section.items) + "</ul>"
    if section.kind in ("about", "intro", "eeo", "salary", "closing"):
        return "".join(f"<p>{escape(item)}</p>" for item in section.items)
    return "<p>" + escape(" ".join(as_sentence(section, item) for item in section.items)) + "</p>"


def section_html(section: Section, style: Style) -> str:
    head = heading_html(section.heading, style.heading_tag) if style.use_headings and section.heading else ""
    # The pitch often stands alone without a heading, as many boards open with it.
    if section.kind == "about" and style.heading_tag == "strong":
        head = ""
    return head + section_body_html(section)


def sections_html(sections: list[Section], style: Style) -> str:
    return "".join(section_html(s, style) for s in sections)


def section_plain(section: Section, with_heading: bool = True) -> str:
    lines = [section.heading] if with_heading and section.heading else []
    if section.bullets:
        lines += [f"- {item}" for item in section.items]
    elif section.kind in ("about", "intro", "eeo", "salary", "closing"):
        lines += list(section.items)
    else:
        lines.append(" ".join(as_sentence(section, item) for item in section.items))
    return "\n".join(lines)


def sections_plain(sections: list[Section], style: Style) -> str:
    return "\n\n".join(section_plain(s, style.use_headings) for s in sections)
