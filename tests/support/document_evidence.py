"""Evidence made by hand for the verification document's tests, and the run context it is written in."""
from __future__ import annotations

import datetime as dt

from dockharden.checks.evidence.records import (
    Build, DockerfileEvidence, EngineInfo, Evidence, ImageDetails, RuntimeEvidence,
)
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import FileReport, Finding, PatternResult, Rule, Severity, Status, Step
from dockharden.output.document.provenance import RunContext

GENERATED = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)

CHOWN_AFTER_COPY = Rule("DH401", "chown-after-copy", "chown", Severity.ERROR, "RUN chown -R rewrites copied files.",
                        "## What it does\nFinds chown.\n\n## Why is this bad?\nEvery file is stored twice.\n\n"
                        "## Use instead\n```dockerfile\nCOPY --chown=1000:1000 . /app\n```\n")
UNRESOLVED_UID = Rule("DH103", "unresolved-uid", "non_root_user", Severity.WARNING, "The UID is not known.",
                      "## Why is this bad?\nVolumes need a known UID.\n")
NO_LABELS = Rule("DH905", "missing-oci-labels", None, Severity.INFO, "No OCI labels.", "## Why is this bad?\nNo version.\n")

# A Dockerfile whose useradd line continues into the chown -R that DH401 flags (line 5 continues line 4).
APP_LINES = (
    "FROM python:3.12-slim",
    "WORKDIR /app",
    "COPY . /app",
    "RUN useradd --create-home aiuser && \\",
    "    chown -R aiuser:aiuser /app",
    "USER aiuser",
    'CMD ["python", "app.py"]',
)
APP_SPANS = ((1, 1), (2, 2), (3, 3), (4, 5), (6, 6), (7, 7))
HISTORY = "\n".join(f"/bin/sh -c #(nop) step {n} " + "x" * 150 + f" end-of-step-{n}" for n in range(1, 16)) + "\n"


def app_dockerfile() -> DockerfileEvidence:
    findings = (Finding(CHOWN_AFTER_COPY, 5, "chown -R /app rewrites files copied at line 3", end_line=5),
                Finding(UNRESOLVED_UID, 6, "the UID of user 'aiuser' is not known"),
                Finding(NO_LABELS, 1, "no OCI labels"))
    patterns = (PatternResult("non_root_user", Status.WARN, "aiuser (UID unknown)", (6,)),
                PatternResult("chown", Status.FAIL, "RUN chown -R duplicates layers", (3, 5)),
                PatternResult("multi_stage", Status.FAIL, "No", (1,)))
    return DockerfileEvidence(FileReport("app/Dockerfile", findings, patterns), APP_LINES, False, "python:3.12-slim",
                              spans=APP_SPANS)


def dev_dockerfile() -> DockerfileEvidence:
    patterns = (PatternResult("non_root_user", Status.PASS, "UID 1000", (2,)), PatternResult("multi_stage", Status.FAIL, "No", (1,)))
    return DockerfileEvidence(FileReport("app/Dockerfile.dev", (), patterns), ("FROM python:3.12-slim", "USER 1000:1000"), True,
                              "python:3.12-slim", spans=((1, 1), (2, 2)), development_reason="its name (Dockerfile.dev)")


def image_report() -> FileReport:
    facts = (("layout", "engine"), ("image_id", "sha256:" + "ab" * 32), ("user", "aiuser"), ("layers", "3"),
             ("size_bytes", "284510372"), ("reclaimable_bytes", "1048576"))
    patterns = (PatternResult("non_root_user", Status.PASS, "aiuser (UID 1000)"),)
    return FileReport("app:1", (), patterns, kind="image", facts=facts)


def image_details() -> ImageDetails:
    labels = (("org.opencontainers.image.version", "1.2.0"), ("org.opencontainers.image.created", "unknown"))
    return ImageDetails("app:1", "sha256:" + "ab" * 32, ("registry.example/app@sha256:" + "cd" * 32,), "linux/amd64",
                        "2026-01-01T00:00:00Z", 284600000, 284510372, 1048576, labels)


def runtime_report() -> FileReport:
    steps = (
        Step(1, "run", "Start the container", "docker run -d --name c1 app:1",
             "docker run -d --name c1 --network none --label io.dockharden.verify=true app:1", "c1", Status.PASS,
             "started; kept running"),
        Step(2, "history", "Image history", "docker history app:1",
             "docker history --no-trunc --format '{{.CreatedBy}}' app:1", HISTORY, Status.PASS, "15 steps"),
    )
    return FileReport("app:1", (), (PatternResult("non_root_user", Status.PASS, "UID 1000"),), kind="verify", steps=steps)


def sample_evidence() -> Evidence:
    return Evidence((app_dockerfile(), dev_dockerfile()), (image_report(),), (RuntimeEvidence("app:1", runtime_report()),),
                    notes=("Runtime verification used a 2s health-check interval.",),
                    builds=(Build("app/Dockerfile", "app:1", "python:3.12-slim"),),
                    engine=EngineInfo("20.10.24+dfsg1", "1.41", "linux/amd64"), image_details=(image_details(),))


def sample_context(**changes) -> RunContext:
    values = dict(generated=GENERATED, generated_from="SOURCE_DATE_EPOCH", command="dockharden report app --verify app:1",
                  version="0.1.0", build="pure Python", settings=Settings(), config_file="")
    return RunContext(**{**values, **changes})
