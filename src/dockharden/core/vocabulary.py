"""The shared vocabulary: patterns, rules, findings, fixes and reports.

Dockerfile rules and image checks both speak it, so ignores, reporters, docs and
the verification matrix work the same for both.
"""
from __future__ import annotations

import enum
from dataclasses import field

from dockharden.core.records import frozen


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (info, warning, error)") from None


class Status(enum.Enum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    NOT_CHECKED = "not_checked"


STATUS_OF_SEVERITY = {Severity.INFO: Status.PASS, Severity.WARNING: Status.WARN, Severity.ERROR: Status.FAIL}

# The verification matrix's columns, in order.
PATTERNS: tuple[str, ...] = (
    "non_root_user",
    "healthcheck",
    "env_config",
    "chown",
    "multi_stage",
    "no_secrets",
    "exec_form",
    "no_build_tools",
)

PATTERN_TITLES = {
    "non_root_user": "Non-Root User",
    "healthcheck": "Health Check",
    "env_config": "ENV/ARG Config",
    "chown": "--chown",
    "multi_stage": "Multi-Stage",
    "no_secrets": "No Secrets",
    "exec_form": "Exec Form",
    "no_build_tools": "No Build Tools",
}
# Patterns a development image need not meet (a single stage with its tools is the point of one).
PRODUCTION_ONLY_PATTERNS = frozenset({"multi_stage", "no_build_tools"})


@frozen
class Rule:
    """One check's identity and documentation; the check itself lives beside it.

    `docs` is markdown with the sections What it does / Why is this bad? /
    Example / Use instead; docs/rules/CODE.md is rendered from it.
    """

    code: str
    name: str
    pattern: str | None
    severity: Severity
    summary: str
    docs: str
    peers: tuple[str, ...] = ()  # the peers' rule IDs it covers: DL3015, DS-0029, CKV_DOCKER_4...
    optional: bool = False  # off unless `enable` in the configuration names it


class Safety(enum.Enum):
    """How far a fix may change what the image does: `safe` keeps the application's behaviour
    (a cache flag, exec form of a simple command); `unsafe` changes what runs (a new user, a
    health probe) and is applied only when asked."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@frozen
class Edit:
    """Replace the source text [start, end) (character offsets into the file's text) with
    `text`; start == end inserts."""

    start: int
    end: int
    text: str


@frozen
class Fix:
    """What a rule proposes to make its finding go away: edits of the original source."""

    edits: tuple[Edit, ...]
    safety: Safety
    description: str


@frozen
class Finding:
    rule: Rule
    line: int
    message: str
    end_line: int | None = None
    fix: Fix | None = None

    @property
    def last_line(self) -> int:
        return self.end_line if self.end_line is not None else self.line

    def with_severity(self, severity: Severity) -> "Finding":
        rule = Rule(**{**self.rule.__dict__, "severity": severity})
        return Finding(rule, self.line, self.message, self.end_line, self.fix)


@frozen
class PatternResult:
    pattern: str
    status: Status
    detail: str
    lines: tuple[int, ...] = ()


@frozen
class Step:
    """One runtime verification step of `verify`, in the specification's order.

    name: run, health, whoami, id, user, env, workdir, history or stop.
    command: the command as the specification writes it, for the image.
    executed: what dockharden ran, as a docker command ("" when nothing could run).
    """

    number: int
    name: str
    title: str
    command: str
    executed: str
    output: str
    verdict: Status
    detail: str


@frozen
class FileReport:
    """What one checked subject produced. kind: dockerfile, image or verify (a container);
    a verify report carries its steps, what was checked and what was seen."""

    path: str
    findings: tuple[Finding, ...] = ()
    patterns: tuple[PatternResult, ...] = ()
    error: str | None = None
    kind: str = "dockerfile"
    facts: tuple[tuple[str, str], ...] = field(default=())
    steps: tuple[Step, ...] = field(default=())


@frozen
class Report:
    files: tuple[FileReport, ...]
    rules: tuple[Rule, ...]
    threshold: Severity = Severity.WARNING
