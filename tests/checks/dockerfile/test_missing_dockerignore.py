"""DH906 missing-dockerignore: no .dockerignore next to the Dockerfile."""
from dockharden.checks.dockerfile import missing_dockerignore
from support.lintcase import flagged

TEXT = "FROM python:3.12-slim\nCOPY . /app\n"


def test_flagged_on_line_1_when_the_context_has_none(tmp_path):
    assert flagged(TEXT, missing_dockerignore, context_dir=tmp_path) == [("DH906", 1)]


def test_dockerignore_next_to_the_dockerfile(tmp_path):
    (tmp_path / ".dockerignore").write_text(".git\n")
    assert flagged(TEXT, missing_dockerignore, context_dir=tmp_path) == []


def test_dockerfile_specific_ignore_file(tmp_path):
    (tmp_path / "Dockerfile.dockerignore").write_text(".git\n")
    assert flagged(TEXT, missing_dockerignore, context_dir=tmp_path) == []


def test_a_directory_named_dockerignore_does_not_count(tmp_path):
    (tmp_path / ".dockerignore").mkdir()
    assert flagged(TEXT, missing_dockerignore, context_dir=tmp_path) == [("DH906", 1)]


def test_not_checked_without_a_context():
    assert flagged(TEXT, missing_dockerignore) == []
