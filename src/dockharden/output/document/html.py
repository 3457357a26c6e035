"""The verification document as one self-contained HTML page (no external assets)."""
from __future__ import annotations

import html

from markdown_it import MarkdownIt

_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{background:#f6f8fa;padding:.1rem .3rem;border-radius:4px}
pre{background:#f6f8fa;padding:.8rem;overflow-x:auto;border-radius:6px}pre code{padding:0}
h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem;margin-top:2rem}
.s{font-weight:700}.pass{color:#1a7f37}.warn{color:#9a6700}.fail{color:#cf222e}.nc{color:#6e7781}
"""
# Status icons as text with colour: emoji fonts are missing on many servers and in print.
_ICONS = {
    "✅": '<span class="s pass" title="pass">✔</span>',
    "⚠️": '<span class="s warn" title="warning">!</span>',
    "❌": '<span class="s fail" title="fail">✘</span>',
    "➖": '<span class="s nc" title="not checked">–</span>',
}


def render(markdown_text: str, title: str = "Production Hardening Verification") -> str:
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown_text)
    for icon, badge in _ICONS.items():
        body = body.replace(icon, badge)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
