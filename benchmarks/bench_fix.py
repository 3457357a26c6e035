"""`dockharden fix` against `lint` on the benchmark corpus, and against the two PyPI fixers
(dockerfile-doctor, dockerfile-hardener) on the specification's templates and small services.

Run: python benchmarks/bench_fix.py [--files N] [--repeats R] [--peers-venv DIR] [--no-engine]
Writes benchmarks/results/fix.json and fix.md, and prints the tables.

The peers are never project dependencies: the script installs them into a venv of their own
(`--peers-venv`, default /tmp/dockharden-fix-peers) with
`python -m venv DIR && DIR/bin/pip install dockerfile-doctor dockerfile-hardener`.
Builds and runs need the Docker Engine of ENGINE.md and the local base image; with
`--no-engine` (or without an engine) those columns are left out.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from tests.support.dockerfile_corpus import generate  # noqa: E402  (needs ROOT on sys.path)
from benchmarks import bench_lint  # noqa: E402
from support import engine  # noqa: E402
from support.fix_services import SERVICES, SPEC_TEMPLATES, on_shim, shim_dockerfile, write_service, write_template  # noqa: E402

PEERS = ("dockerfile-doctor", "dockerfile-hardener")
HEALTH = ("--health-interval", "1s", "--health-timeout", "5s", "--health-start-period", "5s", "--health-retries", "3")


# ---------------------------------------------------------------------------------------
# Part 1: fix and lint over the corpus
# ---------------------------------------------------------------------------------------

def write_corpus(texts: list[str], root: Path) -> list[Path]:
    """bench_lint's corpus layout, in a fresh folder."""
    if root.exists():
        shutil.rmtree(root)
    return bench_lint.write_corpus(texts, root)


