"""Every reference in the README and docs resolves inside the repository."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted([ROOT / "README.md", ROOT / "benchmarks" / "README.md", *(ROOT / "docs").rglob("*.md")])
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\s]+)`")
HEADING = re.compile(r"^#+\s+(.*)$", re.MULTILINE)
TOP_LEVEL = {p.name for p in ROOT.iterdir() if p.name not in {".git", ".venv", "build", "dist"}}


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def _anchors(document: Path) -> set[str]:
    return {_anchor(h) for h in HEADING.findall(document.read_text(encoding="utf-8"))}


def _resolves(document: Path, target: str) -> bool:
    path, _, anchor = target.partition("#")
    if not path:
        return anchor in _anchors(document)
    found = (document.parent / path).resolve()
    return found.exists() and (not anchor or anchor in _anchors(found))


def _references(document: Path) -> list[str]:
    text = document.read_text(encoding="utf-8")
    links = [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]
    paths = [c.rstrip(".,:") for c in CODE.findall(text) if "/" in c or c.endswith(".md")]
    # A code span is a repository path when it starts with a top-level entry or names a document.
    repo_paths = [p for p in paths if not p.startswith(("/", "~", "$", "-")) and "*" not in p and "<" not in p
                  and (p.split("/", 1)[0] in TOP_LEVEL or p.endswith(".md"))]
    return links + repo_paths


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_reference_resolves(document):
    broken = [t for t in _references(document) if not _resolves(document, t) and not _resolves(ROOT / "README.md", t)]
    assert broken == []


def test_the_checker_sees_a_broken_reference(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Title\n\nSee [there](missing.md), [here](#title) and `docs/nowhere.md`.\n")
    assert [t for t in _references(page) if not _resolves(page, t)] == ["missing.md", "docs/nowhere.md"]
