"""Record what dockharden prints, or compare it with a recording: proof that a change of the
code's shape changed no behaviour.

    python benchmarks/same_output.py record /tmp/before      # on the old code
    python benchmarks/same_output.py compare /tmp/before     # on the new code: exit 1 on a difference

It runs the installed `dockharden` (next to this interpreter) as a user would:
`lint --format json` and `matrix --format json` over the benchmark corpus (4,300 generated
files, seed 2024), `examples/`, the bundled templates and the parser's test cases, and
`inspect --format json` over every image of the test catalog (built once on the local Docker
Engine and kept as `docker save` tarballs in --images, so both runs read the same bytes).
Only the outputs are compared; nothing here is committed but this script.
"""
from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from tests.support.dockerfile_corpus import generate  # noqa: E402

DOCKHARDEN = str(Path(sys.executable).parent / "dockharden")
IMAGES = Path(tempfile.gettempdir()) / "dockharden-same-output-images"


def inputs(scratch: Path, images: Path) -> dict[str, tuple[Path, list[str]]]:
    """Name -> (working directory, dockharden arguments) of every recorded run."""
    corpus = scratch / "corpus"
    for index, text in enumerate(generate(4300, 2024)):
        (corpus / f"{index:05d}").mkdir(parents=True)
        (corpus / f"{index:05d}" / "Dockerfile").write_text(text, encoding="utf-8", newline="")
    templates = scratch / "templates"
    subprocess.run([DOCKHARDEN, "new", str(templates), "--template", "all", "--k8s", "--name", "svc"], check=True, capture_output=True)
    runs: dict[str, tuple[Path, list[str]]] = {}
    for name, cwd, target in (("corpus", scratch, "corpus"), ("templates", scratch, "templates"),
                              ("examples", ROOT, "examples"), ("parser-cases", ROOT, "tests/dockerfile/cases"),
                              ("fixtures", ROOT, "tests/fixtures")):
        runs[f"lint-{name}"] = (cwd, ["lint", "--format", "json", target])
        runs[f"matrix-{name}"] = (cwd, ["matrix", "--format", "json", target])
    for tarball in sorted(images.glob("*.tar")):
        runs[f"inspect-{tarball.stem}"] = (images, ["inspect", "--format", "json", tarball.name])
    return runs


def build_images(folder: Path) -> None:
    """The test catalog's images as `docker save` tarballs, made once."""
    from support.image_catalog import IMAGES as CATALOG
    from support.image_lab import _build
    from support import engine

    folder.mkdir(parents=True, exist_ok=True)
    engine.ensure_engine()
    base = engine.ensure_base_image()
    for name, spec in CATALOG.items():
        target = folder / f"{name}.tar"
        if target.exists():
            continue
        tag = f"dockharden-same-output/{name}:latest"
        with tempfile.TemporaryDirectory() as context:
            _build(spec, base, Path(context) / "context", tag)
        engine.docker("save", "-o", str(target), tag, timeout=600)
        engine.remove_image(tag)


def run_all(images: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="dockharden-same-output-") as scratch:
        outputs = {}
        for name, (cwd, args) in inputs(Path(scratch), images).items():
            done = subprocess.run([DOCKHARDEN, *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
            outputs[name] = f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
        return outputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("folder", type=Path, help="where the recording is (written by record, read by compare)")
    parser.add_argument("--images", type=Path, default=IMAGES, help=f"tarballs of the test images (default {IMAGES})")
    args = parser.parse_args()
    build_images(args.images)
    outputs = run_all(args.images)
    if args.action == "record":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, text in outputs.items():
            (args.folder / f"{name}.txt").write_text(text, encoding="utf-8")
        print(f"recorded {len(outputs)} outputs in {args.folder}")
        return 0
    recorded = {p.stem: p.read_text(encoding="utf-8") for p in args.folder.glob("*.txt")}
    differ = sorted(name for name in recorded.keys() | outputs.keys() if recorded.get(name) != outputs.get(name))
    for name in differ:
        sys.stdout.writelines(difflib.unified_diff(recorded.get(name, "").splitlines(True), outputs.get(name, "").splitlines(True),
                                                   f"recorded/{name}", f"now/{name}", n=2))
    print(f"{len(outputs)} outputs, {len(differ)} differ" + (f": {', '.join(differ)}" if differ else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
