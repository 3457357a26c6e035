"""The compliance checklist: each item judged from evidence, or marked not checked. Never ticked by hand."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dockharden.core.vocabulary import FileReport, Status
from dockharden.checks.evidence.records import Evidence, image_fact

SIZE_LIMIT = 500 * 1000 * 1000
_ORDER = {Status.PASS: 0, Status.NOT_CHECKED: 1, Status.WARN: 2, Status.FAIL: 3}


@dataclass(frozen=True)
class Judgement:
    status: Status
    evidence: str


@dataclass(frozen=True)
class Item:
    section: str
    text: str
    judge: Callable[[Evidence], Judgement]


def _dockerfiles(evidence: Evidence, production_only: bool):
    return [d for d in evidence.dockerfiles if d.report.error is None and not (production_only and d.development)]


def _worst(statuses: list[Status]) -> Status:
    return max(statuses, key=_ORDER.__getitem__) if statuses else Status.NOT_CHECKED


def _pattern_statuses(reports: list[FileReport], pattern: str) -> list[Status]:
    return [r.status for report in reports for r in report.patterns if r.pattern == pattern and r.status is not Status.NOT_CHECKED]


def _summary(kind: str, statuses: list[Status]) -> str:
    passing = sum(s is Status.PASS for s in statuses)
    return f"{kind}: {passing}/{len(statuses)} pass"


def pattern(name: str, production_only: bool = False) -> Callable[[Evidence], Judgement]:
    def judge(evidence: Evidence) -> Judgement:
        sources = (
            ("lint", [d.report for d in _dockerfiles(evidence, production_only)]),
            ("inspect", [i for i in evidence.images if i.error is None]),
            ("verify", [r.report for r in evidence.runtime if r.report.error is None]),
        )
        parts, statuses = [], []
        for kind, reports in sources:
            found = _pattern_statuses(reports, name)
            if found:
                parts.append(_summary(kind, found))
                statuses.extend(found)
        return Judgement(_worst(statuses), "; ".join(parts) or f"no check of {name} ran")

    return judge


def no_finding(codes: tuple[str, ...], production_only: bool = False) -> Callable[[Evidence], Judgement]:
    def judge(evidence: Evidence) -> Judgement:
        files = _dockerfiles(evidence, production_only)
        if not files:
            return Judgement(Status.NOT_CHECKED, "no Dockerfile was linted")
        bad = [d.report.path for d in files if any(f.rule.code in codes for f in d.report.findings)]
        status = Status.FAIL if bad else Status.PASS
        return Judgement(status, f"lint ({', '.join(codes)}): {len(files) - len(bad)}/{len(files)} pass" + (f"; fails: {', '.join(bad)}" if bad else ""))

    return judge


def dockerfile_fact(attribute: str, label: str, production_only: bool = True) -> Callable[[Evidence], Judgement]:
    def judge(evidence: Evidence) -> Judgement:
        files = _dockerfiles(evidence, production_only)
        if not files:
            return Judgement(Status.NOT_CHECKED, "no Dockerfile was linted")
        bad = [d.report.path for d in files if not getattr(d, attribute)]
        status = Status.FAIL if bad else Status.PASS
        return Judgement(status, f"lint: {len(files) - len(bad)}/{len(files)} {label}" + (f"; not: {', '.join(bad)}" if bad else ""))

    return judge


def minimal_base(evidence: Evidence) -> Judgement:
    files = _dockerfiles(evidence, True)
    if not files:
        return Judgement(Status.NOT_CHECKED, "no Dockerfile was linted")
    bad = [f"{d.report.path} ({d.base_image})" for d in files if not any(m in d.base_image for m in ("slim", "alpine", "distroless", "runtime"))]
    return Judgement(Status.FAIL if bad else Status.PASS, f"final base images: {', '.join(sorted({d.base_image for d in files}))}" + (f"; not minimal: {', '.join(bad)}" if bad else ""))


def image_size(evidence: Evidence) -> Judgement:
    sizes = [(i.path, int(size)) for i in evidence.images if i.error is None and (size := image_fact(i, "size_bytes"))]
    if not sizes:
        return Judgement(Status.NOT_CHECKED, "no image was inspected")
    big = [f"{path} ({size / 1e6:.0f} MB)" for path, size in sizes if size >= SIZE_LIMIT]
    listed = ", ".join(f"{path} {size / 1e6:.0f} MB" for path, size in sizes)
    return Judgement(Status.FAIL if big else Status.PASS, f"inspect: {listed}")


def health_endpoint(evidence: Evidence) -> Judgement:
    runs = [r for r in evidence.runtime if r.report.error is None]
    statuses = _pattern_statuses([r.report for r in runs], "healthcheck")
    if not statuses:
        return Judgement(Status.NOT_CHECKED, "no container was run (verify needs a Docker Engine)")
    return Judgement(_worst(statuses), f"verify: {sum(s is Status.PASS for s in statuses)}/{len(statuses)} containers reached healthy through their probe")


def not_checked(reason: str) -> Callable[[Evidence], Judgement]:
    return lambda evidence: Judgement(Status.NOT_CHECKED, reason)


ITEMS: tuple[Item, ...] = (
    Item("Security", "Non-root user with specific UID (1000)", pattern("non_root_user")),
    Item("Security", "No secrets in ENV statements, ARG defaults, history or files", pattern("no_secrets")),
    Item("Security", "Minimal base image (alpine/slim) - production only", minimal_base),
    Item("Security", "No build tools in final image - production only", pattern("no_build_tools", production_only=True)),
    Item("Security", "File ownership optimized with --chown", pattern("chown")),
    Item("Operational Readiness", "Health check configured", pattern("healthcheck")),
    Item("Operational Readiness", "Health endpoint in application", health_endpoint),
    Item("Operational Readiness", "Environment variables documented", not_checked("dockharden has no check for documentation")),
    Item("Operational Readiness", "Logging to stdout/stderr (PYTHONUNBUFFERED)", no_finding(("DH301",))),
    Item("Operational Readiness", "Graceful shutdown handling (exec form, stop)", pattern("exec_form")),
    Item("Performance", "Multi-stage build - production only", pattern("multi_stage", production_only=True)),
    Item("Performance", "Layer caching optimized (dependencies before code)", dockerfile_fact("dependencies_first", "install dependencies before copying code")),
    Item("Performance", "UV package manager - production only", dockerfile_fact("uses_uv", "use uv")),
    Item("Performance", "Image size < 500MB", image_size),
    Item("Performance", ".dockerignore for build context", no_finding(("DH906",))),
    Item("Configuration", "ARG for build-time config", no_finding(("DH303",))),
    Item("Configuration", "ENV with sensible defaults", pattern("env_config")),
    Item("Configuration", "Version/build metadata (OCI labels from build args)", no_finding(("DH905",))),
)


def judge_all(evidence: Evidence) -> tuple[tuple[Item, Judgement], ...]:
    return tuple((item, item.judge(evidence)) for item in ITEMS)
