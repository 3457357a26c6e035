"""DH906 missing-dockerignore: a build context without .dockerignore that is copied whole."""
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
