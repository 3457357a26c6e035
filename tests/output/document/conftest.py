"""Fixtures of the document's tests, and golden-file comparison.

Regenerate the goldens only on purpose: DOCKHARDEN_UPDATE_GOLDENS=1 pytest tests/output/document.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.document_evidence import sample_context, sample_evidence
from dockharden.checks.evidence.records import Evidence
from dockharden.output.document.provenance import RunContext

GOLDEN_DIR = Path(__file__).parent / "golden"


@pytest.fixture
def evidence() -> Evidence:
    return sample_evidence()


@pytest.fixture
def context() -> RunContext:
    return sample_context()


@pytest.fixture
def golden():
    update = os.environ.get("DOCKHARDEN_UPDATE_GOLDENS") == "1"

    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if update:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"{path} is missing: run DOCKHARDEN_UPDATE_GOLDENS=1 pytest tests/output/document"
        assert text == path.read_text(encoding="utf-8")

    return check
