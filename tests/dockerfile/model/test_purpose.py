"""What an image is for, by the rule dockerfile/purpose.py states."""
import pytest

from dockharden.dockerfile.model import build_model
from dockharden.dockerfile.parser import parse
from support.lintcase import dockerfile

SERVICE = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n'


def purpose(text, path="Dockerfile"):
    return build_model(parse(dockerfile(text), path)).purpose


@pytest.mark.parametrize("path, kind", [
    ("Dockerfile", "service"),
    ("Dockerfile.dev", "development"),
    ("dev.Dockerfile", "development"),
    ("docker/Dockerfile_dev", "development"),
    (".devcontainer/Dockerfile", "development"),
    ("compose/local/django/Dockerfile", "development"),
    (".github/actions/scan/Dockerfile", "tool"),
    (".ci/Dockerfile.cypress", "tool"),
    ("Dockerfile.test", "tool"),
    ("images/app-base/Dockerfile", "base"),
    ("images/docker-stacks-foundation/Dockerfile", "base"),
    ("Dockerfile.base", "base"),
    ("images/base-notebook/Dockerfile", "service"),  # base- starts the name: a notebook built on a base
    ("docker/production/Dockerfile", "service"),
    (".gitpod.Dockerfile", "development"),
    ("tests/fixtures/proxy/Dockerfile", "tool"),
    ("src/test/resources/server/Dockerfile", "tool"),
    ("frontend/Dockerfile.playwright", "tool"),
    ("docs/Dockerfile.docs", "tool"),
    (".clusterfuzzlite/Dockerfile", "tool"),
    ("docs/Dockerfile.inference", "service"),  # a docs/ folder alone says nothing: examples live there
    ("contest/Dockerfile", "service"),  # the word, not a part of it
    ("Dockerfile.QA", "tool"),
    ("scripts/proxy-test/Dockerfile", "tool"),
    ("Dockerfile.sqlite-builder", "tool"),
    ("e2e/integration-tests/Dockerfile", "tool"),
    ("hack/kserve_migration/Dockerfile", "job"),
    ("migrations/Dockerfile", "job"),
    ("loadtest/Dockerfile", "tool"),
    ("loadtest/mock_llm/Dockerfile", "tool"),
    ("perf/load-tests/Dockerfile", "tool"),
    ("cli/Dockerfile", "tool"),
    ("tools/mlflow-cli/Dockerfile", "tool"),
    ("client/Dockerfile", "service"),
])
def test_names_and_folders(path, kind):
    assert purpose(SERVICE, path).kind == kind


