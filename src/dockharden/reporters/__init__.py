"""Reporters: pure functions from a Report to text, kept in dicts by format name."""
from __future__ import annotations

from collections.abc import Callable

from dockharden.reporters import json_format, junit, markdown, matrix, sarif, text
from dockharden.reporters.text import render_text
from dockharden.vocabulary import Report

Reporter = Callable[[Report], str]

FORMATS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "markdown": markdown.render,
}

# The verification matrix; its JSON is the same contract as `lint --format json`.
MATRIX_FORMATS: dict[str, Reporter] = {
    "markdown": matrix.render_markdown,
    "json": json_format.render,
}

__all__ = ["FORMATS", "MATRIX_FORMATS", "Reporter", "render_text"]
