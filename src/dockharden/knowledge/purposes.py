"""Words and commands that say what an image is for (dockerfile/purpose.py applies them).

Production-only rules (a non-root USER, a HEALTHCHECK, a multi-stage build without
compilers, the Python ENV pair) are advice for long-running service images. Development
toolboxes, base images meant to be built on, CI/tool images, one-shot jobs (a migration:
it runs in production, but is no service to health-check) and output-only stages are
recognised by these names and commands, and rules say so instead of judging them as
services.
"""
from __future__ import annotations

import re

from dockharden.core.settings import PURPOSES  # noqa: F401  (the purposes these words map to)

# Words of a Dockerfile's own name (Dockerfile.dev, dev.Dockerfile, Dockerfile_dev, Dockerfile-ci).
NAME_WORDS = {
    "dev": "development", "devel": "development", "develop": "development", "development": "development",
    "debug": "development", "local": "development", "devcontainer": "development", "gitpod": "development",
    "base": "base", "foundation": "base",
    "ci": "tool", "qa": "tool", "test": "tool", "tests": "tool", "e2e": "tool", "cypress": "tool", "playwright": "tool", "lint": "tool",
    "docs": "tool", "builder": "tool",
}
# Folders on the path from the repository root (compose/local/django/Dockerfile, .github/actions/x/Dockerfile).
FOLDER_WORDS = {
    ".devcontainer": "development", "local": "development", "dev": "development", "development": "development",
    ".github": "tool", ".gitlab": "tool", ".ci": "tool", ".circleci": "tool", ".buildkite": "tool", "ci": "tool",
    "test": "tool", "tests": "tool", ".clusterfuzzlite": "tool",
    "loadtest": "tool", "loadtests": "tool", "load-test": "tool", "load-tests": "tool", "load_test": "tool", "load_tests": "tool",
}
# The last word of the Dockerfile's own folder name (images/docker-stacks-foundation, docker/app-base, hack/db_migration,
# scripts/proxy-test, cli: a command-line client's image).
FOLDER_SUFFIXES = {"base": "base", "foundation": "base", "migration": "job", "migrations": "job", "test": "tool", "tests": "tool",
                   "cli": "tool"}
# Words of the final stage's name that say what it runs (a `rust-sysdb-migration` target).
STAGE_WORDS = {"migration": "job", "migrations": "job", "migrate": "job", "test": "tool", "tests": "tool", "testing": "tool", "unittest": "tool", "unittests": "tool",
               "lint": "tool", "dev": "development", "development": "development", "devcontainer": "development",
               "generator": "tool", "codegen": "tool"}
# Names of the production variant beside a plain Dockerfile, which is then the development one.
PRODUCTION_NAMES = frozenset({"Dockerfile.prod", "Dockerfile.production", "Dockerfile-prod", "Dockerfile_prod", "prod.Dockerfile"})