@pytest.mark.parametrize("text, kind", [
    ("# dockharden: base\n" + SERVICE, "base"),
    ("# dockharden: purpose=tool\n" + SERVICE, "tool"),
    ("FROM python:3.12-slim AS gen\nRUN protoc --python_out=/out api.proto\nFROM scratch\nCOPY --from=gen /out /\n", "output"),
    ('FROM golang:1.22 AS b\nRUN go build -o /app\nFROM scratch\nCOPY --from=b /app /app\nENTRYPOINT ["/app"]\n', "service"),
    ('FROM python:3.12-slim\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n', "development"),
    ('FROM python:3.12-slim\nCMD ["uv", "run", "fastapi", "dev", "app/main.py"]\n', "development"),
    ('FROM python:3.12-slim\nCMD uvicorn app:app --reload\n', "development"),
    ('FROM python:3.12-slim\nCMD ["sleep", "infinity"]\n', "development"),
    ('FROM python:3.12-slim\nCMD ["tail", "-f", "/dev/null"]\n', "development"),
    ('FROM python:3.12-slim\nCMD ["tail", "-f", "/srv/dev/null"]\n', "service"),  # another path named null
    ('FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/manage.py", "runserver"]\n', "development"),  # a name by its basename
    ('FROM python:3.12-slim\nENTRYPOINT ["alembic", "-c", "/m/alembic.ini", "upgrade", "head"]\n', "job"),
    ('FROM debian:12-slim AS db-migration\nCOPY --from=ghcr.io/org/migrator:1 /m /m\nENTRYPOINT ["/m"]\n', "job"),
    ('FROM python:3.12-alpine\nENTRYPOINT ["bandit", "-r", "."]\n', "tool"),
    ('FROM golang:1.26 AS b\nRUN go build -o /app-cli\nFROM scratch\nCOPY --from=b /app-cli /app-cli\nENTRYPOINT ["/app-cli"]\n', "tool"),
    ('FROM locustio/locust:2.44.1\nCOPY locustfile.py /l/\nENTRYPOINT ["locust", "-f", "/l/locustfile.py"]\n', "tool"),
    ('FROM quay.io/pypa/manylinux_2_28_x86_64:2024.05.13-1\nRUN yum install -y glog-devel\n', "tool"),
    ('FROM mcr.microsoft.com/devcontainers/python:3.12\n', "development"),
    ('FROM golang:1.26 AS generator\nRUN go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.1\n', "tool"),
    ('FROM gitpod/workspace-python:2024-05-01\nRUN pip install --no-cache-dir ruff\n', "development"),
    ('FROM python:3.12-slim AS build\nFROM build AS dev-image\nCOPY . /src\nCMD ["python", "-m", "app"]\n', "development"),
    ('FROM python:3.12-slim AS build\nFROM build AS devcontainer-gpu\nRUN pip install --no-cache-dir torch\n', "development"),
    ('FROM python:3.12 AS testing\nCOPY . /code\nEXPOSE 8000\nCMD ["bash", "./bin/serve"]\n', "tool"),
    ('FROM python:3.12-alpine\nWORKDIR /projects\nVOLUME /projects\nENTRYPOINT ["python", "-m", "generator"]\n', "tool"),
    ('FROM debian:12-slim\nRUN apt-get update && apt-get install -y python3\nCMD ["python3"]\n', "base"),
    # a bare CMD on an image that holds an application is still a service
    ('FROM debian:12-slim\nCOPY --from=ghcr.io/org/build:1 /app /app\nCOPY . /src\nCMD ["/bin/bash"]\n', "service"),
    # an installed program as the whole ENTRYPOINT, no CMD: each run passes its arguments, a command-line tool
    ('FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq\nENTRYPOINT ["jq"]\n', "tool"),
    ('FROM debian:12-slim\nRUN apt-get update && apt-get install -y redis-server\nEXPOSE 6379\nENTRYPOINT ["redis-server"]\n', "service"),
    ('FROM debian:12-slim\nRUN apt-get update && apt-get install -y jq\nENTRYPOINT ["jq"]\nCMD ["."]\n', "service"),
    # a default command that only asks the ENTRYPOINT for its help: each run passes its own arguments
    ('FROM python:3.12-slim\nCOPY . /src\nRUN pip install --no-cache-dir /src\nENTRYPOINT ["tts"]\nCMD ["--help"]\n', "tool"),
    ('FROM python:3.12-slim\nCOPY . /src\nENTRYPOINT ["/usr/local/bin/app"]\nCMD ["-h"]\n', "tool"),
    ('FROM python:3.12-slim\nCOPY . /src\nENTRYPOINT ["app"]\nCMD ["--help"]\nHEALTHCHECK CMD ["app", "ping"]\n', "service"),
    ('FROM python:3.12-slim\nCOPY . /src\nCMD ["--help"]\n', "service"),
    # a port says it serves with other arguments (ENTRYPOINT ["feast"] run as `feast serve`)
    ('FROM python:3.12-slim\nRUN pip install --no-cache-dir feast\nEXPOSE 6566\nENTRYPOINT ["feast"]\nCMD ["--help"]\n', "service"),
    ('FROM debian:12-slim\nRUN apt-get update && apt-get install -y python3\nCOPY app.py /\nENTRYPOINT ["python3"]\n', "service"),
    ('FROM ruby:3.3\nCOPY . /site\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["bundle", "exec", "jekyll", "serve", "-H", "0.0.0.0"]\n',
     "development"),
    ('FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n', "service"),
    # one program as ENTRYPOINT, no CMD, a working directory nothing fills: run on files mounted there
    ('FROM python:3.12-slim\nCOPY . /src\nRUN pip install --no-cache-dir /src\nWORKDIR /data\nENTRYPOINT ["ludwig"]\n', "tool"),
    ('FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["/app/run"]\n', "service"),  # the app is there
    ('FROM python:3.12-slim\nCOPY . /src\nWORKDIR /data\nENTRYPOINT ["ludwig"]\nCMD ["serve"]\n', "service"),
    ('FROM python:3.12-slim\nCOPY . /src\nWORKDIR /data\nEXPOSE 8080\nENTRYPOINT ["ludwig"]\n', "service"),
    ('FROM python:3.12-slim\nCOPY . /src\nENTRYPOINT ["ludwig"]\n', "service"),  # no working directory of its own
    # stdio servers (MCP): each client starts its own process
    ('FROM python:3.12-slim\nENV APP_MCP_TRANSPORT=stdio PORT=8000\nCOPY . /app\nEXPOSE 8000\nCMD ["python", "-m", "app.mcp"]\n', "tool"),
    ('FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "-m", "app", "--transport", "stdio"]\n', "tool"),
    ('FROM python:3.12-slim\nENV APP_MCP_TRANSPORT=http\nCOPY . /app\nCMD ["python", "-m", "app.mcp"]\n', "service"),
    # no command at all: compose or Kubernetes may give one, so it is judged as a service
    ("FROM python:3.12-slim\nRUN pip install --no-cache-dir mlflow\n", "service"),
])
def test_pragmas_stages_commands_and_bases(text, kind):
    assert purpose(text).kind == kind


def test_the_reason_is_said():
    assert purpose(SERVICE, "Dockerfile.dev").reason == "its name (Dockerfile.dev)"


def _finding(tmp_path, files: dict[str, str], name: str, text: str, code: str):
    """The one finding of `code` on Dockerfile `name` holding `text`, linted in a repository of `files`."""
    from dockharden.checks.lint import lint_text

    (tmp_path / ".git").mkdir(exist_ok=True)
    for path, content in {**files, name: text}.items():
        (tmp_path / path).write_text(content)
    (found,) = [f for f in lint_text(text, name, tmp_path).findings if f.rule.code == code]
    return found


def test_an_image_a_bake_target_takes_as_a_context_is_a_base_image(tmp_path):
    bake = 'target "rt" {\n  dockerfile = "Dockerfile.rt"\n}\ntarget "app" {\n  dockerfile = "Dockerfile"\n  contexts = { rt = "target:rt" }\n}\n'
    text = "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n"
    healthcheck = _finding(tmp_path, {"docker-bake.hcl": bake}, "Dockerfile.rt", text, "DH201")
    assert healthcheck.rule.severity.label == "info" and "a base image, as docker-bake.hcl builds it as the rt context of target app" in healthcheck.message


