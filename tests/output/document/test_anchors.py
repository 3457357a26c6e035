"""Anchors as GitHub makes them, unique in document order, and the contents that link to them."""
import pytest

from dockharden.output.document.anchors import contents, headings, slug


@pytest.mark.parametrize(("text", "anchor"), [
    ("Compliance Checklist", "compliance-checklist"),
    ("templates/Dockerfile.dev (development only)", "templatesdockerfiledev-development-only"),
    ("DH401 chown-after-copy", "dh401-chown-after-copy"),
    ("Start the container: ✅ started; kept running", "start-the-container--started-kept-running"),
    ("app:1 (built from app/Dockerfile on python:3.12-slim)", "app1-built-from-appdockerfile-on-python312-slim"),
    ("ENV/ARG Config", "envarg-config"),
    ("no_build_tools", "no_build_tools"),
    ("Größe", "größe"),
])
def test_slug_follows_github(text, anchor):
    assert slug(text) == anchor


def test_repeated_headings_get_numbered_anchors_and_markup_is_not_text():
    text = "## Runtime\n\n### `app:1`\n\n#### Run: ✅ *ok*\n\n### `app:1`\n\n#### Run: ✅ *ok*\n"
    assert [(h.level, h.text, h.anchor) for h in headings(text)] == [
        (2, "Runtime", "runtime"), (3, "app:1", "app1"), (4, "Run: ✅ ok", "run--ok"),
        (3, "app:1", "app1-1"), (4, "Run: ✅ ok", "run--ok-1"),
    ]


def test_contents_list_levels_two_and_three_with_escaped_text():
    text = "# Title\n\n## A_b\n\n### `x*y`\n\n#### deep\n\n## C\n"
    assert contents(text) == "## Contents\n\n- [A\\_b](#a_b)\n  - [x\\*y](#xy)\n- [C](#c)\n"
    assert contents("# Only a title\n") == ""
