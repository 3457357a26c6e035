"""Reporters: pure functions from a Report to text, kept in dicts by format name.

A reporter's module is imported when its format is first asked for, so a run pays only
for the format it prints (junit's XML and sarif's rule docs are the costly ones).
"""
from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator, Mapping

from dockharden.core.vocabulary import Report
from dockharden.output.encodable import encodable_report

Reporter = Callable[[Report], str]


class LazyReporters(Mapping[str, Reporter]):
    """Format name -> reporter, from "module:function" targets resolved on use."""

    def __init__(self, targets: dict[str, str]) -> None:
        self._targets = targets

    def __getitem__(self, name: str) -> Reporter:
        module, _, function = self._targets[name].partition(":")
        return _encodable(getattr(importlib.import_module(module), function))

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


FORMATS: Mapping[str, Reporter] = LazyReporters({
    "text": "dockharden.output.formats.text:render",
    "json": "dockharden.output.formats.json_format:render",
    "sarif": "dockharden.output.formats.sarif:render",
    "junit": "dockharden.output.formats.junit:render",
    "markdown": "dockharden.output.formats.markdown:render",
})

# The verification matrix; its JSON is the same contract as `lint --format json`.
MATRIX_FORMATS: Mapping[str, Reporter] = LazyReporters({
    "markdown": "dockharden.output.formats.matrix:render_markdown",
    "json": "dockharden.output.formats.json_format:render",
})


def _encodable(reporter: Callable[..., str]) -> Callable[..., str]:
    """The reporter, given the report with every undecodable byte shown as an escape."""
    @functools.wraps(reporter)
    def render(report: Report, *args, **kwargs) -> str:
        return reporter(encodable_report(report), *args, **kwargs)

    return render


def __getattr__(name: str):
    """render_text, imported with the text reporter on first use."""
    if name == "render_text":
        from dockharden.output.formats.text import render_text

        return _encodable(render_text)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "MATRIX_FORMATS", "LazyReporters", "Reporter", "render_text"]
