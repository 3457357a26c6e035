"""A report whose every text can be encoded, whatever the files and images held.

A path or a name read from an image or a Dockerfile may hold bytes that are not UTF-8
(lone surrogates after decoding): no format can write them, and `-o FILE` failed on them.
Every reporter gets the report through `encodable_report` (formats/__init__.py), which
shows such bytes as `\\xNN`; control characters are each format's to escape.
"""
from __future__ import annotations

import dataclasses

from dockharden.core.printable import encodable
from dockharden.core.vocabulary import FileReport, Finding, PatternResult, Report


def encodable_report(report: Report) -> Report:
    files = tuple([_file(file) for file in report.files])
    if all(new is old for new, old in zip(files, report.files)):
        return report
    return dataclasses.replace(report, files=files)


def _file(file: FileReport) -> FileReport:
    path = encodable(file.path)
    error = None if file.error is None else encodable(file.error)
    findings = tuple([_finding(finding) for finding in file.findings])
    patterns = tuple([_pattern(result) for result in file.patterns])
    facts = tuple([(key, encodable(value)) for key, value in file.facts])
    if (path, error, facts) == (file.path, file.error, file.facts) and _same(findings, file.findings) \
            and _same(patterns, file.patterns):
        return file
    return dataclasses.replace(file, path=path, error=error, findings=findings, patterns=patterns, facts=facts)


def _finding(finding: Finding) -> Finding:
    message = encodable(finding.message)
    return finding if message == finding.message else dataclasses.replace(finding, message=message)


def _pattern(result: PatternResult) -> PatternResult:
    detail = encodable(result.detail)
    return result if detail == result.detail else dataclasses.replace(result, detail=detail)


def _same(new: tuple, old: tuple) -> bool:
    return all(a is b for a, b in zip(new, old))