@pytest.mark.parametrize("service, kind", [
    ("    tty: true\n", "development"),
    ("    stdin_open: true\n", "development"),
    ("    tty: true\n    command: celery worker\n", "service"),  # it runs something of its own
    ("    tty: true\n    ports:\n      - 8000:8000\n", "service"),  # it serves
    ("    restart: always\n", "service"),
    # a shell in place of the image's command: nothing serves until the user starts it by hand
    ("    tty: true\n    stdin_open: true\n    command: bash\n    ports:\n      - 7860:7860\n", "development"),
    ("    stdin_open: true\n    command: [\"/bin/sh\"]\n", "development"),
    ("    command: bash\n", "service"),  # no terminal: bash reads an empty stdin and exits
    ("    tty: true\n    command: bash -c 'python serve.py'\n", "service"),
])
def test_a_compose_service_that_only_keeps_a_terminal_open_is_a_toolbox(tmp_path, service, kind):
    text = 'FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT ["/app/entrypoint"]\n'
    healthcheck = _finding(tmp_path, {"compose.yaml": "services:\n  app:\n    build: .\n" + service}, "Dockerfile", text, "DH201")
    assert (healthcheck.rule.severity.label == "info") == (kind == "development")


@pytest.mark.parametrize("service, kind", [
    ("    command:\n      - --reload\n", "development"),  # after ENTRYPOINT ["uvicorn", ...]
    ("    command: uvicorn app:app --host 0.0.0.0 --reload\n", "development"),
    ("    command: --workers 4\n", "service"),
    ("    restart: always\n", "service"),  # no command: the image's own
])
def test_a_compose_command_that_makes_it_a_development_server(tmp_path, service, kind):
    text = 'FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT ["uvicorn", "app:app", "--host", "0.0.0.0"]\n'
    missing_user = _finding(tmp_path, {"compose.yaml": "services:\n  api:\n    build: .\n" + service}, "Dockerfile", text, "DH102")
    assert (missing_user.rule.severity.label == "info") == (kind == "development")
    if kind == "development":
        assert "compose.yaml (service api) runs it as a development server" in missing_user.message


@pytest.mark.parametrize("command, kind", [
    ("tail -f /dev/null", "development"),  # keeps it up to exec into
    ("sleep infinity", "development"),
    ("tail -f /var/log/app.log", "service"),  # follows a log: the path is matched whole
])
def test_a_compose_command_that_only_keeps_the_container_up_makes_it_development(tmp_path, command, kind):
    text = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "-m", "app"]\n'
    missing_user = _finding(tmp_path, {"compose.yaml": f"services:\n  box:\n    build: .\n    command: {command}\n"}, "Dockerfile", text, "DH102")
    assert missing_user.rule.severity.label == ("info" if kind == "development" else "error")
    if kind == "development":
        assert f"compose.yaml (service box) keeps it running to work in (command: {command})" in missing_user.message


def test_a_script_that_runs_the_image_with_only_a_shell_makes_it_a_toolbox(tmp_path):
    text = "FROM buildpack-deps:jammy\nRUN apt-get update && apt-get install -y --no-install-recommends cmake && rm -rf /var/lib/apt/lists/*\nCOPY . /src\n"
    build = {"build.sh": "docker build -t bench .\n"}
    tools = _finding(tmp_path, {**build, "run.sh": "docker run -it --rm -v $PWD:/src bench bash\n"}, "Dockerfile", text, "DH801")
    assert tools.rule.severity.label == "info" and "run.sh (docker run) only keeps a terminal open on it: a toolbox" in tools.message
    tools = _finding(tmp_path, {**build, "run.sh": "docker run -d bench make serve\n"}, "Dockerfile", text, "DH801")
    assert tools.rule.severity.label == "error"


COMPILER = "FROM python:3.12-slim\nRUN pip install --no-cache-dir grpcio-tools\n"
COMPILER_MAKEFILE = "IMAGE := acme/compiler:1\nbuild:\n\tdocker build -t $(IMAGE) .\ncompile:\n\tRUN_LINE\n"


@pytest.mark.parametrize("run, kind", [
    ("docker run -v $(PWD):/app $(IMAGE) make compile-schemas", "tool"),
    ("docker run --rm -v $(PWD):/app $(IMAGE) make compile-schemas", "tool"),
    ("docker run -d -v $(PWD):/app $(IMAGE) make compile-schemas", "service"),  # it keeps running
    ("docker run -p 50051:50051 $(IMAGE) python -m server", "service"),  # it serves a port
    ("docker run --restart unless-stopped $(IMAGE) python -m server", "service"),
    ("docker run --network host $(IMAGE) python -m server", "service"),  # it serves without -p
    ("docker run --rm $(IMAGE) python -m grpc_tools.protoc --version", "service"),  # a smoke test says nothing
    ("docker run -it --rm $(IMAGE) bash", "development"),  # a terminal: the toolbox
])
def test_an_image_without_a_command_that_scripts_run_once_in_the_foreground_is_a_tool(tmp_path, run, kind):
    missing_user = _finding(tmp_path, {"Makefile": COMPILER_MAKEFILE.replace("RUN_LINE", run)}, "Dockerfile", COMPILER, "DH102")
    assert (missing_user.rule.severity.label == "error") == (kind == "service")
    if kind == "tool":
        assert missing_user.message == (
            "the final stage sets no USER, so it runs as root (info: a tool image, as it sets no command, and Makefile (docker run) "
            f"runs it in the foreground with one ({run.rsplit('$(IMAGE) ', 1)[1]}): a tool run once; long-running services need this)")
    if kind == "development":
        assert "Makefile (docker run) only keeps a terminal open on it: a toolbox" in missing_user.message


