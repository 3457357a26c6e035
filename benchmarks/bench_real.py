"""Lint real repositories with dockharden and hadolint side by side: the throughput that issues
15 and 16 hold to "at least 30 times hadolint's on real Dockerfiles".

The generated corpus of bench_lint.py is half files hadolint rejects at parse (heredocs), so
there it skips ShellCheck on them; real Dockerfiles parse, and hadolint runs ShellCheck on
every RUN. Other projects' files are never committed: bring the repositories yourself, one
folder per repository under REPOS, with a `repos.tsv` beside them (owner/name, commit) that
says which trees were measured, e.g. for each line of a repos.tsv:

    git clone https://github.com/OWNER/NAME REPOS/NAME && git -C REPOS/NAME checkout COMMIT

Run: python benchmarks/bench_real.py REPOS [--python PYTHON]
Writes benchmarks/results/real.json and real.md, and prints the same table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_lint  # noqa: E402  (beside this file)
from bench_lint import BIN, ONE_CORE, RESULTS, ROOT, Run, best_of, install_in_venv, run_measured  # noqa: E402

from tests.support.environment import environment  # noqa: E402  (bench_lint put ROOT on sys.path)

_CHILD = """
import json, os, sys, time
from pathlib import Path
import bench_lint
from dockharden.checks.lint import lint_files
from dockharden.core.settings import Settings
paths = [Path(p) for p in open(sys.argv[1]).read().splitlines()]
runs = [bench_lint.bench_api(paths) for _ in range(int(sys.argv[2]))]
best = min(runs, key=lambda run: run["cpu_seconds"])
cores = len(os.sched_getaffinity(0))
walls = []
for _ in range(int(sys.argv[2])):  # the same batch on every core, as `lint` runs it by default
    start = time.perf_counter()
    lint_files(paths, Settings(), jobs=cores)
    walls.append(time.perf_counter() - start)
best["workers"] = {"jobs": cores, "seconds": round(min(walls), 3), "files_per_s": round(len(paths) / min(walls), 1)}
print(json.dumps(best))
"""


def dockerfiles(repos: Path) -> dict[str, list[Path]]:
    """Repository folder name -> the Dockerfiles `dockharden lint` finds in it."""
    from dockharden.dockerfile.discover import discover

    return {folder.name: discover([folder])[0] for folder in sorted(repos.iterdir()) if folder.is_dir()}


def api(python: str, paths: list[Path], workdir: Path, repeats: int, source: bool) -> dict:
    """lint_files over every file in one process (the fastest of `repeats` runs, by CPU), in a
    child run by `python`: from src/ (pure Python) or as installed in that interpreter's venv."""
    listing = workdir / "paths.txt"
    listing.write_text("\n".join(map(str, paths)), encoding="utf-8")
    first = [ROOT / "src"] if source else []
    env = environment(PYTHONPATH=os.pathsep.join(map(str, [*first, ROOT / "benchmarks"])))
    done = run_measured([python, "-c", _CHILD, str(listing), str(repeats)], workdir, env)
    return json.loads(done.stdout)


def cli_per_repository(program: str, found: dict[str, list[Path]], repos: Path, workdir: Path) -> dict:
    """`dockharden lint --format json .` in each repository, as a CI job runs it: the sum of the runs."""
    runs = [run_measured([program, "lint", "--format", "json", "-o", str(workdir / "out.json"), "."], repos / name)
            for name, paths in found.items() if paths]
    return _throughput(Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.max_rss_mb for r in runs), ""),
                       sum(map(len, found.values())))


def cli_all(program: str, paths: list[Path], workdir: Path, jobs: tuple[str, ...] = ()) -> dict:
    """`dockharden lint --format json FILE...` over every file in one process, as hadolint is run
    (its workers on every core unless `jobs` says otherwise)."""
    runs = [run_measured([program, "lint", *jobs, "--format", "json", "-o", str(workdir / "out.json"), *batch], workdir)
            for batch in bench_lint._batches([str(p) for p in paths])]
    return _throughput(Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.max_rss_mb for r in runs), ""), len(paths))


def hadolint(paths: list[Path], workdir: Path, rts: tuple[str, ...] = ()) -> dict:
    """hadolint over every file in one process, with a neutral config (a repository's own
    .hadolint.yaml would switch rules off), its ShellCheck on."""
    config = workdir / "hadolint.yaml"
    config.write_text("ignored: []\n", encoding="utf-8")
    runs, findings = [], 0
    for batch in bench_lint._batches([str(p) for p in paths]):
        run = run_measured([str(BIN / "hadolint"), "--config", str(config), "--no-color", "-f", "json", *batch, *rts], workdir)
        runs.append(run)
        findings += len(json.loads(run.stdout or "[]"))
    merged = Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.max_rss_mb for r in runs), "")
    return _throughput(merged, len(paths)) | {"findings": findings}


def _throughput(run: Run, count: int) -> dict:
    return bench_lint._throughput(run, count) | {"max_rss_mb": round(run.max_rss_mb, 1)}


def versions() -> dict:
    from dockharden import __version__
    from dockharden.core.compiled import build_description

    done = subprocess.run([str(BIN / "hadolint"), "--version"], capture_output=True, text=True)
    return {"dockharden": f"{__version__} ({build_description()})", "hadolint": done.stdout.strip().splitlines()[0],
            "python": platform.python_version()}


