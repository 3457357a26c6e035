"""Run the CLI in a child process fed from a generator, and read the child's peak memory.

Hostile inputs are made on the fly (streamed to the child's stdin, or written small to
disk), so a test of a 1 TiB stream costs no disk. The child reports its peak resident set
(VmHWM from /proc, which exec resets, so the parent's size does not leak into it) to a
side file, keeping stderr to the one line a user would see. `limits` lowers the image
reader's caps for that child only, so a cap can be reached without reading 256 GiB.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass

MIB = 1024 * 1024

_CHILD = """
import atexit, json, os, sys

def _peak():
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM"))
    with open(os.environ["DH_PEAK_FILE"], "w") as out:
        out.write(kib)

atexit.register(_peak)
limits = json.loads(os.environ.get("DH_LIMITS") or "{}")
if limits:
    from dockharden.image import inputs
    from dockharden.image.errors import Limits
    inputs.read_facts.__kwdefaults__["limits"] = Limits(**limits)
from dockharden.cli import main
sys.argv = ["dockharden", *sys.argv[1:]]
main()
"""


@dataclass(frozen=True)
class Measured:
    code: int
    out: str
    err: str
    peak_mib: float  # the child's peak resident set


def run_measured(*args: object, stdin: Iterable[bytes] | None = None, limits: dict | None = None,
                 cwd: str | None = None, timeout: float = 300) -> Measured:
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        env = {**os.environ, "DH_PEAK_FILE": peak.name, "DH_LIMITS": json.dumps(limits or {}), "NO_COLOR": "1"}
        child = subprocess.Popen([sys.executable, "-c", _CHILD, *map(str, args)], cwd=cwd, env=env,
                                 stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        feeder = threading.Thread(target=_feed, args=(child.stdin, stdin), daemon=True) if stdin is not None else None
        if feeder:
            feeder.start()
        out, err = _collect(child, timeout)
        if feeder:
            feeder.join(timeout)
        text = peak.read().strip()
        return Measured(child.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                        int(text) / 1024 if text else float("nan"))


def _feed(pipe, chunks: Iterable[bytes]) -> None:
    try:
        for chunk in chunks:
            pipe.write(chunk)
        pipe.close()
    except (BrokenPipeError, ValueError, OSError):
        pass  # the child stopped reading: what a cap is for


def _collect(child: subprocess.Popen, timeout: float) -> tuple[bytes, bytes]:
    # stdin is written by the feeder thread; communicate() would close it under the feeder.
    results: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda k=k, s=s: results.__setitem__(k, s.read()), daemon=True)
               for k, s in (("out", child.stdout), ("err", child.stderr))]
    for reader in readers:
        reader.start()
    try:
        child.wait(timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        raise
    for reader in readers:
        reader.join(timeout)
    return results.get("out", b""), results.get("err", b"")