@pytest.mark.parametrize("files, text", [
    # a compose service gives it a server's command
    ({"compose.yaml": "services:\n  api:\n    image: acme/compiler:1\n    command: python -m server\n"}, COMPILER),
    ({}, COMPILER + 'CMD ["python", "-m", "server"]\n'),  # its own command is a server's
])
def test_a_task_run_does_not_make_a_tool_of_an_image_something_else_runs_as_a_service(tmp_path, files, text):
    makefile = COMPILER_MAKEFILE.replace("RUN_LINE", "docker run -v $(PWD):/app $(IMAGE) make compile-schemas")
    assert _finding(tmp_path, {"Makefile": makefile, **files}, "Dockerfile", text, "DH102").rule.severity.label == "error"


DOCS_GENERATOR = 'FROM golang:1.25\nRUN go install example.com/gen-docs@v1.2.0\nENTRYPOINT ["/go/bin/gen-docs"]\n'


@pytest.mark.parametrize("run, kind", [
    ("docker run -it --rm -v $(PWD)/docs:/out $(IMAGE)", "tool"),  # the terminal shows the generator's output
    ("docker run --rm -v $(PWD)/docs:/out $(IMAGE)", "tool"),
    ("docker run -it --rm -p 8080:8080 $(IMAGE)", "service"),
    ("docker run --rm $(IMAGE) --serve", "service"),  # given arguments, it may serve
])
def test_an_image_whose_own_program_scripts_run_once_in_the_foreground_is_a_tool(tmp_path, run, kind):
    makefile = COMPILER_MAKEFILE.replace("RUN_LINE", run)
    missing_user = _finding(tmp_path, {"Makefile": makefile}, "Dockerfile", DOCS_GENERATOR, "DH102")
    assert (missing_user.rule.severity.label == "error") == (kind == "service")
    if kind == "tool":
        assert missing_user.message == ("the final stage sets no USER, so it runs as root (info: a tool image, as Makefile (docker run) "
                                        "runs it in the foreground with its own command (gen-docs): a tool run once; long-running services need this)")


def test_a_foreground_run_of_an_image_whose_own_command_is_a_shell_makes_no_tool(tmp_path):
    makefile = COMPILER_MAKEFILE.replace("RUN_LINE", "docker run --rm -v $(PWD):/work $(IMAGE)")
    text = COMPILER + 'CMD ["bash"]\n'
    assert _finding(tmp_path, {"Makefile": makefile}, "Dockerfile", text, "DH102").rule.severity.label == "error"


@pytest.mark.parametrize("command, kind", [
    ('["make", "test-system"]', "tool"),
    ('["make", "-C", "/src", "tests_unit"]', "tool"),
    ('make check', "tool"),
    ('["python", "-m", "pytest", "tests/"]', "tool"),
    ('["python3", "-m", "unittest", "discover"]', "tool"),
    ('["tox", "-e", "py312"]', "tool"),
    ('["nox"]', "tool"),
    ('["make", "serve"]', "service"),
    ('["make"]', "service"),  # the default target says nothing
    ('["make", "-C", "test", "run"]', "service"),  # the folder is no target
    ('["make", "testserver"]', "service"),  # the word, not a part of it
    ('["python", "-m", "app.unittest_server"]', "service"),
])
def test_a_command_that_runs_tests_is_a_tool(command, kind):
    found = purpose(f"FROM python:3.12-slim\nCOPY . /src\nWORKDIR /src\nCMD {command}\n")
    assert found.kind == kind
    assert (found.reason.startswith("its command runs tests and exits (")) == (kind == "tool")


BUILD_FUNCTION = 'build_image() {\n    local name=$1\n    docker build -t "acme/${name}" -f "$2" ..\n}\nbuild_image base-os images/os/Dockerfile\n'
BASE_OS = "FROM python:3.12-slim\nRUN pip install --no-cache-dir requests\n"


def _in_repository(tmp_path, files: dict[str, str], name: str, code: str):
    """The findings of `code` on the repository's Dockerfile `name`, the others of `files` beside it."""
    from dockharden.checks.lint import lint_text

    (tmp_path / ".git").mkdir(exist_ok=True)
    for path, content in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(content)
    return [(f.rule.severity.label, f.message) for f in lint_text(files[name], name, (tmp_path / name).parent).findings if f.rule.code == code]


@pytest.mark.parametrize("script", [
    BUILD_FUNCTION,  # a build function the script calls with the name and the Dockerfile
    "docker build -t acme/base-os:latest -f images/os/Dockerfile .\n",
])
def test_an_image_the_repository_tags_as_another_dockerfiles_base_is_a_base_image(tmp_path, script):
    files = {"build.sh": script, "images/os/Dockerfile": BASE_OS, "Dockerfile.app": "FROM acme/base-os:latest\nUSER 1000\nCMD [\"python\"]\n"}
    (severity, message), = _in_repository(tmp_path, files, "images/os/Dockerfile", "DH102")
    name = "base-os" if script == BUILD_FUNCTION else "acme/base-os:latest"
    assert (severity, message) == ("info", "the final stage sets no USER, so it runs as root (info: a base image, as build.sh builds it as "
                                           f"{name}, the base of Dockerfile.app; the images built FROM it need this)")


