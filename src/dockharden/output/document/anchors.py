"""Headings' anchors as GitHub makes them, so the table of contents links the same in the
markdown GitHub renders and in the HTML page (html.py gives each heading the same id)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt

from dockharden.output.formats.common import table_cell

_DROPPED = re.compile(r"[^\w\- ]")  # GitHub keeps letters, marks, numbers, _ and -; spaces become -


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # the heading's text as a reader sees it (no markup)
    anchor: str


def slug(text: str) -> str:
    """github-slugger's rule: lower case, punctuation and symbols dropped, each space a hyphen."""
    kept = "".join(c for c in text.lower() if unicodedata.category(c)[0] in "LMN" or c in "_- ")
    return _DROPPED.sub("", kept).replace(" ", "-")


def headings(markdown_text: str) -> list[Heading]:
    """Every heading in document order, with its anchor made unique the way GitHub does (-1, -2...)."""
    return headings_of(MarkdownIt("commonmark").enable("table").parse(markdown_text))


def headings_of(tokens: list) -> list[Heading]:
    """The same, from markdown-it's tokens (html.py gives each heading_open its anchor as id)."""
    seen: dict[str, int] = {}
    found = []
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type == "heading_open":
            text = plain_text(inline)
            base = slug(text)
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.append(Heading(int(opening.tag[1]), text, base if count == 0 else f"{base}-{count}"))
    return found


def plain_text(inline) -> str:
    return "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))


def contents(markdown_text: str, deepest: int = 3) -> str:
    """A nested list of links to the level 2 and 3 headings."""
    lines = [f"{'  ' * (h.level - 2)}- [{table_cell(h.text)}](#{h.anchor})" for h in headings(markdown_text) if 2 <= h.level <= deepest]
    return "## Contents\n\n" + "\n".join(lines) + "\n" if lines else ""
