"""lint_files: many files in one call."""

from dockharden.checks.lint import lint_file, lint_files
from support.dockerfile_corpus import generate


def _corpus(folder, count):
    paths = []
    for number, text in enumerate(generate(count, seed=7)):
        path = folder / f"{number:03d}" / "Dockerfile"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    bad = {"binary": b"FROM x\x00\n", "heredoc": b"FROM x\nRUN <<EOF\necho\n", "latin1": b"FROM caf\xe9\n", "empty": b""}
    for name, data in bad.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths + [folder / "missing" / "Dockerfile"]


def test_reports_come_in_path_order_equal_to_lint_file(tmp_path):
    paths = _corpus(tmp_path, 20)
    reports = lint_files(paths)
    assert reports == tuple(lint_file(p) for p in paths)
    assert [r.error for r in reports[-5:]] == [
        "line 1: binary file (contains NUL bytes)",
        "line 2: unterminated heredoc <<EOF",
        "line 1: not valid UTF-8 text",
        "file with no instructions",
        "cannot read: No such file or directory",
    ]


def test_a_development_file_carries_what_says_so_for_the_matrix(tmp_path):
    from dockharden.checks.lint import lint_text

    dev = lint_text("# dockharden: development\nFROM python:3.12\nCMD [\"python\"]\n", "Dockerfile")
    service = lint_text("FROM python:3.12-slim\nUSER 1000\nCMD [\"gunicorn\", \"app:app\"]\n", "Dockerfile")
    assert dev.facts == (("development", "its # dockharden pragma says so"),)
    assert service.facts == ()


def test_a_text_checked_with_the_model_of_its_earlier_version_gets_the_fresh_report(tmp_path):
    """What fix's passes do: the fixed text checked with the model of the text before."""
    from dockharden.checks.fixing import Choice, fix_text
    from dockharden.checks.lint import check_text
    from dockharden.core.settings import Settings
    from dockharden.dockerfile.base_images import RepositoryImages

    settings, project = Settings(fixes=True), RepositoryImages()
    for number, text in enumerate(generate(60, seed=5)):
        folder = tmp_path / f"{number:03d}"
        folder.mkdir()
        (folder / (".dockerignore" if number % 2 else "app.py")).write_text("")
        text = text.removeprefix("\ufeff")
        fixed = fix_text(text, "Dockerfile", Choice(unsafe=True)).fixed
        _, before = check_text(text, "Dockerfile", folder, settings, project)
        fresh = check_text(fixed, "Dockerfile", folder, settings, project)
        again = check_text(fixed, "Dockerfile", folder, settings, project, previous=before)
        assert again == fresh