@pytest.mark.parametrize("change", [
    {"images/os/Dockerfile": BASE_OS + 'CMD ["gunicorn", "app:app"]\n'},  # it runs something of its own
    {"images/os/Dockerfile": BASE_OS + "EXPOSE 8000\n"},
    {"images/os/Dockerfile": BASE_OS + 'ENTRYPOINT ["/usr/local/bin/serve"]\n'},
    {"compose.yaml": "services:\n  os:\n    build:\n      context: images/os\n"},  # a service builds it
    {"compose.yaml": "services:\n  os:\n    image: acme/base-os:latest\n"},  # something runs the name
    {"Dockerfile.app": "FROM python:3.12-slim AS base-os\nFROM base-os\nUSER 1000\n"},  # its own stage, not the image
    {"Dockerfile.app": "FROM acme/other:latest\nUSER 1000\n"},
    {"build.sh": BUILD_FUNCTION.replace("docker build", "echo")},  # the function builds nothing
])
def test_not_a_base_when_it_runs_something_something_runs_it_or_nothing_is_built_on_it(tmp_path, change):
    files = {"build.sh": BUILD_FUNCTION, "images/os/Dockerfile": BASE_OS, "Dockerfile.app": "FROM acme/base-os:latest\nUSER 1000\n", **change}
    assert [s for s, _ in _in_repository(tmp_path, files, "images/os/Dockerfile", "DH102")] == ["error"]


def test_a_base_of_another_image_the_same_script_builds(tmp_path):
    script = BUILD_FUNCTION + "build_image app images/app/Dockerfile\n"
    files = {"build.sh": script, "images/os/Dockerfile": BASE_OS, "images/app/Dockerfile": "FROM acme/base-os\nUSER 1000\n"}
    (severity, message), = _in_repository(tmp_path, files, "images/os/Dockerfile", "DH102")
    assert severity == "info" and "as build.sh builds it as base-os, the base of images/app/Dockerfile;" in message


PROJECT = '[project]\nname = "acme-agent"\n\n[project.scripts]\nacme-agent = "acme_agent.cli:main"\n'


@pytest.mark.parametrize("install", [
    "RUN pip install --no-cache-dir .",
    "RUN uv sync --locked --no-dev",
    "RUN pip install --no-cache-dir -e .",
    "RUN poetry install --only main",
    "RUN pip install --no-cache-dir /app",
])
def test_an_entrypoint_that_is_a_console_script_of_the_project_it_installs_is_a_tool(tmp_path, install):
    text = f'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\n{install}\nENTRYPOINT ["acme-agent"]\n'
    (severity, message), = _in_repository(tmp_path, {"pyproject.toml": PROJECT, "Dockerfile": text}, "Dockerfile", "DH201")
    assert (severity, message) == ("info", "the final stage has no HEALTHCHECK (info: a tool image, as its ENTRYPOINT is only acme-agent, "
                                           "a console script of the project it installs (pyproject.toml), with no CMD: a command-line tool "
                                           "run with arguments; long-running services need this)")


SERVER_PROJECT = PROJECT.replace("acme_agent.cli:main", "acme_agent.server:main")
CLI_EXPOSING = 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\nEXPOSE 9222\nENTRYPOINT ["acme-agent"]\n'


@pytest.mark.parametrize("project, kind", [
    (PROJECT, "tool"),  # the project's command-line interface: its ports are what its commands open when asked
    (PROJECT.replace("acme_agent.cli:main", "acme_agent:cli"), "tool"),
    (SERVER_PROJECT, "service"),  # a server's console script with a port: it serves
    (PROJECT.replace("acme_agent.cli:main", "acme_agent.client:main"), "service"),  # cli only as a part of a word
])
def test_a_port_does_not_make_a_service_of_the_projects_command_line_interface(tmp_path, project, kind):
    (severity, message), = _in_repository(tmp_path, {"pyproject.toml": project, "Dockerfile": CLI_EXPOSING}, "Dockerfile", "DH201")
    assert severity == ("info" if kind == "tool" else "error")
    if kind == "tool":
        assert message == ("the final stage has no HEALTHCHECK (info: a tool image, as its ENTRYPOINT is only acme-agent, the command-line "
                           "interface (its cli module) of the project it installs (pyproject.toml), with no CMD: a command-line tool run "
                           "with arguments; the ports it exposes are what its commands open when asked; long-running services need this)")


def test_a_port_of_a_cli_that_compose_runs_or_gives_a_command_is_a_service(tmp_path):
    files = {"pyproject.toml": PROJECT, "Dockerfile": CLI_EXPOSING.replace('["acme-agent"]\n', '["acme-agent"]\nCMD ["serve"]\n')}
    assert [s for s, _ in _in_repository(tmp_path, files, "Dockerfile", "DH201")] == ["error"]
    compose = {"compose.yaml": "services:\n  agent:\n    build: .\n"}
    assert [s for s, _ in _in_repository(tmp_path, {**files, **compose, "Dockerfile": CLI_EXPOSING}, "Dockerfile", "DH201")] == ["error"]


@pytest.mark.parametrize("text", [
    'FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\nEXPOSE 8000\nENTRYPOINT ["acme-server"]\n',  # it serves
    'FROM python:3.12-alpine\nRUN apk add --no-cache jq\nEXPOSE 8000\nENTRYPOINT ["jq"]\n',  # an installed program with a port
    'FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\nENTRYPOINT ["acme-agent"]\nCMD ["serve"]\n',
    'FROM python:3.12-slim\nCOPY . /app\nRUN uv sync --no-install-project\nENTRYPOINT ["acme-agent"]\n',  # the project is not installed
    'FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\nENTRYPOINT ["acme-server"]\n',  # not a script of the project
    'FROM python:3.12-slim\nCOPY app.py /app/\nRUN pip install /app\nENTRYPOINT ["acme-agent"]\n',  # pyproject.toml is not copied
])
def test_not_a_tool_when_it_serves_or_the_program_is_not_the_projects(tmp_path, text):
    assert [s for s, _ in _in_repository(tmp_path, {"pyproject.toml": PROJECT, "Dockerfile": text}, "Dockerfile", "DH201")] == ["error"]


