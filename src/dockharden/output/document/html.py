"""The verification document as one self-contained HTML page (no external assets, no script),
made from the markdown: headings get GitHub's anchors as ids, tables scroll in their own box,
checklist items are real (read-only) checkboxes, and print keeps every line of evidence."""
from __future__ import annotations

import html

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dockharden.output.document.anchors import headings_of

_STYLE = """
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--soft:#f6f8fa;--line:#d0d7de;--link:#0969da;--pass:#1a7f37;--warn:#9a6700;--fail:#cf222e;--nc:#6e7781;--info:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--soft:#161b22;--line:#30363d;--link:#4493f8;--pass:#3fb950;--warn:#d29922;--fail:#f85149;--nc:#8b949e;--info:#4493f8}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:0 auto;padding:1rem;color:var(--fg);background:var(--bg);line-height:1.5;overflow-wrap:anywhere}
a{color:var(--link)}
.table-wrap{overflow-x:auto;max-width:100%;margin:1rem 0}
table{border-collapse:collapse;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top;overflow-wrap:normal;min-width:5rem}
td:first-child{min-width:7.5rem;max-width:16rem}td code{overflow-wrap:anywhere}
th{background:var(--soft)}
code{background:var(--soft);padding:.1rem .3rem;border-radius:4px;font-size:.88em}
pre{background:var(--soft);padding:.8rem;overflow-x:auto;border-radius:6px;max-width:100%}
pre code{padding:0;background:none;overflow-wrap:normal}
h2{border-bottom:1px solid var(--line);padding-bottom:.3rem;margin-top:2rem}
h4{margin-bottom:.4rem}
details{margin:.5rem 0}summary{cursor:pointer;color:var(--nc)}
li.task{list-style:none;margin-left:-1.3rem}
li.task input{appearance:none;margin:0 .45rem 0 0;vertical-align:-.15em;width:1.05em;height:1.05em;border:2px solid var(--nc);border-radius:3px;display:inline-grid;place-content:center;print-color-adjust:exact;-webkit-print-color-adjust:exact}
li.task input:checked{background:var(--pass);border-color:var(--pass)}li.task input:checked::after{content:"✔";color:#fff;font-size:.75em;line-height:1}
.s{font-weight:700}.pass{color:var(--pass)}.warn{color:var(--warn)}.fail{color:var(--fail)}.nc{color:var(--nc)}.info{color:var(--info)}
@media print{
:root{color-scheme:light;--fg:#000;--bg:#fff;--soft:#f3f3f3}
body{max-width:none;padding:0;font-size:10pt}
.table-wrap{overflow:visible}
table{font-size:7.5pt;width:100%}th,td{min-width:0;padding:.2rem .3rem;overflow-wrap:anywhere}th{overflow-wrap:break-word;hyphens:manual}
pre{overflow:visible;white-space:pre-wrap;overflow-wrap:anywhere;break-inside:auto}
pre code{overflow-wrap:anywhere}
details::details-content{content-visibility:visible;display:contents}
summary{display:none}
h2,h3,h4{break-after:avoid}
a{color:inherit;text-decoration:none}
}
"""
# The checklist's boxes are disabled (the document is not a form) and drawn by the style above, so a ticked box reads
# as ticked rather than greyed out, on screen and in print.
# Status icons as text with colour: emoji fonts are missing on many servers and in print.
_ICONS = {
    "✅": '<span class="s pass" title="pass">✔</span>',
    "⚠️": '<span class="s warn" title="warning">!</span>',
    "❌": '<span class="s fail" title="fail">✘</span>',
    "➖": '<span class="s nc" title="not checked">–</span>',
    "ℹ️": '<span class="s info" title="info">i</span>',
}
_BOXES = {"[x] ": True, "[ ] ": False}


def render(markdown_text: str, title: str = "Production Hardening Verification") -> str:
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = parser.parse(markdown_text)
    _anchor_headings(tokens)
    _checkboxes(tokens)
    body = _wrap_tables(parser.renderer.render(tokens, parser.options, {}))
    for icon, badge in _ICONS.items():
        body = body.replace(icon, badge)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _anchor_headings(tokens: list[Token]) -> None:
    """Each heading's id is its GitHub anchor, so the markdown's contents links work in the page too."""
    opening = [t for t in tokens if t.type == "heading_open"]
    for token, heading in zip(opening, headings_of(tokens)):
        token.attrSet("id", heading.anchor)


def _checkboxes(tokens: list[Token]) -> None:
    """`- [x] item` as a disabled, checked checkbox (GitHub's task list), not the literal brackets."""
    for item, paragraph, inline in zip(tokens, tokens[1:], tokens[2:]):
        if item.type != "list_item_open" or paragraph.type != "paragraph_open" or not inline.children:
            continue
        first = inline.children[0]
        box = next((checked for prefix, checked in _BOXES.items() if first.type == "text" and first.content.startswith(prefix)), None)
        if box is None:
            continue
        first.content = first.content[4:]
        checkbox = Token("html_inline", "", 0)
        checkbox.content = f'<input type="checkbox" disabled{" checked" if box else ""}> '
        inline.children.insert(0, checkbox)
        item.attrSet("class", "task")


def _wrap_tables(body: str) -> str:
    """Each table in a box of its own that scrolls sideways, so the page never does."""
    return body.replace("<table>", '<div class="table-wrap"><table>').replace("</table>", "</table></div>")