def measure(args: argparse.Namespace, workdir: Path) -> dict:
    found = dockerfiles(args.repos)
    paths = [path for listed in found.values() for path in listed]
    listing = args.repos / "repos.tsv"
    results: dict = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_before": os.getloadavg()[0]},
        "versions": versions(),
        "repeats": args.repeats,
        "repositories": listing.read_text(encoding="utf-8").split("\n") if listing.exists() else sorted(found),
        "corpus": {"repositories": sum(1 for listed in found.values() if listed), "files": len(paths),
                   "bytes": sum(p.stat().st_size for p in paths),
                   "lines": sum(p.read_bytes().count(b"\n") for p in paths)},
    }
    venvs = [install_in_venv(python, workdir / f"venv-{n}") for n, python in enumerate(args.python)]  # before any timed run
    venvs += args.installed
    results["dockharden_api"] = [api(sys.executable, paths, workdir, args.repeats, source=True) | {"label": "from src/"}]
    results["dockharden_api"] += [api(python, paths, workdir, args.repeats, source=False) | {"label": "pip install ."}
                                  for python in venvs]
    program = str(Path(venvs[-1]).parent / "dockharden") if venvs else str(BIN / "dockharden")  # the last install given
    results["cli_build"] = results["dockharden_api"][-1]["build"]
    results["dockharden_cli"] = best_of(args.repeats, cli_all, program, paths, workdir)
    results["dockharden_cli_one_core"] = best_of(args.repeats, cli_all, program, paths, workdir, ("--jobs", "1"))
    results["dockharden_cli_per_repository"] = best_of(args.repeats, cli_per_repository, program, found, args.repos, workdir)
    results["hadolint"] = best_of(args.repeats, hadolint, paths, workdir)
    results["hadolint_one_core"] = best_of(args.repeats, hadolint, paths, workdir, ONE_CORE)
    results["machine"]["load_after"] = os.getloadavg()[0]
    return results


def ratios(results: dict) -> list[str]:
    theirs, one_core = results["hadolint"], results["hadolint_one_core"]
    lines = []
    for ours in results["dockharden_api"]:
        lines.append(f"- dockharden API ({ours['label']}, {ours['build']}) ÷ hadolint: "
                     f"{ours['files_per_s'] / theirs['files_per_s']:.1f}× by wall time, "
                     f"{ours['files_per_cpu_s'] / theirs['files_per_cpu_s']:.1f}× per CPU second, "
                     f"{ours['files_per_s'] / one_core['files_per_s']:.1f}× against hadolint on one core; "
                     f"with a worker per core ({ours['workers']['jobs']}, as `lint` runs by default, and as hadolint uses them): "
                     f"{ours['workers']['files_per_s'] / theirs['files_per_s']:.1f}× by wall time; target ≥ 30×")
    for label, cli in (("over the file list, one process, a worker per core", results["dockharden_cli"]),
                       ("over the file list, one process, `--jobs 1`", results["dockharden_cli_one_core"]),
                       ("`lint .` once per repository, finding the files itself", results["dockharden_cli_per_repository"])):
        lines.append(f"- dockharden CLI, {label} (start-up included) ÷ hadolint: {cli['files_per_s'] / theirs['files_per_s']:.1f}× "
                     f"by wall time, {cli['files_per_cpu_s'] / theirs['files_per_cpu_s']:.1f}× per CPU second")
    return lines


def table(results: dict) -> str:
    versions, corpus = results["versions"], results["corpus"]
    rows = [(f"dockharden (API, in process; {ours['label']}: {ours['build']})", ours) for ours in results["dockharden_api"]]
    rows += [(f"dockharden (CLI, the file list in one process; {results['cli_build']})", results["dockharden_cli"]),
             (f"dockharden (CLI, the file list, `--jobs 1`; {results['cli_build']})", results["dockharden_cli_one_core"]),
             (f"dockharden (CLI, `lint .` once per repository; {results['cli_build']})", results["dockharden_cli_per_repository"]),
             ("hadolint (one process, its ShellCheck on)", results["hadolint"]),
             ("hadolint, one core (`+RTS -N1`)", results["hadolint_one_core"])]
    lines = [f"dockharden {versions['dockharden']}, {versions['hadolint']}, Python {versions['python']}", "",
             f"{corpus['files']} Dockerfiles ({corpus['lines']:,} lines) found by `dockharden lint` in {corpus['repositories']} "
             f"public repositories (commits below); the best of {results['repeats']} runs each.", "",
             "| tool | files | wall s | files/s | CPU s | files/CPU s |", "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {label} | {r['files']} | {r['seconds']} | {r['files_per_s']} | {r['cpu_seconds']} | {r['files_per_cpu_s']} |"
              for label, r in rows]
    lines += [f"| dockharden (API, in process, {ours['workers']['jobs']} workers; {ours['label']}: {ours['build']}) | {corpus['files']} "
              f"| {ours['workers']['seconds']} | {ours['workers']['files_per_s']} | | |" for ours in results["dockharden_api"]]
    lines += ["", *ratios(results),
              f"- load average before / after: {results['machine']['load_before']:.2f} / {results['machine']['load_after']:.2f} "
              f"on {results['machine']['cpus']} CPUs", "", "Repositories (owner/name, commit):", "",
              *(f"- `{line}`" for line in results["repositories"] if line.strip())]
    return "\n".join(lines) + "\n"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repos", type=Path, help="a folder of repository trees, one per subfolder, and their repos.tsv")
    parser.add_argument("--repeats", type=int, default=5, help="runs per figure; the fastest counts")
    parser.add_argument("--python", action="append", default=[], metavar="PYTHON",
                        help="also time the API as installed (compiled) under this interpreter, in a venv of its own")
    parser.add_argument("--installed", action="append", default=[], metavar="PYTHON",
                        help="also time the API as already installed for this interpreter (a venv's python), without installing")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for real.json and real.md")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="dockharden-bench-real-") as workdir:
        results = measure(args, Path(workdir))
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "real.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    text = table(results)
    (args.results / "real.md").write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