def test_an_installed_python_package_with_extras_is_a_tool():
    text = 'FROM python:3.12-slim\nRUN pip install --no-cache-dir "yt-dlp[default]==2025.1.1"\nENTRYPOINT ["yt-dlp"]\n'
    assert purpose(text).kind == "tool"


WORKFLOW = ("on: push\njobs:\n  docker:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v3\n"
            "        with:\n          context: .\n          file: ./docker/Dockerfile\n          push: PUSH\n          tags: acme/app:nightly\n")
APP = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n'


@pytest.mark.parametrize("push, kind", [
    ("true", "service"),
    ("${{ github.event_name != 'pull_request' }}", "service"),
    ("false", "development"),  # built in CI, not published
    (None, "development"),  # no workflow builds it
])
def test_a_plain_dockerfile_beside_a_dockerfile_prod_that_a_workflow_publishes_is_not_the_development_one(tmp_path, push, kind):
    files = {"docker/Dockerfile": APP, "docker/Dockerfile.prod": APP}
    files |= {".github/workflows/publish.yml": WORKFLOW.replace("PUSH", push)} if push is not None else {}
    (severity, message), = _in_repository(tmp_path, files, "docker/Dockerfile", "DH201")
    assert severity == ("error" if kind == "service" else "info")
    if kind == "development":
        assert "a development image, as Dockerfile.prod beside it is the production image" in message


TOOLBOX = "FROM ubuntu:24.04\n{args}RUN apt-get update && apt-get install -y sudo\nRUN {grant}\n"


@pytest.mark.parametrize("args, grant, kind", [
    # the developer's own account, built in with --build-arg DEV_USER=$USER, with passwordless sudo
    ("ARG DEV_USER\nARG DEV_UID\n", 'useradd -u $DEV_UID $DEV_USER && echo "$DEV_USER ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers', "development"),
    ("ARG DEV_USER=me\n", "echo \"${DEV_USER} ALL=(ALL:ALL) NOPASSWD: ALL\" >> /etc/sudoers", "development"),
    ("", 'useradd -u 1000 demo && echo "demo ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers', "service"),  # a fixed account
    ("ENV DEV_USER=me\n", 'echo "$DEV_USER ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers', "service"),  # not a build argument
    ("ARG DEV_USER\n", 'echo "$DEV_USER ALL=(ALL) ALL" >> /etc/sudoers', "service"),  # sudo with a password
])
def test_passwordless_sudo_for_the_account_a_build_argument_names_is_a_development_image(args, grant, kind):
    found = purpose(TOOLBOX.format(args=args, grant=grant) + 'CMD ["python3", "-m", "http.server"]\n')
    assert found.kind == kind
    if kind == "development":
        assert found.reason == "it gives passwordless sudo to the account the build argument DEV_USER names (line {}): the developer's own user".format(
            3 + args.count("\n"))


PACKAGER = ('FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends debhelper && rm -rf /var/lib/apt/lists/*\n'
            'WORKDIR /src\nENTRYPOINT ["bash", "/src/packaging/make-debs.sh"]\n')
PACKAGING_SCRIPT = '''import subprocess

def build(dist, tag):
    subprocess.check_call(("docker", "build", "--tag", "debs-env:" + tag, "--build-arg", "distro=" + dist,
                           "-f", "packaging/Dockerfile.debs", "packaging"))
    subprocess.check_call(["docker", "run", RUN_OPTIONS "--volume=" + here + ":/src:ro", "debs-env:" + tag])
'''


@pytest.mark.parametrize("folder, options, kind", [
    ("scripts-dev", "", "tool"),  # the release script builds it and runs its own command once
    ("scripts", '"--rm", ', "tool"),
    ("tools", '"--rm", "-it", ', "tool"),
    ("scripts", '"-d", ', "service"),  # detached: it keeps running
    ("examples", "", "service"),  # not a folder of the repository's scripts: nothing says how it runs
])
def test_an_image_a_python_script_builds_and_runs_once_is_a_tool(tmp_path, folder, options, kind):
    files = {f"{folder}/build_debs.py": PACKAGING_SCRIPT.replace("RUN_OPTIONS ", options), "packaging/Dockerfile.debs": PACKAGER}
    (severity, message), = _in_repository(tmp_path, files, "packaging/Dockerfile.debs", "DH201")
    assert severity == ("info" if kind == "tool" else "error")
    if kind == "tool":
        assert message == ("the final stage has no HEALTHCHECK (info: a tool image, as build_debs.py (docker run) runs it in the foreground "
                           "with its own command (make-debs.sh): a tool run once; long-running services need this)")


def test_a_shell_script_run_by_a_container_cli_variable_is_read(tmp_path):
    script = ('#!/bin/bash\n$CONTAINER_RUNTIME build -t debs-env:$TAG -f packaging/Dockerfile.debs packaging\n'
              '$CONTAINER_RUNTIME run --rm -v "$PWD:/src" debs-env:$TAG\n')
    (severity, message), = _in_repository(tmp_path, {"scripts/debs.sh": script, "packaging/Dockerfile.debs": PACKAGER},
                                          "packaging/Dockerfile.debs", "DH201")
    assert severity == "info" and "debs.sh (docker run) runs it in the foreground with its own command (make-debs.sh)" in message