def time_lint(paths: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds of lint_files, the batch `dockharden lint DIR` runs."""
    from dockharden.checks.lint import lint_files

    start, cpu = time.perf_counter(), time.process_time()
    lint_files(paths)
    return time.perf_counter() - start, time.process_time() - cpu


def time_fix(paths: list[Path], unsafe: bool) -> tuple[tuple[float, float], list]:
    """What `dockharden fix [--unsafe]` does for these files once it has found them (lint's
    side is lint_files, without finding them either), timed: fix_files without the matrix,
    which `fix` does not print (as cli/fix.py calls it), and each changed file written
    atomically as cli/fix.py writes it."""
    from dockharden.checks.fixing import Choice, fix_files
    from dockharden.cli.fix import written
    from dockharden.core.settings import Settings

    start, cpu = time.perf_counter(), time.process_time()
    results = [written(result, path) for result, path in zip(fix_files(paths, Choice(unsafe=unsafe), Settings(), matrix=False), paths)]
    return (time.perf_counter() - start, time.process_time() - cpu), results


def buildkit_parses(text: str) -> bool | None:
    try:
        import dockerfile
    except ImportError:
        return None
    try:
        dockerfile.parse_string(text)
    except dockerfile.GoParseError:
        return False
    return True


def bench_corpus(files: int, repeats: int, workdir: Path) -> dict:
    from dockharden.checks.fixing import Choice, fix_text
    from dockharden.checks.lint import lint_file
    from dockharden.core.compiled import build_description
    from dockharden.dockerfile.parser import parse

    texts = generate(files, 2024)
    lint_paths = write_corpus(texts, workdir / "lint")
    lint_file(lint_paths[0])  # lazy imports, regex compilation
    lint_runs = [time_lint(lint_paths) for _ in range(repeats)]
    lint_seconds, lint_cpu = min(w for w, _ in lint_runs), min(c for _, c in lint_runs)
    out: dict = {"files": files, "build": build_description(), "lint_seconds": round(lint_seconds, 3), "lint_cpu": round(lint_cpu, 3)}
    for unsafe in (False, True):
        mode = "unsafe" if unsafe else "safe"
        runs, results = [], []
        for _ in range(repeats):
            paths = write_corpus(texts, workdir / "fix")
            timing, results = time_fix(paths, unsafe)
            runs.append(timing)
        best, best_cpu = min(w for w, _ in runs), min(c for _, c in runs)
        fixed = [p.read_bytes().decode("utf-8") for p in paths]  # CRLF kept: read_text would turn it into LF
        ours = sum(1 for text in fixed if _parses(parse, text))
        theirs = [buildkit_parses(text) for text, before in zip(fixed, texts) if text != before]
        again = [fix_text(r.fixed, r.path, Choice(unsafe=unsafe)) for r in results if r.error is None and r.changed]
        out[mode] = {
            "seconds": round(best, 3),
            "cpu": round(best_cpu, 3),
            "ratio_to_lint": round(best / lint_seconds, 2),
            "cpu_ratio_to_lint": round(best_cpu / lint_cpu, 2),
            "lints_per_file": round(_lints_per_file(texts, unsafe), 3),
            "errors": sum(1 for r in results if r.error is not None),
            "changed": sum(1 for r in results if r.changed),
            "fixes_applied": sum(len(r.applied) for r in results),
            "parse_ours": ours,
            "parse_buildkit": None if None in theirs else sum(theirs),
            "changed_checked_by_buildkit": len(theirs),
            "idempotent": sum(1 for r in again if not r.changed),
        }
    return out


def _lints_per_file(texts: list[str], unsafe: bool) -> float:
    """How many times fix lints a file on average (1 + one per pass that changed it)."""
    from dockharden.checks import fixing

    calls = [0]
    original = fixing.check_text

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    fixing.check_text = counted
    try:
        for text in texts:
            fixing.fix_text(text, "Dockerfile", fixing.Choice(unsafe=unsafe))
    finally:
        fixing.check_text = original
    return calls[0] / len(texts)


def _parses(parse, text: str) -> bool:
    from dockharden.dockerfile.syntax import ParseError

    try:
        parse(text)
    except ParseError:
        return False
    return True


# ---------------------------------------------------------------------------------------
# Part 2: the fixers side by side
# ---------------------------------------------------------------------------------------

@dataclass
class Outcome:
    name: str
    changed: bool = False
    parses: bool = False
    built_before: bool | None = None
    builds: bool | None = None
    healthy_non_root: bool | None = None
    before: int = 0
    after: int = 0
    idempotent: bool = False
    notes: list[str] = field(default_factory=list)


def inputs() -> dict[str, tuple[str, str]]:
    """{name: (Dockerfile text, how it is built here)}: the four templates ("template": on the
    shim of support/fix_services.py; "static" for the Alpine one, which cannot be built here)
    and the services of tests/support/fix_services.py ("service")."""
    found = {path.name: (path.read_text(), "template" if path.name in SPEC_TEMPLATES else "static")
             for path in sorted((ROOT / "examples" / "spec").glob("Dockerfile.*"))}
    found.update({f"service {name}": (text, "service") for name, text in SERVICES.items()})
    return found


def build_context(name: str, kind: str, text: str, folder: Path, shim: str) -> Path:
    """The folder to build `text` in: a service's context, or a template's on the shim."""
    if kind == "service":
        write_service(name.removeprefix("service "), folder, text)
    else:
        write_template(name, folder, on_shim(text, shim))
    return folder


def tools(peers_venv: Path, dockharden: str) -> dict[str, list[str]]:
    peer = peers_venv / "bin"
    return {
        "dockharden fix": [dockharden, "fix"],
        "dockharden fix --unsafe": [dockharden, "fix", "--unsafe"],
        "dockerfile-doctor --fix": [str(peer / "dockerfile-doctor"), "--fix", "--no-color", "-q"],
        "dockerfile-doctor --fix --unsafe-fixes": [str(peer / "dockerfile-doctor"), "--fix", "--unsafe-fixes", "--no-color", "-q"],
        "dockerfile-hardener fix": [str(peer / "dockerfile-hardener"), "fix", "--no-backup"],
    }


def run_tool(command: list[str], path: Path) -> str:
    subprocess.run([*command, str(path)], cwd=path.parent, capture_output=True, text=True, timeout=120)
    return path.read_text(encoding="utf-8")


def passing(text: str) -> int:
    from dockharden.checks.lint import lint_text

    report = lint_text(text, "Dockerfile")
    return 0 if report.error else sum(1 for p in report.patterns if p.status.value == "pass")


def build_and_run(folder: Path, tag: str, base: str) -> tuple[bool, bool, str]:
    """(built, healthy and non-root, why not) for the Dockerfile in folder."""
    try:
        engine.build(folder, "Dockerfile", tag, {"BASE_IMAGE": base})
    except RuntimeError as error:  # support.engine's report of a failed docker command
        return False, False, "build failed: " + _last_line(str(error))
    name = engine.unique_name("dockharden-bench-fix")
    try:
        engine.docker("run", "--detach", "--name", name, "--network", "none", *HEALTH, tag, timeout=120)
        health = wait_for_health(name, timeout=60)
        uid = engine.exec_in(name, "id", "-u").stdout.strip()
        ok = health == "healthy" and uid.isdigit() and uid != "0"
        return True, ok, "" if ok else f"health {health}, uid {uid or '?'}"
    except RuntimeError as error:
        return True, False, "run failed: " + _last_line(str(error))
    finally:
        engine.remove_container(name)
        engine.remove_image(tag)


def wait_for_health(name: str, timeout: float) -> str:
    """healthy, unhealthy, none (no HEALTHCHECK) or the state of a container that stopped."""
    deadline = time.monotonic() + timeout
    template = "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}"
    while True:
        state, health = engine.inspect(name, template).split()
        if state != "running":
            return state
        if health != "starting" or time.monotonic() >= deadline:
            return health
        time.sleep(0.5)


def _last_line(text) -> str:
    text = text.decode(errors="replace") if isinstance(text, bytes) else text
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def bench_peers(peers_venv: Path, workdir: Path, use_engine: bool) -> dict:
    dockharden = str(Path(sys.executable).parent / "dockharden")
    base = engine.ensure_base_image() if use_engine else ""
    shim = engine.unique_name("dockharden-bench-shim")
    if use_engine:
        (workdir / "shim").mkdir()
        (workdir / "shim" / "Dockerfile").write_text(shim_dockerfile(base))
        engine.build(workdir / "shim", "Dockerfile", shim, {})
    built_before: dict[str, bool] = {}
    table: dict[str, list[Outcome]] = {}
    try:
        for tool, command in tools(peers_venv, dockharden).items():
            outcomes = []
            for name, (text, kind) in inputs().items():
                folder = workdir / "peers" / tool.replace(" ", "_") / name.replace(" ", "_")
                path = write_service(name.removeprefix("service "), folder, text)
                out = run_tool(command, path)
                outcome = Outcome(name, changed=out != text, parses=bool(buildkit_parses(out)), before=passing(text), after=passing(out))
                outcome.idempotent = run_tool(command, path) == out
                if use_engine and kind != "static":
                    if name not in built_before:
                        before = build_context(name, kind, text, workdir / "before" / name.replace(" ", "_"), shim)
                        built_before[name], _, _ = build_and_run(before, engine.unique_name("dockharden-bench-before"), base)
                    outcome.built_before = built_before[name]
                    after = build_context(name, kind, out, workdir / "after" / tool.replace(" ", "_") / name.replace(" ", "_"), shim)
                    outcome.builds, outcome.healthy_non_root, why = build_and_run(after, engine.unique_name("dockharden-bench-fix"), base)
                    if why:
                        outcome.notes.append(why)
                outcomes.append(outcome)
                print(f"  {tool}: {name}: changed={outcome.changed} parses={outcome.parses} builds={outcome.builds} "
                      f"healthy/non-root={outcome.healthy_non_root} patterns {outcome.before}->{outcome.after} {' '.join(outcome.notes)}", flush=True)
            table[tool] = outcomes
    finally:
        if use_engine:
            engine.remove_image(shim)
    return {tool: [o.__dict__ for o in outcomes] for tool, outcomes in table.items()}


def peer_versions(peers_venv: Path) -> dict[str, str]:
    done = subprocess.run([str(peers_venv / "bin" / "pip"), "list", "--format", "json"], capture_output=True, text=True)
    listed = {p["name"].lower(): p["version"] for p in json.loads(done.stdout or "[]")}
    return {peer: listed.get(peer, "not installed") for peer in PEERS}


def ensure_peers(peers_venv: Path) -> None:
    if all((peers_venv / "bin" / peer).exists() for peer in PEERS):
        return
    subprocess.run([sys.executable, "-m", "venv", str(peers_venv)], check=True)
    subprocess.run([str(peers_venv / "bin" / "pip"), "install", "-q", *PEERS], check=True)


# ---------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------

def markdown(results: dict) -> str:
    corpus = results["corpus"]
    lines = [
        f"dockharden {results['dockharden']} ({corpus['build']}), Python {results['python']}, "
        f"{', '.join(f'{k} {v}' for k, v in results['peers'].items())}; {results['cpus']} CPUs, load {results['load_before']} -> {results['load_after']}",
        "",
        f"## fix against lint, {corpus['files']} corpus files (best of {results['repeats']}, in one process, files written)",
        "",
        "| run | wall s | ÷ lint | CPU s | ÷ lint | lints per file | files changed | fixes applied | errors | outputs our parser reads | changed outputs BuildKit's parser reads | idempotent |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| lint | {corpus['lint_seconds']} | 1.00 | {corpus['lint_cpu']} | 1.00 | 1 | - | - | - | - | - | - |",
    ]
    for mode in ("safe", "unsafe"):
        m = corpus[mode]
        buildkit = "oracle not installed" if m["parse_buildkit"] is None else f"{m['parse_buildkit']} of {m['changed_checked_by_buildkit']}"
        lines.append(f"| fix{' --unsafe' if mode == 'unsafe' else ''} | {m['seconds']} | {m['ratio_to_lint']:.2f} | {m['cpu']} | "
                     f"{m['cpu_ratio_to_lint']:.2f} | {m['lints_per_file']} | {m['changed']} | "
                     f"{m['fixes_applied']} | {m['errors']} | {m['parse_ours']} of {corpus['files']} | {buildkit} | {m['idempotent']} of {m['changed']} |")
    peers = results["fixers"]
    first = next(iter(peers.values()))
    buildable = [o for o in first if o["built_before"] is not None]
    lines += [
        "",
        f"## The fixers side by side: {len(first)} inputs (the specification's 4 templates, {len(first) - 4} small services)",
        "",
        f"Builds and runs: the {len(buildable)} inputs that can be built here: the services on the local base image, and the three "
        "Debian templates on a shim of it that looks like python:3.12-slim where they need it (pip, no PEP 668 marker, the "
        "python3.12 paths linked to 3.11's; `# syntax=` dropped); the Alpine template cannot be built here (no Alpine image "
        "can be pulled) and is judged by parse, patterns and idempotence only. Patterns: dockharden's lint matrix, passing "
        "of 8 per file.",
        "",
        "| tool | files changed | outputs that parse (BuildKit) | still build (of those that built before) | healthy and non-root | patterns passing before → after | idempotent |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for tool, outcomes in peers.items():
        built = [o for o in outcomes if o["built_before"]]
        lines.append(
            f"| {tool} | {sum(o['changed'] for o in outcomes)} of {len(outcomes)} | {sum(o['parses'] for o in outcomes)} of {len(outcomes)} | "
            f"{_count(built, 'builds')} | {_count(built, 'healthy_non_root')} | "
            f"{sum(o['before'] for o in outcomes)} → {sum(o['after'] for o in outcomes)} (of {8 * len(outcomes)}) | "
            f"{sum(o['idempotent'] for o in outcomes)} of {len(outcomes)} |")
    safe, unsafe = corpus["safe"], corpus["unsafe"]
    lines += [
        "",
        f"- Target fix ≤ 2× lint: `fix` {safe['cpu_ratio_to_lint']:.2f}× by CPU, {safe['ratio_to_lint']:.2f}× by wall time "
        f"({'met' if max(safe['cpu_ratio_to_lint'], safe['ratio_to_lint']) <= 2 else 'not met'}); `fix --unsafe` "
        f"{unsafe['cpu_ratio_to_lint']:.2f}× and {unsafe['ratio_to_lint']:.2f}× "
        f"({'met' if max(unsafe['cpu_ratio_to_lint'], unsafe['ratio_to_lint']) <= 2 else 'not met'}). A fixed file is linted "
        "once more to report what is left (and to check that it parses): "
        f"{safe['lints_per_file']} lints per file on average for `fix`, {unsafe['lints_per_file']} for `fix --unsafe`, "
        "which fixes nearly every file, plus the atomic writes. Neither lint is a whole one: the first pass runs only "
        "the rules that can fix (the others run when it changes nothing), and the lint after a pass takes from the "
        "one before the instructions the edits left in place (their parse, and what their RUNs run) and the build "
        "context; `fix` derives no pattern matrix.",
        "- `dockharden fix` without `--unsafe` adds no account and no probe by design (they change what runs), so its "
        "services stay root or probe-less: the healthy and non-root column is for `--unsafe`.",
        "- Wall times on this shared machine move with the other engineers' work (see the load above); CPU times are steadier.",
    ]
    lines += ["", "What went wrong, per tool and input:", ""]
    for tool, outcomes in peers.items():
        for o in outcomes:
            problems = ([] if o["parses"] else ["does not parse"]) + o["notes"] + ([] if o["idempotent"] else ["a second run changes it again"])
            if problems:
                lines.append(f"- {tool}, {o['name']}: {'; '.join(problems)}")
    return "\n".join(lines) + "\n"


def _count(outcomes: list[dict], key: str) -> str:
    if not outcomes or outcomes[0][key] is None:
        return "-"
    return f"{sum(1 for o in outcomes if o[key])} of {len(outcomes)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--render", action="store_true", help="Only write fix.md again from fix.json.")
    parser.add_argument("--files", type=int, default=4300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--peers-venv", type=Path, default=Path(tempfile.gettempdir()) / "dockharden-fix-peers")
    parser.add_argument("--no-engine", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    from dockharden.core.version import VERSION

    if args.render:
        (args.results / "fix.md").write_text(markdown(json.loads((args.results / "fix.json").read_text())))
        return
    ensure_peers(args.peers_venv)
    use_engine = not args.no_engine and engine.engine_ready()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-fix-") as scratch:
        workdir = Path(scratch)
        corpus = bench_corpus(args.files, args.repeats, workdir)
        print(json.dumps(corpus, indent=1), flush=True)
        fixers = bench_peers(args.peers_venv, workdir, use_engine)
    results = {"dockharden": VERSION, "python": platform.python_version(), "peers": peer_versions(args.peers_venv),
               "cpus": os.cpu_count(), "repeats": args.repeats, "load_before": round(load_before, 2),
               "load_after": round(os.getloadavg()[0], 2), "engine": use_engine, "corpus": corpus, "fixers": fixers}
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "fix.json").write_text(json.dumps(results, indent=1) + "\n")
    text = markdown(results)
    (args.results / "fix.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
