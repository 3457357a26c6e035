"""`dockharden inspect` straight from a registry, beside the transfer floor (`skopeo copy
docker://... oci:DIR`, the same bytes fetched and written) and trivy's remote image scan.

Run: python benchmarks/bench_registry.py [--repeat N]
It builds `dockharden-bench/registry` on the engine (the local base image plus a 128 MB
random file: about 400 MB unpacked, over 250 MB compressed, as issue 12 asks), starts Debian's docker-registry on a free loopback
port, pushes the image with skopeo, then times each tool in its own child process (the
median of N runs, the tools taking turns) and reads the child's peak RSS from wait4, with
the 1-minute load average before each run (the cores may be shared). dockharden's modules are
byte-compiled first, as `pip install` leaves them: where PYTHONDONTWRITEBYTECODE is set (it
is on the project's machines) an editable install would otherwise compile every module from
source on each run, which no installed copy does. Bytes fetched are
dockharden's own count (manifests and blobs as received); the compressed image size is
the manifest's config and layer sizes. Writes benchmarks/results/registry.json and
registry.md and prints the same table. Not a test: nothing here is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dockharden.core.external import find_program

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DOCKER = "/usr/bin/docker"
BENCH_IMAGE = "dockharden-bench/registry:latest"
DOCKERFILE = """FROM local/python-base:bookworm
RUN head -c 128000000 /dev/urandom > /opt/blob.bin
USER 1000:1000
"""
REPEAT = [3]
LOADS: list[float] = []  # the 1-minute load average before each timed run: how contended the cores were
FETCHED = """
import json, sys
from dockharden.image.inputs import read_facts_from_registry
facts = read_facts_from_registry(sys.argv[1], config_only=sys.argv[2] == "config")
print(json.dumps({"fetched": facts.fetched_bytes, "entries": sum(l.entries for l in facts.layers)}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _timed(argv: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MiB, CPU seconds) of one child process, reaped with wait4."""
    LOADS.append(os.getloadavg()[0])
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0 and not (argv[-1] != "" and "dockharden" in argv and child.returncode == 1):
            raise RuntimeError(f"{' '.join(argv[:4])} failed ({child.returncode}): {err.read().decode()[-400:]}")
        return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def _median(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), statistics.median(r[2] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    REPEAT[0] = args.repeat
    work = Path(tempfile.mkdtemp(prefix="dockharden-bench-registry-"))
    registry = None
    try:
        _build(work)
        port = _free_port()
        registry = _start_registry(work, port)
        ref = f"127.0.0.1:{port}/bench/app:1"
        subprocess.run(["skopeo", "copy", "--quiet", "--dest-tls-verify=false", f"docker-daemon:{BENCH_IMAGE}",
                        f"docker://{ref}"], check=True, timeout=1200)
        manifest = json.loads(subprocess.run(["skopeo", "inspect", "--raw", "--tls-verify=false", f"docker://{ref}"],
                                             check=True, capture_output=True, text=True).stdout)
        _byte_compile()
        rows = _measure(ref, manifest, work, args.repeat)
        _write(rows, manifest)
    finally:
        if registry is not None:
            registry.terminate()
            registry.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def _byte_compile() -> None:
    import dockharden

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(dockharden.__file__).parent)], check=True)


def _build(work: Path) -> None:
    (work / "context").mkdir()
    (work / "context" / "Dockerfile").write_text(DOCKERFILE)
    subprocess.run([DOCKER, "build", "-q", "-t", BENCH_IMAGE, str(work / "context")], check=True, timeout=1200,
                   env={**os.environ, "DOCKER_BUILDKIT": "0"}, stdout=subprocess.DEVNULL)


def _start_registry(work: Path, port: int) -> subprocess.Popen:
    config = work / "registry.yml"
    config.write_text(json.dumps({"version": 0.1, "log": {"level": "warn"},
                                  "storage": {"filesystem": {"rootdirectory": str(work / "data")}},
                                  "http": {"addr": f"127.0.0.1:{port}"}}))
    process = subprocess.Popen(["docker-registry", "serve", str(config)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("docker-registry did not start")


def _measure(ref: str, manifest: dict, work: Path, repeat: int) -> list[dict]:
    compressed = manifest["config"]["size"] + sum(layer["size"] for layer in manifest["layers"])
    rows = []

    def skopeo() -> tuple[float, float, float]:
        shutil.rmtree(work / "oci", ignore_errors=True)
        return _timed(["skopeo", "copy", "--quiet", "--src-tls-verify=false", f"docker://{ref}", f"oci:{work / 'oci'}:x"])

    tools = [("skopeo copy docker:// oci: (the transfer floor)", skopeo, compressed),
             ("dockharden inspect --source registry",
              lambda: _timed([sys.executable, "-m", "dockharden", "inspect", "--source", "registry", ref]),
              _fetched(ref, "all")),
             ("dockharden inspect --config-only",
              lambda: _timed([sys.executable, "-m", "dockharden", "inspect", "--config-only", ref]),
              _fetched(ref, "config"))]
    trivy = find_program("trivy")
    if trivy:
        def trivy_scan() -> tuple[float, float, float]:
            cache = Path(tempfile.mkdtemp(prefix="trivy-cache-", dir=work))  # cold: a warm cache skips the layers
            return _timed([trivy, "image", "--image-src", "remote", "--insecure", "--cache-dir", str(cache),
                           "--scanners", "misconfig,secret", "--image-config-scanners", "misconfig,secret",
                           "--skip-db-update", "--skip-java-db-update", "--skip-check-update", "--offline-scan",
                           "--quiet", ref])

        tools.append(("trivy image --image-src remote (misconfig, secret; cold cache)", trivy_scan, None))
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _, _ in tools}
    loads: dict[str, list[float]] = {name: [] for name, _, _ in tools}
    errors: dict[str, str] = {}
    for _ in range(repeat):  # round by round, each tool once: they share the machine's load as it changes
        for name, run, _ in tools:
            if name in errors:
                continue
            try:
                runs[name].append(run())
                loads[name].append(LOADS[-1])
            except (RuntimeError, OSError, subprocess.SubprocessError) as error:
                errors[name] = " ".join(str(error).split())[:200]
    for name, _, fetched in tools:
        if name in errors:
            rows.append({"tool": name, "error": errors[name]})
            continue
        seconds, peak, cpu = _median(runs[name])
        rows.append({"tool": name, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mib": round(peak, 1),
                     "bytes_fetched": fetched, "compressed_bytes": compressed,
                     "load_average": [round(min(loads[name]), 2), round(max(loads[name]), 2)]})
    return rows


def _fetched(ref: str, what: str) -> int:
    out = subprocess.run([sys.executable, "-c", FETCHED, ref, what], check=True, capture_output=True, text=True).stdout
    return json.loads(out)["fetched"]


def _write(rows: list[dict], manifest: dict) -> None:
    floor = next((r["seconds"] for r in rows if r["tool"].startswith("skopeo") and "seconds" in r), None)
    cpu_floor = next((r["cpu_seconds"] for r in rows if r["tool"].startswith("skopeo") and "seconds" in r), None)
    lines = ["| tool | seconds (median) | × skopeo | CPU seconds | × skopeo | peak RSS (MiB) | bytes fetched | of the compressed image "
             "| load average (1 min, before each run) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        if "error" in row:
            lines.append(f"| {row['tool']} | failed: {row['error']} | | | | | | | |")
            continue
        ratio = f"{row['seconds'] / floor:.2f}" if floor else ""
        cpu_ratio = f"{row['cpu_seconds'] / cpu_floor:.2f}" if cpu_floor else ""
        share = f"{row['bytes_fetched'] / row['compressed_bytes']:.4%}" if row["bytes_fetched"] is not None else "n/a"
        fetched = f"{row['bytes_fetched']:,}" if row["bytes_fetched"] is not None else "n/a"
        low, high = row["load_average"]
        lines.append(f"| {row['tool']} | {row['seconds']} | {ratio} | {row['cpu_seconds']} | {cpu_ratio} | "
                     f"{row['peak_rss_mib']} | {fetched} | {share} | {low:.1f}-{high:.1f} |")
    layers = len(manifest["layers"])
    compressed = rows[0].get("compressed_bytes", 0)
    loads = f"{min(LOADS):.1f}-{max(LOADS):.1f} before the runs, {os.getloadavg()[0]:.1f} at the end" if LOADS else "n/a"
    head = (f"Image: {BENCH_IMAGE} ({layers} layers, {compressed:,} bytes compressed), in Debian's docker-registry "
            f"on 127.0.0.1; {os.cpu_count()} cores shared with other work (1-minute load average {loads}). The median of "
            f"{REPEAT[0]} runs each, the tools taking turns; dockharden byte-compiled (as pip installs it) runs `--source registry` (`--config-only` resolves the reference "
            "through the engine first, as a user's run does).\n\n")
    text = head + "\n".join(lines) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "registry.json").write_text(json.dumps(rows, indent=2) + "\n")
    (RESULTS / "registry.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