BATCH = ('FROM python:3.12-slim\nWORKDIR /work\nCOPY transcribe.py sample.wav ./\nRUN pip install --no-cache-dir whisperx==3.1.1\n'
         'CMD ["python3", "transcribe.py"]\n')
ONE_RUN = 'import whisperx\n\nmodel = whisperx.load_model("tiny")\nfor part in model.transcribe("sample.wav")["segments"]:\n    print(part["text"])\n'


@pytest.mark.parametrize("script, text, kind", [
    (ONE_RUN, BATCH, "job"),
    (ONE_RUN, BATCH.replace('["python3", "transcribe.py"]', "python transcribe.py --lang en"), "job"),
    ("from fastapi import FastAPI\n" + ONE_RUN, BATCH, "service"),  # it imports a server
    ("import os, socket\n" + ONE_RUN, BATCH, "service"),
    ("import celery.app\n" + ONE_RUN, BATCH, "service"),
    (ONE_RUN + "while True:\n    pass\n", BATCH, "service"),  # it loops for ever
    ("from vllm.entrypoints.openai import api_server\napi_server.main()\n", BATCH, "service"),  # a server by its name
    (ONE_RUN + "app.run(port=8080)\n", BATCH, "service"),
    (ONE_RUN + "time.sleep(60)\n", BATCH, "service"),
    (ONE_RUN, BATCH.replace("WORKDIR /work\n", "WORKDIR /work\nCOPY acme/ ./acme/\n"), "service"),  # the project's code comes with it
    (ONE_RUN, BATCH.replace("WORKDIR /work\n", "WORKDIR /work\nCOPY acme ./acme\n"), "service"),  # a folder of the context
    (ONE_RUN, BATCH.replace("COPY transcribe.py sample.wav ./", "COPY . ."), "service"),
    (ONE_RUN, BATCH.replace("CMD", "EXPOSE 8000\nCMD"), "service"),  # a port
    (ONE_RUN, BATCH.replace('"transcribe.py"]', '"other.py"]'), "service"),  # a script it does not copy
])
def test_a_python_script_copied_alone_that_runs_once_is_a_job(tmp_path, script, text, kind):
    files = {"batch/transcribe.py": script, "batch/acme/__init__.py": "", "batch/Dockerfile": text}
    (severity, message), = _in_repository(tmp_path, files, "batch/Dockerfile", "DH201")
    assert severity == ("info" if kind == "job" else "error")
    if kind == "job":
        assert message == ("the final stage has no HEALTHCHECK (info: a one-shot job, as its command runs transcribe.py once: a script copied "
                           "from the context that starts no server, consumer or loop; long-running services need this)")


def test_a_python_script_that_compose_runs_is_a_service(tmp_path):
    files = {"batch/transcribe.py": ONE_RUN, "batch/Dockerfile": BATCH, "batch/compose.yaml": "services:\n  asr:\n    build: .\n"}
    assert [s for s, _ in _in_repository(tmp_path, files, "batch/Dockerfile", "DH201")] == ["error"]


DEV_BENCH = ("FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential python3-dev "
             "&& rm -rf /var/lib/apt/lists/*\nRUN useradd -u 1000 dev\nUSER 1000\n")


@pytest.mark.parametrize("folder, kind", [
    ("devcontainer-example", "development"),  # a devcontainer's compose file runs it to work in
    (".devcontainer", "development"),
    ("examples", "service"),  # not a folder the repository's runs are read from
])
def test_an_image_a_devcontainer_compose_file_keeps_running_is_development(tmp_path, folder, kind):
    bake = 'target "bench" {\n  context = "images/bench"\n  tags = ["acme/bench:latest"]\n}\n'
    compose = "services:\n  bench:\n    image: docker.io/acme/bench:latest\n    command: sleep infinity\n"
    files = {"docker-bake.hcl": bake, f"{folder}/docker-compose.yml": compose, "images/bench/Dockerfile": DEV_BENCH}
    (severity, message), = _in_repository(tmp_path, files, "images/bench/Dockerfile", "DH801")
    assert severity == ("info" if kind == "development" else "error")
    if kind == "development":
        assert "(info: a development image, as docker-compose.yml (service bench) keeps it running to work in (command: sleep infinity)" in message


PLUGIN = ("ARG BASE_IMAGE\nFROM $BASE_IMAGE\nRUN apt-get update && apt-get install -y build-essential\nCOPY plugin.cpp /src/\n"
          "RUN g++ -shared -o /out/libplugin.so /src/plugin.cpp\n")
PLUGIN_MAKEFILE = ("ifeq ($(TARGET_OS),redhat)\n  DIST = redhat\nelse\n  DIST = ubuntu\nendif\nplugin:\n"
                   "\tdocker build -f Dockerfile.$(DIST) -t acme-plugin-build:latest .\n"
                   "\tdocker cp $$(docker create --rm acme-plugin-build:latest):/out/libplugin.so ./lib/\n")
OUTPUT_NOTE = ("(info: an output-only image, as Makefile builds it as acme-plugin-build:latest only to copy files out of it "
               "(Makefile: docker create, docker cp): it never runs; images that run or ship need this)")


def test_an_image_a_makefile_builds_only_to_copy_files_out_of_is_output_only(tmp_path):
    files = {"Makefile": PLUGIN_MAKEFILE, "Dockerfile.redhat": PLUGIN, "Dockerfile.ubuntu": PLUGIN}
    for code, message in [("DH102", "the final stage sets no USER, so it runs as root"), ("DH201", "the final stage has no HEALTHCHECK"),
                          ("DH801", "build tools in the final image: build-essential"),
                          ("DH904", "apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN"),
                          ("DH909", "apt install without --no-install-recommends: what the packages recommend is installed too")]:
        assert _in_repository(tmp_path, files, "Dockerfile.redhat", code) == [("info", f"{message} {OUTPUT_NOTE}")]
    assert [s for s, _ in _in_repository(tmp_path, files, "Dockerfile.ubuntu", "DH102")] == ["error"]  # the Makefile builds only the first


