"""What rules of different families teach alike, written once: why a pattern matters and its
before/after example.

A rule's module docstring holds its own sections ("What it does", and any it words for its
subject); `rule_docs` completes them from a lesson, in the order every rule page has.
"""
from __future__ import annotations

import re

from dockharden.core.records import frozen

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
_HEADING = re.compile(r"^## (.+?)\s*$", re.M)
_PROBE = "CMD [\"python\", \"-c\", \"import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)\"]"
_FULL_HEALTHCHECK = "HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 \\\n    " + _PROBE


@frozen
class Lesson:
    example: str  # a Dockerfile with the problem
    use_instead: str  # the same Dockerfile without it
    why: str = ""  # when every family words it the same


def rule_docs(own: str, lesson: Lesson) -> str:
    """The rule's documentation: the module docstring's sections, the lesson's for the rest."""
    sections = sections_of(own)
    given = {"Why is this bad?": lesson.why, "Example": _code(lesson.example), "Use instead": _code(lesson.use_instead)}
    for title, body in given.items():
        if body and title not in sections:
            sections[title] = body
    return "\n\n".join(f"## {title}\n{sections[title]}" for title in SECTIONS if title in sections) + "\n"


def sections_of(docs: str) -> dict[str, str]:
    """Heading -> body (without surrounding blank lines) of a rule's markdown docs."""
    parts = _HEADING.split(docs)
    return {title: body.strip("\n") for title, body in zip(parts[1::2], parts[2::2])}


def _code(dockerfile: str) -> str:
    return f"```dockerfile\n{dockerfile}\n```" if dockerfile else ""


ROOT_USER = Lesson(
    why="A process running as root inside the container is root on the host's kernel; one escape\n"
        "or one writable host mount away from owning the node. Kubernetes `runAsNonRoot` refuses it.",
    example='FROM python:3.12-slim\nCMD ["python", "app.py"]',
    use_instead='FROM python:3.12-slim\nRUN groupadd -g 1000 app && useradd -u 1000 -g 1000 -m app\nUSER 1000:1000\n'
                'CMD ["python", "app.py"]',
)
USER_BY_NAME = Lesson(
    example="RUN useradd --create-home aiuser\nUSER aiuser",
    use_instead="RUN groupadd -g 1000 aiuser && useradd -u 1000 -g 1000 --create-home aiuser\nUSER 1000:1000",
)
REQUIRED_ENV = Lesson(
    why="Without `PYTHONUNBUFFERED=1` logs sit in a buffer and are lost when the container dies;\n"
        "without `PYTHONDONTWRITEBYTECODE=1` Python writes .pyc files next to read-only code.",
    example='FROM python:3.12-slim\nCMD ["python", "app.py"]',
    use_instead='FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nCMD ["python", "app.py"]',
)
MISSING_HEALTHCHECK = Lesson(
    example='FROM python:3.12-slim\nCMD ["python", "app.py"]',
    use_instead=f'FROM python:3.12-slim\n{_FULL_HEALTHCHECK}\nCMD ["python", "app.py"]',
)
HEALTHCHECK_NONE = Lesson(example="HEALTHCHECK NONE", use_instead=_FULL_HEALTHCHECK)
PROBE_MISSING = Lesson(
    example="FROM python:3.12-slim\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1",
    use_instead=f"FROM python:3.12-slim\nHEALTHCHECK {_PROBE}",
)
UNSAFE_TIMING = Lesson(
    why="Probes that overlap pile up; probes every second steal CPU from inference; a timeout of a\n"
        "second marks a busy server unhealthy; a huge retry count hides a dead server for many\nminutes.",
    example='HEALTHCHECK --interval=2s --timeout=10s --retries=20 CMD ["python", "/probe.py"]',
    use_instead='HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 CMD ["python", "/probe.py"]',
)
CHOWN_LAYER = Lesson(example="COPY . /app\nRUN chown -R 1000:1000 /app", use_instead="COPY --chown=1000:1000 . /app")
FILES_NOT_OWNED = Lesson(example="COPY --chown=1001:1001 . /app\nUSER 1000:1000", use_instead="COPY --chown=1000:1000 . /app\nUSER 1000:1000")
SECRET_IN_ENV = Lesson(
    example="ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    use_instead="ENV AWS_SHARED_CREDENTIALS_FILE=/run/secrets/aws",
)
SECRET_IN_HISTORY = Lesson(
    example='ARG HF_TOKEN\nRUN pip download --header "Authorization: Bearer $HF_TOKEN" model',
    use_instead="RUN --mount=type=secret,id=hf_token,env=HF_TOKEN pip download model",
)
OCI_LABELS = Lesson(
    why="Without them nobody can tell which commit a running image was built from.",
    example='LABEL version="1.0"',
    use_instead='ARG APP_VERSION=0.0.0 BUILD_DATE=unknown COMMIT_SHA=unknown\n'
                'LABEL org.opencontainers.image.version="${APP_VERSION}" \\\n'
                '      org.opencontainers.image.created="${BUILD_DATE}" \\\n'
                '      org.opencontainers.image.revision="${COMMIT_SHA}"',
)
TRANSFORMERS_CACHE = Lesson(
    why="`TRANSFORMERS_CACHE` is deprecated since transformers 4.36 and means `$HF_HOME/hub`; setting\n"
        "it and `HF_HOME` to one folder splits the cache between two layouts.",
    example="ENV TRANSFORMERS_CACHE=/app/models HF_HOME=/app/models",
    use_instead="ENV HF_HOME=/app/models",
)
SHELL_FORM = Lesson(
    why="Docker stores shell form as `[\"/bin/sh\", \"-c\", \"...\"]`: the shell is PID 1, SIGTERM never\n"
        "reaches the server, `docker stop` waits the whole grace period and kills it (exit 137),\n"
        "dropping in-flight requests. `--init` does not fix shell form.",
    example="CMD gunicorn -c gunicorn.conf.py main:app",
    use_instead='CMD ["gunicorn", "-c", "gunicorn.conf.py", "main:app"]',
)
BUILD_TOOLS = Lesson(
    example="FROM python:3.12-slim\nRUN apt-get update && apt-get install -y build-essential && pip install -r requirements.txt",
    use_instead="FROM python:3.12-slim AS builder\nRUN apt-get update && apt-get install -y build-essential\n"
                "RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n\n"
                "FROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv",
)
