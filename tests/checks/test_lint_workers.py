"""lint_files on several cores: the same reports, in the same order, as in one process."""
from pathlib import Path

from dockharden.checks import lint_workers
from dockharden.checks.lint import lint_files
from dockharden.core.settings import Settings
from support.dockerfile_corpus import generate


def _repository(root: Path, count: int, seed: int) -> list[Path]:
    """A git repository of `count` Dockerfiles, a compose file naming an image one of them builds."""
    (root / ".git").mkdir(parents=True)
    (root / "compose.yaml").write_text("services:\n  base:\n    build: {context: ., dockerfile: 000/Dockerfile}\n    image: acme/base\n")
    paths = []
    for number, text in enumerate(generate(count, seed)):
        path = root / f"{number:03d}" / "Dockerfile"
        path.parent.mkdir()
        path.write_text(text if number else "FROM python:3.12-slim\nUSER 1000:1001\n", encoding="utf-8")
        paths.append(path)
    (root / "derived").mkdir()
    (root / "derived" / "Dockerfile").write_text("FROM acme/base\nCMD [\"python\", \"-m\", \"app\"]\n")
    return paths + [root / "derived" / "Dockerfile"]


def test_workers_give_the_reports_one_process_gives_in_path_order(tmp_path):
    first, second = _repository(tmp_path / "one", 40, 3), _repository(tmp_path / "two", 30, 4)
    paths = [p for pair in zip(first, second) for p in pair] + first[len(second):] + [tmp_path / "missing" / "Dockerfile"]
    assert lint_workers.worthwhile_jobs(len(paths), 2) == 2
    alone = lint_files(paths, Settings(), jobs=1)
    assert lint_files(paths, Settings(), jobs=2) == alone
    assert [r.path for r in alone] == [str(p) for p in paths]
    derived = next(r for r in alone if r.path.endswith("one/derived/Dockerfile"))
    assert "DH102" not in {f.rule.code for f in derived.findings}  # USER 1000:1001 inherited from acme/base, built in one/


def test_pieces_keep_a_repository_together_and_cut_a_large_one(tmp_path):
    for name in ("big", "small"):
        (tmp_path / name / ".git").mkdir(parents=True)
    paths = [tmp_path / "big" / f"d{i}" / "Dockerfile" for i in range(7)] + [tmp_path / "small" / "Dockerfile"] * 2
    paths.insert(3, tmp_path / "small" / "x" / "Dockerfile")
    assert lint_workers.pieces_of(paths, 4) == [[0, 1, 2], [4, 5, 6], [3, 8, 9], [7]]


def test_a_file_outside_any_repository_is_its_own_folder(tmp_path):
    paths = [tmp_path / "a" / "Dockerfile", tmp_path / "b" / "Dockerfile", tmp_path / "a" / "Dockerfile.dev"]
    assert lint_workers.pieces_of(paths, 1) == [[0, 2], [1]]


def test_few_files_are_linted_in_this_process():
    per_worker = lint_workers.MIN_FILES_PER_WORKER
    assert [lint_workers.worthwhile_jobs(files, jobs) for files, jobs in
            ((per_worker * 2 - 1, 2), (per_worker * 2, 2), (per_worker * 10, 3), (per_worker * 10, 1), (5, 8))] == [1, 2, 3, 1, 1]


def test_the_cli_gives_the_same_report_on_every_number_of_jobs(run_cli, tmp_path):
    paths = _repository(tmp_path / "repo", 40, 5)
    outputs = {jobs: run_cli("lint", "--format", "json", "--jobs", jobs, "repo") for jobs in (1, 2)}
    assert outputs[1].code == outputs[2].code == 1
    assert outputs[1].out == outputs[2].out
    assert outputs[1].out.count('"path": ') == len(paths)
    assert run_cli("matrix", "--jobs", 2, "repo").out == run_cli("matrix", "-j", 1, "repo").out
    refused = run_cli("lint", "--jobs", 0, "repo")
    assert refused.code == 2 and "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1." in refused.err
