"""DH501 single-stage: the final stage takes nothing from a build stage."""
import pytest
from dockharden.checks.dockerfile import single_stage
from support.lintcase import report, rule_tests

PASSES = {
    "windows-python-has-no-compilers": """
        FROM python:3.11
        SHELL ["powershell", "-Command"]
        WORKDIR C:\\app
        COPY . .
        RUN pip install --no-cache-dir -r requirements.txt
        CMD ["python", "app.py"]
    """,
    "copy-from-builder": """
        FROM python:3.12-slim AS builder
        RUN python -m venv /opt/venv
        FROM python:3.12-slim
        COPY --from=builder /opt/venv /opt/venv
    """,
    "copy-from-stage-index": """
        FROM python:3.12-slim
        RUN python -m venv /opt/venv
        FROM python:3.12-slim
        COPY --from=0 /opt/venv /opt/venv
    """,
    "copy-from-stage-name-in-another-case": """
        FROM python:3.12-slim AS Builder
        FROM python:3.12-slim
        COPY --from=builder /opt/venv /opt/venv
    """,
    "copy-from-an-arg-named-stage": """
        ARG BUILD_STAGE=builder
        FROM python:3.12-slim AS builder
        FROM python:3.12-slim
        ARG BUILD_STAGE
        COPY --from=${BUILD_STAGE} /opt/venv /opt/venv
    """,
    "the-parent-stage-copies": """
        FROM python:3.12-slim AS builder
        FROM python:3.12-slim AS runtime
        COPY --from=builder /opt/venv /opt/venv
        FROM runtime
    """,
    # nothing a builder stage would keep out: a slim base, no build tools, no cache
    "slim-and-no-cache": """
        FROM python:3.12-slim
        COPY --chown=1000:1000 requirements.txt app.py /app/
        RUN pip install --no-cache-dir -r /app/requirements.txt
        CMD ["python", "/app/app.py"]
    """,
    "nginx-with-a-config": "FROM nginx:1.27-alpine\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\n",
    "build-output-through-a-mount": """
        FROM python:3.12-slim AS wheels
        RUN pip wheel --no-cache-dir --wheel-dir /w flask==3.0.3
        FROM python:3.12-slim
        RUN --mount=type=bind,from=wheels,source=/w,target=/w pip install --no-cache-dir /w/*
        CMD ["flask", "run"]
    """,
    "final-from-an-earlier-stage-that-ships-nothing": """
        FROM python:3.12-slim AS app
        RUN pip install --no-cache-dir flask==3.0.3
        CMD ["flask", "run"]
        FROM app AS dev
        RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
    """,
}

FLAGS = {
    "build-tools": ("""
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir psutil
        CMD ["python", "-m", "app"]
    """, [1]),
    "pip-cache": ("""
        FROM python:3.12-slim AS builder
        RUN pip wheel -w /wheels flask
        FROM python:3.12-slim
        RUN pip install flask
        CMD ["flask", "run"]
    """, [3]),
    "compilers-of-the-full-base": ("""
        FROM python:3.12
        COPY --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/uv
        CMD ["python", "-m", "app"]
    """, [1]),
    "final-from-a-stage-that-installs-build-tools": ("""
        FROM python:3.12-slim AS development
        RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev
        FROM development AS production
        CMD ["gunicorn", "app:app"]
    """, [3]),
}

test_passes, test_flagged = rule_tests(single_stage, PASSES, FLAGS)


def test_the_message_says_what_ships():
    (finding,) = [f for f in report(FLAGS["build-tools"][0]).findings if f.rule.code == "DH501"]
    assert finding.message == "single-stage build: build tools (gcc, line 2) ship in the final image"


def test_tools_a_later_run_removes_do_not_ship():
    text = ("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\n"
            "RUN pip install -r requirements.txt && apt-get purge -y gcc && rm -rf /var/lib/apt/lists/*\n")
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH501"]
    assert finding.message == "single-stage build: download caches (~/.cache/pip, line 3) ship in the final image"


def test_a_test_runners_own_build_tool_does_not_ship_as_one():
    text = ('FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make \\\n'
            '    && rm -rf /var/lib/apt/lists/*\nCOPY . /src\nCMD ["make", "-C", "/src", "test-integration"]\n')
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH501"]
    assert (finding.rule.severity.name, finding.message) == ("INFO", "single-stage build: build tools (gcc, line 2) ship in the final image "
                                                             "(info: a tool image, as its command runs tests and exits (make -C /src); "
                                                             "long-running services need this)")


@pytest.mark.parametrize("text, where", [
    ("FROM python:3.12-slim AS builder\nRUN pip wheel -w /wheels flask\nFROM python:3.12-slim\nRUN pip install flask\n",
     "the final stage takes nothing from an earlier stage (no COPY --from=<stage>)"),
    ("FROM denoland/deno:bin-2.1.4 AS deno\nFROM python:3.12-slim\nCOPY --from=deno /deno /usr/local/bin/deno\nRUN pip install flask\n",
     "the final stage takes nothing built in an earlier stage (stage deno only names denoland/deno:bin-2.1.4, whose files it takes)"),
    ("FROM ghcr.io/astral-sh/uv:0.5 AS uv\nFROM python:3.12-slim\nRUN --mount=from=uv,source=/uv,target=/bin/uv pip install flask\n",
     "the final stage takes nothing built in an earlier stage (stage uv only names ghcr.io/astral-sh/uv:0.5, whose files it takes)"),
])
def test_the_message_says_what_the_final_stage_takes_from_earlier_ones(text, where):
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH501"]
    assert finding.message.split(": ", 1)[0] == where