@pytest.mark.parametrize("change", [
    {"Dockerfile.redhat": PLUGIN + 'CMD ["/out/plugin-server"]\n'},  # it has a command of its own
    {"Dockerfile.redhat": PLUGIN + "EXPOSE 9000\n"},
    {"run.sh": "docker run -d acme-plugin-build:latest /out/plugin-server\n"},  # something runs it
    {"compose.yaml": "services:\n  plugin:\n    image: acme-plugin-build:latest\n"},
    {"Makefile": PLUGIN_MAKEFILE + "\tdocker start acme-plugin\n"},  # the Makefile starts a container
    {"Makefile": PLUGIN_MAKEFILE.replace("create --rm acme-plugin-build", "create --rm acme-other-build")},
    {".github/workflows/publish.yml": WORKFLOW.replace("PUSH", "true").replace("./docker/Dockerfile", "./Dockerfile.redhat")},  # it is pushed
])
def test_not_output_only_when_it_runs_something_something_runs_it_or_other_images_are_copied_out_of(tmp_path, change):
    files = {"Makefile": PLUGIN_MAKEFILE, "Dockerfile.redhat": PLUGIN, **change}
    assert [s for s, _ in _in_repository(tmp_path, files, "Dockerfile.redhat", "DH102")] == ["error"]


NAMED_BASE = "FROM acme/os-base:1\nRUN pip install --no-cache-dir numpy==2.1.0\n"


def test_an_image_its_name_says_another_dockerfile_beside_it_is_from_is_a_base_image(tmp_path):
    files = {"docker/Dockerfile.os-numeric": NAMED_BASE, "docker/Dockerfile.app": 'FROM acme/os-numeric:latest\nUSER 1000\nCMD ["python"]\n'}
    (severity, message), = _in_repository(tmp_path, files, "docker/Dockerfile.os-numeric", "DH102")
    assert (severity, message) == ("info", "the final stage sets no USER, so it runs as root (info: a base image, as docker/Dockerfile.app "
                                           "is built FROM it (an image named os-numeric, as its own name says); the images built FROM it need this)")


@pytest.mark.parametrize("change", [
    {"docker/Dockerfile.app": "FROM os-numeric\nUSER 1000\n"},  # no owner: an official image's name, never built here
    {"docker/Dockerfile.app": "FROM acme/other:latest\nUSER 1000\n"},
    {"docker/compose.yaml": "services:\n  numeric:\n    image: acme/os-numeric:latest\n"},  # something runs the name
    {"docker/Dockerfile.os-numeric": NAMED_BASE + 'CMD ["python", "-m", "serve"]\n'},  # it runs something of its own
    {"docker/Dockerfile.app": "USER 1000\n", "docker/app/Dockerfile": "FROM acme/os-numeric:latest\nUSER 1000\n"},  # not beside it
])
def test_not_a_base_by_its_name_when_nothing_beside_it_is_from_that_name_or_it_runs(tmp_path, change):
    files = {"docker/Dockerfile.os-numeric": NAMED_BASE, "docker/Dockerfile.app": "FROM acme/os-numeric:latest\nUSER 1000\n", **change}
    files = {k: v for k, v in files.items() if not v.startswith("USER")}
    assert [s for s, _ in _in_repository(tmp_path, files, "docker/Dockerfile.os-numeric", "DH102")] == ["error"]


DEVCONTAINER = '{"build": {"dockerfile": "../docker/app.Dockerfile", "context": ".."}}\n'
RELEASED = 'FROM python:3.12-slim AS build\nRUN pip install --no-cache-dir flask==3.0.0\nFROM build AS release\nCMD ["flask", "run"]\n'


@pytest.mark.parametrize("bake, kind", [
    ('target "app" {\n  dockerfile = "docker/app.Dockerfile"\n}\n', "service"),  # a release build of its last stage
    ('target "app" {\n  dockerfile = "docker/app.Dockerfile"\n  target = "release"\n}\n', "service"),
    ('target "deps" {\n  dockerfile = "docker/app.Dockerfile"\n  target = "build"\n}\n', "development"),  # only an earlier stage
    (None, "development"),
])
def test_a_release_build_wins_over_a_devcontainer(tmp_path, bake, kind):
    files = {".devcontainer/devcontainer.json": DEVCONTAINER, "docker/app.Dockerfile": RELEASED}
    files |= {"docker-bake.hcl": bake} if bake is not None else {}
    (severity, message), = _in_repository(tmp_path, files, "docker/app.Dockerfile", "DH102")
    assert severity == ("error" if kind == "service" else "info")
    assert ("a development image, as devcontainer.json builds it" in message) == (kind == "development")


def test_a_workflow_that_pushes_it_wins_over_a_devcontainer(tmp_path):
    workflow = WORKFLOW.replace("PUSH", "true").replace("./docker/Dockerfile", "./docker/app.Dockerfile")
    files = {".devcontainer/devcontainer.json": DEVCONTAINER, "docker/app.Dockerfile": RELEASED, ".github/workflows/publish.yml": workflow}
    assert [s for s, _ in _in_repository(tmp_path, files, "docker/app.Dockerfile", "DH102")] == ["error"]
