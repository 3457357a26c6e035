"""DH906 missing-dockerignore: a build context without .dockerignore that is copied whole."""
import pytest

from dockharden.checks.dockerfile import missing_dockerignore
from dockharden.core.vocabulary import Severity
from support.lintcase import flagged, report

TEXT = "FROM python:3.12-slim\nCOPY . /app\n"


def test_flagged_on_the_copy_when_the_context_has_none(tmp_path):
    assert flagged(TEXT, missing_dockerignore, context_dir=tmp_path) == [("DH906", 2)]


def test_the_message_names_the_context_and_how_it_was_found(tmp_path):
    (finding,) = [f for f in report(TEXT, context_dir=tmp_path).findings if f.rule.code == "DH906"]
    assert finding.message.startswith(f"the build context {tmp_path} (the Dockerfile's folder) has no .dockerignore: COPY . sends")


def test_dockerignore_next_to_the_dockerfile(tmp_path):
    (tmp_path / ".dockerignore").write_text(".git\n")
    assert flagged(TEXT, missing_dockerignore, context_dir=tmp_path) == []


def test_dockerfile_specific_ignore_file(tmp_path):
    (tmp_path / "Dockerfile.dockerignore").write_text(".git\n")
    assert flagged(TEXT, missing_dockerignore, context_dir=tmp_path) == []


def test_a_directory_named_dockerignore_does_not_count(tmp_path):
    (tmp_path / ".dockerignore").mkdir()
    assert flagged(TEXT, missing_dockerignore, context_dir=tmp_path) == [("DH906", 2)]


def test_not_checked_without_a_context():
    assert flagged(TEXT, missing_dockerignore) == []


def test_a_build_from_stdin_sends_no_context(tmp_path):
    text = "# docker build - < Dockerfile -t demo\nFROM python:3.12-slim\nCOPY . .\n"
    assert flagged(text, missing_dockerignore, context_dir=tmp_path) == []


def test_a_stdin_build_of_another_file_says_nothing_of_this_one(tmp_path):
    text = "# the slim variant: docker build - < Dockerfile.slim\nFROM python:3.12-slim\nCOPY . .\n"
    assert flagged(text, missing_dockerignore, context_dir=tmp_path) == [("DH906", 3)]


def test_nothing_copied_from_the_context(tmp_path):
    text = "FROM python:3.12-slim AS build\nRUN pip wheel -w /w flask\nFROM python:3.12-slim\nCOPY --from=build /w /w\n"
    assert flagged(text, missing_dockerignore, context_dir=tmp_path) == []


def test_only_named_files_copied(tmp_path):
    (tmp_path / "nginx.conf").write_text("")
    assert flagged("FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\n", missing_dockerignore, context_dir=tmp_path) == []


def test_a_copied_folder_is_info(tmp_path):
    (tmp_path / "app").mkdir()
    findings = [f for f in report("FROM python:3.12-slim\nCOPY requirements.txt ./app /srv/\n", context_dir=tmp_path).findings if f.rule.code == "DH906"]
    assert [(f.line, f.rule.severity) for f in findings] == [(2, Severity.INFO)]


def test_the_context_is_the_compose_build_context_at_the_root(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".dockerignore").write_text(".git\n")
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    build: {context: ., dockerfile: docker/Dockerfile}\n")
    (tmp_path / "docker").mkdir()
    assert flagged(TEXT, missing_dockerignore, context_dir=tmp_path / "docker") == []


def _judged_in(tmp_path, files: dict[str, str], folder: str = "services/ranker"):
    """(severity, message) of DH906 on `COPY . /app` in a repository's `folder`, which holds `files` (a name ending in / is a folder)."""
    (tmp_path / ".git").mkdir(exist_ok=True)
    where = tmp_path / folder
    where.mkdir(parents=True, exist_ok=True)
    (where / "Dockerfile").write_text(TEXT)
    for name, text in files.items():
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        (where / name).mkdir() if name.endswith("/") else (where / name).write_text(text)
    return [(f.rule.severity.label, f.message) for f in report(TEXT, context_dir=where).findings if f.rule.code == "DH906"]


SOURCES = {"server.py": "print(1)\n", "requirements.txt": "flask==3.0.0\n", "ranker/model.py": "", "ranker/__init__.py": ""}


def test_info_on_a_folder_of_sources_below_the_repository_root(tmp_path):
    (severity, message), = _judged_in(tmp_path, SOURCES)
    assert (severity, message) == ("info", f"the build context {tmp_path}/services/ranker (the Dockerfile's folder) has no .dockerignore: "
                                           "COPY . sends and copies all of it; it holds nothing a .dockerignore would leave out now (no .git, "
                                           ".env, keys, node_modules or virtualenv), but what is made there later goes too")


@pytest.mark.parametrize("files, said", [
    ({".env": "API_KEY=x\n"}, ".env"),
    ({".env.example": "API_KEY=\n"}, "a .env made from .env.example"),
    ({"README.md": "Put your OPENAI_API_KEY in a `.env` file in this folder.\n"}, "a .env its README.md asks for"),
    ({"certs/server.key": "-----BEGIN PRIVATE KEY-----\n"}, "server.key"),
    ({"package.json": "{}\n"}, "node_modules (package.json)"),
    ({"pyproject.toml": '[project]\nname = "ranker"\n'}, "a .venv (pyproject.toml)"),
    ({"env/pyvenv.cfg": "home = /usr/bin\n"}, "a virtualenv"),
    ({"ranker/__pycache__/": ""}, "Python caches"),
    ({".gitignore": "# made here\ndist/\n*.onnx\n"}, ".gitignore'd files (dist/, *.onnx)"),
])
def test_a_warning_that_names_what_the_folder_holds_that_should_stay_out(tmp_path, files, said):
    (severity, message), = _judged_in(tmp_path, {**SOURCES, **files})
    assert severity == "warning" and message.endswith(f": COPY . sends and copies all of it, {said} included")


@pytest.mark.parametrize("files", [
    {"README.md": "Copy .env.example to .env.local-notes\n"},  # another file, not .env
    {"pyproject.toml": "[tool.black]\nline-length = 100\n"},  # tool settings only: no project to make a .venv for
    {"keys.py": "KEYS = []\n"},
])
def test_files_that_only_look_alike_leave_it_info(tmp_path, files):
    assert [s for s, _ in _judged_in(tmp_path, {**SOURCES, **files})] == ["info"]


def test_a_warning_at_the_repository_root_whatever_it_holds(tmp_path):
    (severity, message), = _judged_in(tmp_path, SOURCES, folder=".")
    assert severity == "warning" and message.endswith("COPY . sends and copies all of it, .git included")


def test_a_folder_too_big_to_look_through_stays_a_warning(tmp_path):
    (severity, message), = _judged_in(tmp_path, {**SOURCES, **{f"data/{n}.csv": "" for n in range(1001)}})
    assert severity == "warning" and message.endswith("COPY . sends and copies all of it, caches and local files included")
