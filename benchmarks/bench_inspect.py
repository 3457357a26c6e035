"""Time `read_facts` on a large saved image against a bare `tarfile` header scan (the floor).

Run: python benchmarks/bench_inspect.py [--image PATH] [--repeat N]
Without --image it builds `dockharden-bench/inspect` (local base + a venv with numpy and
pandas + a 64 MB random file) on the engine and saves it once to a temporary folder.
Each measurement runs in its own child process; the table shows the median in-process
wall time, Python's peak traced memory and the child's peak RSS. trivy and
container-structure-test are timed too when installed. Writes benchmarks/results/inspect.json
and inspect.md and prints the same table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from dockharden.core.external import find_program

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DOCKER = "/usr/bin/docker"
BASE_IMAGE = "local/python-base:bookworm"
BENCH_IMAGE = "dockharden-bench/inspect:latest"
WORKDIR = Path(tempfile.gettempdir()) / "dockharden-bench"
DOCKERFILE = f"""FROM {BASE_IMAGE}
RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir numpy pandas
RUN head -c 64000000 /dev/urandom > /opt/blob.bin
WORKDIR /app
RUN chown -R 1000:1000 /opt/venv/lib/python3.11/site-packages/pandas/tests
USER 1000:1000
"""

# Children print one JSON line: seconds (in-process), traced peak bytes, entries seen.
# Children print one JSON line: in-process seconds, traced peak bytes (0 unless traced), entries.
_MEASURE = """
import json, sys, time, tracemalloc
traced = sys.argv[2] == "trace"
if traced:
    tracemalloc.start()
start = time.perf_counter()
entries = scan(sys.argv[1])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "traced": tracemalloc.get_traced_memory()[1] if traced else 0, "entries": entries}))
"""
FLOOR = """
import tarfile

def scan(path):
    entries = 0
    with tarfile.open(path, "r:") as outer:
        for member in outer:
            if member.isfile() and (member.name.endswith("layer.tar") or member.name.startswith("blobs/")):
                try:
                    inner = tarfile.open(fileobj=outer.extractfile(member), mode="r:")
                except tarfile.ReadError:
                    continue
                entries += sum(1 for _ in inner)
    return entries
""" + _MEASURE
READ_FACTS = """
from dockharden.image import read_facts

def scan(path):
    return sum(layer.entries for layer in read_facts(path).layers)
""" + _MEASURE

READ_STREAM = """
from dockharden.image import read_facts_from_stream

def scan(path):
    with open(path, "rb") as stream:
        return sum(layer.entries for layer in read_facts_from_stream(stream, path).layers)
""" + _MEASURE


@dataclass(frozen=True)
class Measurement:
    name: str
    seconds: float  # median in-process wall time (whole child for outside tools)
    traced_mb: float | None  # Python's peak traced allocations (tracemalloc)
    max_rss_mb: float  # the child's peak resident set
    entries: int | None


def run_child(command: list[str], stdin=None) -> tuple[float, float, str]:
    """Whole-child wall time, its peak RSS (wait4, this child only) and its stdout."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, stdin=stdin, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{command[:3]} failed")
        out.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read()


def measure_python(name: str, code: str, argument: str, repeat: int) -> Measurement:
    """Timed runs without tracemalloc (it slows allocation-heavy code unevenly), then one traced run."""
    runs = [_python_child(code, argument, "time") for _ in range(repeat)]
    traced, _ = _python_child(code, argument, "trace")
    seconds = statistics.median(result["seconds"] for result, _ in runs)
    return Measurement(name, seconds, traced["traced"] / 2**20, max(rss for _, rss in runs), traced["entries"])


def _python_child(code: str, argument: str, mode: str) -> tuple[dict, float]:
    _, rss, out = run_child([sys.executable, "-c", code, argument, mode])
    return json.loads(out.strip().splitlines()[-1]), rss


def measure_tool(name: str, command: Callable[[Path], list[str]], repeat: int) -> Measurement:
    """Cold runs: each gets a fresh scratch folder (trivy would otherwise answer from its cache)."""
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(dir=WORKDIR) as scratch:
            runs.append(run_child(command(Path(scratch)))[:2])
    return Measurement(name, statistics.median(w for w, _ in runs), None, max(r for _, r in runs), None)


def ensure_saved_image() -> Path:
    target = WORKDIR / "inspect.tar"
    if target.exists():
        return target
    WORKDIR.mkdir(parents=True, exist_ok=True)
    if subprocess.run([DOCKER, "image", "inspect", BENCH_IMAGE], capture_output=True).returncode != 0:
        context = Path(tempfile.mkdtemp(dir=WORKDIR))
        (context / "Dockerfile").write_text(DOCKERFILE)
        subprocess.run([DOCKER, "build", "--network", "host", "-t", BENCH_IMAGE, str(context)], check=True,
                       env={**os.environ, "DOCKER_BUILDKIT": "1"}, capture_output=True)
        shutil.rmtree(context)
    subprocess.run([DOCKER, "save", "-o", str(target), BENCH_IMAGE], check=True)
    return target


def outside_tools(image: Path, repeat: int) -> list[Measurement]:
    found = []
    trivy = find_program("trivy")
    if trivy:
        found.append(measure_tool("trivy image (misconfig, secret; offline, cold)", lambda scratch: [
            trivy, "image", "--input", str(image), "--scanners", "misconfig,secret", "--image-config-scanners",
            "misconfig,secret", "--skip-db-update", "--skip-java-db-update", "--skip-check-update", "--offline-scan",
            "--quiet", "--cache-dir", str(scratch)], max(1, repeat // 2)))
    cst = find_program("container-structure-test")
    if cst:
        config = WORKDIR / "cst.yaml"
        config.write_text('schemaVersion: "2.0.0"\nfileExistenceTests:\n  - name: app\n    path: /app\n    shouldExist: true\n')
        found.append(measure_tool("container-structure-test --driver tar (1 test)", lambda scratch: [
            cst, "test", "--driver", "tar", "--image", str(image), "--config", str(config)], max(1, repeat // 2)))
    return found


def table(rows: list[Measurement], floor: Measurement, image: Path) -> str:
    lines = [f"Image: {image.name}, {image.stat().st_size / 1e6:.0f} MB saved, {floor.entries} layer entries; "
             f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs", "",
             "| reader | seconds | x floor | traced peak MB | max RSS MB |", "|---|---:|---:|---:|---:|"]
    for row in rows:
        traced = f"{row.traced_mb:.1f}" if row.traced_mb is not None else "-"
        lines.append(f"| {row.name} | {row.seconds:.3f} | {row.seconds / floor.seconds:.2f} | {traced} | {row.max_rss_mb:.0f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", type=Path, help="a saved image tarball (default: build and save one)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-tools", action="store_true", help="skip trivy and container-structure-test")
    args = parser.parse_args()
    image = args.image or ensure_saved_image()
    floor = measure_python("tarfile header scan (floor)", FLOOR, str(image), args.repeat)
    rows = [floor, measure_python("dockharden read_facts (seekable file)", READ_FACTS, str(image), args.repeat),
            measure_python("dockharden read_facts_from_stream (as a pipe)", READ_STREAM, str(image), args.repeat)]
    rows += [] if args.no_tools else outside_tools(image, args.repeat)
    text = table(rows, floor, image)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "inspect.md").write_text(text)
    (RESULTS / "inspect.json").write_text(json.dumps([asdict(row) for row in rows], indent=2) + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
