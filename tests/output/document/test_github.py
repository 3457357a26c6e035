"""The markdown as GitHub renders it: through cmark-gfm (GitHub's fork of cmark, with its table,
task list and autolink extensions), every table is a table, every checklist item a checkbox,
long output a <details> block with all its lines, and no markup is left showing as text."""
import html
import re

import cmarkgfm
from cmarkgfm.cmark import Options

from dockharden.output.document import markdown


def _github(text: str) -> str:
    # UNSAFE keeps <details>, which GitHub's sanitizer allows; the rest of its pipeline adds the anchors (test_anchors).
    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


def test_tables_checkboxes_and_folded_output_render(evidence, context):
    text = markdown.render(evidence, context)
    page = _github(text)
    assert page.count("<table>") == len(re.findall(r"^\|---", text, re.M)) == 6
    assert page.count('<input type="checkbox" checked="" disabled="" />') == text.count("\n- [x] ") == 4
    assert page.count('<input type="checkbox" disabled="" />') == text.count("\n- [ ] ") == 14
    folded = page.split("<details><summary>Output: 15 lines</summary>", 1)[1].split("</details>", 1)[0]
    assert folded.count("\n") == 18 and html.unescape(folded).count("end-of-step-") == 15


def test_no_markup_is_left_as_text(evidence, context):
    page = _github(markdown.render(evidence, context))
    prose = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", "", page, flags=re.S)
    assert not re.search(r"\|---|\*\*|\[[ x]\] |```|\]\(#", prose)
    assert "<p>|" not in page


def test_rule_links_and_contents_links_are_links(evidence, context):
    page = _github(markdown.render(evidence, context))
    assert '<a href="#dh401-chown-after-copy">DH401</a>' in page
    assert '<a href="#appdockerfiledev-development-only">app/Dockerfile.dev (development only)</a>' in page