# Commands that only keep a container up, to exec into it.
KEEP_ALIVE_COMMANDS = (("sleep", "infinity"), ("tail", "-f", "/dev/null"))
# Commands that start a development server or keep a toolbox container alive.
DEV_COMMANDS = (
    ("manage.py", "runserver"), ("fastapi", "dev"), ("npm", "run", "dev"), ("yarn", "dev"), ("yarn", "run", "dev"),
    ("pnpm", "dev"), ("pnpm", "run", "dev"), *KEEP_ALIVE_COMMANDS, ("sphinx-autobuild",),
    ("jekyll", "serve"),  # Jekyll's local preview server; a site is built and served by a web server
)
RELOAD_FLAGS = frozenset({"--reload", "--debug"})  # uvicorn --reload, gunicorn --reload, flask run --debug
RELOADING_SERVERS = frozenset({"uvicorn", "gunicorn", "flask", "hypercorn"})
# Programs that run once and exit: schema migrations (jobs), linters, test runners, load
# generators and deploy tools (CI tools).
JOB_PROGRAMS = frozenset({"alembic", "atlas", "migrate", "flyway", "liquibase", "dbmate"})
JOB_COMMANDS = (("manage.py", "migrate"), ("django-admin", "migrate"), ("alembic", "upgrade"))
MANAGE_SUFFIXES = ("-manager", "-manage")  # a project's own manage.py as a console script (pulpcore-manager migrate)
# Test runners: an image whose command is one runs a test suite and exits (a tool image).
TEST_PROGRAMS = frozenset({"pytest", "py.test", "tox", "nox"})
TEST_COMMANDS = (("python", "-m", "pytest"), ("python", "-m", "unittest"), ("python", "-m", "tox"), ("python", "-m", "nox"))
TOOL_PROGRAMS = frozenset({
    "bandit", "flake8", "ruff", "mypy", "black", "pylint", "pre-commit", "cypress", "locust",
    "sphinx-build", "terraform", "ansible-playbook",
})
TOOL_COMMANDS = (("uv", "lock"),)
# Build runners whose target says it runs tests (`make test`, `make test-system`, `make tests_unit`).
TEST_TARGET_RUNNERS = frozenset({"make", "gmake"})
TEST_TARGET_WORDS = frozenset({"test", "tests", "check", "e2e"})
TOOL_PROGRAM_SUFFIXES = ("-cli", "_cli")  # a command-line client (onyx-cli), run per command
# A default CMD that only asks the ENTRYPOINT for its usage (`ENTRYPOINT ["tts"]`, `CMD ["--help"]`),
# with no port: a command-line tool, whose every run passes its own arguments.
HELP_ARGUMENTS = frozenset({"--help", "-h", "help", "--version"})
# Docker's own spelling of "the folder a tool works in": VOLUME /projects and WORKDIR /projects.
# An image that sets no command of its own and starts only these is built on, not run.
BARE_COMMANDS = frozenset({"python", "python3", "bash", "sh", "node", "pwsh", "powershell", "cmd"})
# What in a Python script says it serves or keeps running (a web app, a socket server, a bot's
# polling, an event loop, a loop without end): an ENTRYPOINT script without any of them runs
# its work once and exits (an analyzer started per job, a demo client's one query).
SERVING_CODE = (
    r"serve_forever", r"run_forever", r"\.listen\(", r"\bwhile\s+(?:True|1)\s*:", r"\b(?:app|bot|client|server)\.run\(",
    r"\.run\(\s*host\s*=", r"\buvicorn\.run\(", r"\bweb\.run_app\(", r"add_insecure_port\(", r"HTTPServer\(",
    r"\b(?:Flask|FastAPI|Starlette|Quart|Sanic)\(", r"\.launch\(", r"_polling\(", r"\bserve\(", r"\.start_server\(",
    r"IOLoop\.(?:current|instance)\(\)\.start\(", r"\breactor\.run\(", r"\bschedule\.every\(", r"\.start_consuming\(",
    r"\bfor\s+\w+\s+in\s+\w*consumer\b",
)

# What in a Python script says it keeps running: a server, queue consumer or scheduler it imports,
# or a loop or call that never returns. A script the image runs with none of these (`python3
# infer.py`, which transcribes one file and prints) runs once and exits: a batch job.
LONG_RUNNING_IMPORTS = frozenset({
    "flask", "fastapi", "uvicorn", "gunicorn", "hypercorn", "aiohttp", "tornado", "starlette", "sanic", "bottle", "cherrypy",
    "django", "falcon", "quart", "litestar", "waitress", "twisted", "gradio", "streamlit", "dash", "panel", "http", "socketserver",
    "wsgiref", "xmlrpc", "grpc", "websockets", "socketio", "zmq", "celery", "dramatiq", "rq", "huey", "kafka", "aiokafka",
    "confluent_kafka", "pika", "aio_pika", "kombu", "nats", "paho", "redis", "schedule", "apscheduler", "watchdog", "litserve",
    "bentoml", "ray", "mlflow", "jupyter", "notebook", "telegram", "discord", "slack_bolt", "mcp", "fastmcp", "socket", "asyncssh",
})
# Words and calls of a script that keeps running, case aside: it serves (a server, a port or host,
# listen, launch), loops (while True, run_forever, a schedule, a poll, a watch, sleep), or works
# a queue (worker, consume, subscribe); a script with none of them and none of the imports above
# runs once. Deliberately broad: a word in a comment or a name also keeps it a service.
_LONG_RUNNING_WORDS = ("serv", "listen", "port(?![a-z])", "host(?![a-z])", "localhost", "launch", "daemon", "forever", "loop",
                       "schedul", "poll", "watch", "sleep", "worker", "consum", "subscri", "queue", "socket")
LONG_RUNNING_TEXT = re.compile(r"(?<![a-z])(?:" + "|".join(_LONG_RUNNING_WORDS) + r")|while\s+(?:true|1)\b|\.join\(\)|signal\.pause",
                               re.IGNORECASE)  # a word starts each (api_server, PORT, time.sleep), not a part (import, observe)
