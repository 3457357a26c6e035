"""The document as markdown and as HTML, from evidence made by hand: golden files, and the
properties a reader relies on (anchors that resolve, whole evidence, real checkboxes)."""
import re

from support.document_evidence import HISTORY

from dockharden.output.document import html, markdown
from dockharden.output.document.anchors import headings


def test_markdown_golden(evidence, context, golden):
    golden("document.md", markdown.render(evidence, context))


def test_html_golden(evidence, context, golden):
    golden("document.html", html.render(markdown.render(evidence, context)))


def test_the_verdict_comes_first_and_every_contents_link_resolves(evidence, context):
    text = markdown.render(evidence, context)
    assert text.split("\n## ")[1].startswith("Verdict\n\n**Verdict: ❌ fail**")
    assert text.split("\n## ")[2].startswith("Contents\n")
    anchors = {h.anchor for h in headings(text)}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(links) > 20 and set(links) <= anchors


def test_every_excerpt_line_has_its_number_and_a_continuation_its_instruction(evidence, context):
    text = markdown.render(evidence, context)
    assert ("**--chown** (lines 3, 4-5): ❌ RUN chown -R duplicates layers\n\n```text\n3 | COPY . /app\n"
            "4 | RUN useradd --create-home aiuser && \\\n5 |     chown -R aiuser:aiuser /app\n```\n") in text


def test_long_output_is_folded_but_whole(evidence, context):
    text = markdown.render(evidence, context)
    folded = text.split("<details><summary>Output: 15 lines</summary>\n\n```console\n", 1)[1].split("```\n\n</details>", 1)[0]
    assert folded == "$ docker history --no-trunc --format '{{.CreatedBy}}' app:1\n" + HISTORY
    assert "#### Start the container: ✅ started; kept running\n\nThe specification's command" in text
    assert text.count("<details>") == 1  # two lines of `docker run` output are not folded


def test_image_facts_are_in_words_and_units(evidence, context):
    text = markdown.render(evidence, context)
    assert ("| Size | 284.6 MB (284,600,000 bytes) as Docker reports it; 284.5 MB (284,510,372 bytes) of files in its layers: "
            "the 89.6 kB (89,628 bytes) more is symbolic links, which Docker counts as the length of the path each points to "
            "(dockharden counts regular files only) |") in text
    assert ("| Reclaimable bytes | 1.0 MB (1,048,576 bytes): files stored in lower layers that later layers hide "
            "(replaced, deleted, or chown/chmod copies) |") in text
    assert "| User (Config.User) | `aiuser` |" in text and "size_bytes" not in text


def test_development_files_are_marked_alike_and_the_rule_is_stated(evidence, context):
    text = markdown.render(evidence, context)
    assert "| `app/Dockerfile.dev` *(development only)* | ✅ UID 1000 |" in text
    assert "### `app/Dockerfile.dev` *(development only)*\n" in text
    assert "not judged (development only): app/Dockerfile.dev" in text
    assert "- `app/Dockerfile.dev`: its name (Dockerfile.dev)\n" in text
    assert "`# dockharden: development` pragma says so, else by its name" in text


def test_rule_codes_link_to_their_text_in_the_appendix(evidence, context):
    text = markdown.render(evidence, context)
    assert "- [DH401](#dh401-chown-after-copy) `chown-after-copy` [error] (line 5): chown -R /app rewrites files copied at line 3" in text
    appendix = text.split("\n## Rules cited\n", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^### (.+)$", appendix, re.M) == ["DH103 unresolved-uid", "DH401 chown-after-copy", "DH905 missing-oci-labels"]
    assert "**Why is this bad?**\n\nEvery file is stored twice.\n\n**Use instead**\n\n```dockerfile\nCOPY --chown=1000:1000 . /app\n```" in appendix


def test_info_only_items_are_not_ticked(context):
    from dataclasses import replace

    from support.document_evidence import NO_LABELS, app_dockerfile

    from dockharden.checks.evidence.records import Evidence
    from dockharden.core.vocabulary import FileReport, Finding

    info = replace(app_dockerfile(), report=FileReport("app/Dockerfile", (Finding(NO_LABELS, 1, "no labels"),)))
    text = markdown.render(Evidence((info,)), context)
    assert "- [ ] Version/build metadata (OCI labels from build args): ℹ️ info (lint (DH905): 0/1 pass; info only: app/Dockerfile)" in text


def test_html_page_is_navigable_and_self_contained(evidence, context):
    page = html.render(markdown.render(evidence, context))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<h2 id="compliance-checklist">Compliance Checklist</h2>' in page
    assert '<h3 id="dh401-chown-after-copy">DH401 chown-after-copy</h3>' in page
    assert '<a href="#dh401-chown-after-copy">DH401</a>' in page
    assert page.count('<div class="table-wrap"><table>') == page.count("<table>") == 6
    assert '<li class="task"><input type="checkbox" disabled checked> Logging to stdout/stderr' in page
    assert '<li class="task"><input type="checkbox" disabled> File ownership optimized with --chown' in page
    assert "[x]" not in page and "[ ]" not in page
    assert "<details><summary>Output: 15 lines</summary>" in page
    assert "@media print" in page and "prefers-color-scheme:dark" in page
    assert not re.search(r"<(link|script|img|iframe)\b", page)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)) and set(re.findall(r'href="#([^"]+)"', page)) <= set(ids)


def test_untrusted_text_cannot_make_markup(context):
    from dataclasses import replace

    from support.document_evidence import app_dockerfile

    from dockharden.checks.evidence.records import Evidence
    from dockharden.core.vocabulary import FileReport

    hostile = replace(app_dockerfile(), report=FileReport("<script>alert(1)</script>", error="<img src=x onerror=alert(1)>"))
    page = html.render(markdown.render(Evidence((hostile,)), context))
    assert not re.search(r"<(script|img)\b", page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
