"""Hand-made observations: what the runner would have captured from a good container; and
the findings judge gives one, as comparable tuples."""
from __future__ import annotations

import dataclasses

from dockharden.checks.verify import judge
from dockharden.runtime.observation import CommandOutput, HealthWait, HistoryStep, Observation, StopOutcome, VerifyOptions
from dockharden.runtime.timing import run_spec

LISTING = """total 12
drwxr-xr-x 1 root root 4096 Jan  2 03:04 .
drwxr-xr-x 1 root root 4096 Jan  2 03:04 ..
-rw-r--r-- 1 app  app   312 Jan  2 03:04 app.py
drwxr-xr-x 2 app  app  4096 Jan  2 03:04 models
"""
ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=0123456789ab\nPYTHONUNBUFFERED=1\nPYTHONDONTWRITEBYTECODE=1\nHOME=/home/app\n"
HISTORY = (
    HistoryStep('CMD ["python3" "/app/app.py"]', 0),
    HistoryStep("HEALTHCHECK &{[\"CMD\" \"python3\" \"-c\" \"...\"] \"30s\" \"10s\" \"5s\" '\\x00' '\\x03'}", 0),
    HistoryStep("USER 1000:1000", 0),
    HistoryStep("ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1", 0),
    HistoryStep("COPY app.py /app/app.py # buildkit", 312),
    HistoryStep("WORKDIR /app", 0),
    HistoryStep("RUN /bin/sh -c groupadd --gid 1000 app && useradd --uid 1000 --gid 1000 app # buildkit", 3812),
    HistoryStep("", 265_000_000),
)


def good(**changes) -> Observation:
    base = Observation(
        image="example/app:1",
        image_id="sha256:" + "ab" * 32,
        container="dockharden-verify-0123456789ab",
        run_command=run_spec("example/app:1", "dockharden-verify-0123456789ab", VerifyOptions()).command_line(),
        config_user="1000:1000",
        healthcheck_test=("CMD", "python3", "-c", "probe"),
        working_dir="/app",
        health=HealthWait("healthy", 1.25, 165.0, "", 0),
        whoami=CommandOutput(("whoami",), 0, "app\n"),
        id=CommandOutput(("id",), 0, "uid=1000(app) gid=1000(app) groups=1000(app)\n"),
        env=CommandOutput(("env",), 0, ENV),
        listing=CommandOutput(("ls", "-la", "/app"), 0, LISTING),
        history=HISTORY,
        stop=StopOutcome(True, 0, 0.42, 10, False, "bye\n"),
    )
    return dataclasses.replace(base, **changes)


def with_env(*lines: str) -> Observation:
    return good(env=CommandOutput(("env",), 0, ENV + "".join(line + "\n" for line in lines)))


def with_history(*steps: HistoryStep) -> Observation:
    return good(history=steps + HISTORY)


def findings(seen: Observation, options: VerifyOptions = VerifyOptions()) -> list[tuple[str, int, str]]:
    """(code, line, message) of each finding; the line is the number of the step it judges."""
    return [(f.rule.code, f.line, f.message) for f in judge(seen, options).findings]
