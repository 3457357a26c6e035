"""What each speed trick of the lint path saves, one at a time, in instructions counted by
callgrind (repeatable whatever else the machine is doing, unlike seconds).

Run: python benchmarks/bench_tricks.py [--files N] [--only NAME,...]
     python benchmarks/bench_tricks.py --repos REPOS [--only NAME,...]
For each trick below, a copy of src/ has that trick replaced by its plain version (a text
replacement that must match exactly once); the same corpus is linted and rendered as the
CLI's JSON by the pure-Python source, under callgrind. A trick for what only real
repositories hold (workflows, scripts, pyproject.toml) is measured on them: with --repos,
the Dockerfiles `dockharden lint` finds in REPOS (bench_real.py's folders), the first 20 of
them linted first as the warm-up. saved = 1 - fast / plain, where
both counts are net of start-up and first calls (a run that imports, lints 20 other files
and stops), measured for each variant. A trick stays only while it
saves at least 2% (issue 15); the comment beside it in the source quotes this figure.
Writes benchmarks/results/tricks.json and tricks.md (tricks-real.* with --repos).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
KEEP_AT = 0.02

sys.path.insert(0, str(ROOT))
from benchmarks.bench_lint import write_corpus  # noqa: E402
from tests.support.dockerfile_corpus import generate  # noqa: E402


@dataclass(frozen=True)
class Trick:
    name: str
    what: str
    file: str  # under src/dockharden/
    fast: str  # text in the source now
    plain: str  # what the standard library / reference version reads
    corpus: str = "generated"  # or "real": measured on real repositories (--repos)


TRICKS = (
    Trick("plain-flags", "flags without quotes by one regex, not byte by byte", "dockerfile/flags.py",
          "    plain = plain_flags(line) if line.isascii() else None", "    plain = None"),
    Trick("parse-words-shortcut", "words without quotes or escapes are the runs between blanks", "dockerfile/words.py",
          "    if escape not in rest and \"'\" not in rest and '\"' not in rest:\n        return blank_separated(rest)",
          "    if False:\n        return blank_separated(rest)"),
    Trick("unquote-shortcut", "a word without quotes or backslashes is itself", "dockerfile/words.py",
          "    if \"'\" not in word and '\"' not in word and \"\\\\\" not in word:\n        return word  # saves 20.4% of lint (benchmarks/bench_tricks.py)\n    return unquote_reference(word)",
          "    return unquote_reference(word)"),
    Trick("heredoc-marker", "the shell lexer runs only on lines holding `<<`", "dockerfile/parser.py",
          "opens_heredocs = \"<<\" in joined and name", "opens_heredocs = name"),
    Trick("shell-words-shortcut", "heredoc words of a line without $, quotes or \\ are its blank runs", "dockerfile/heredocs.py",
          "    if \"$\" not in text and \"'\" not in text and '\"' not in text and \"\\\\\" not in text:\n        return blank_separated(text)",
          "    if False:\n        return blank_separated(text)"),
    Trick("pragma-marker", "only lines holding `#` and a pragma word are read as pragmas", "dockerfile/pragmas.py",
          "if \"#\" in text and any(m in text for m in _MARKS)]", "]"),
    Trick("split-plain", "a script without quotes, expansions or redirections is split without the tokenizer", "dockerfile/shell.py",
          "    if _NEEDS_TOKENS.search(script) is None and not", "    if False and"),
    Trick("secretish", "a name without KEY, PASS, SECRET, TOKEN or CREDENTIAL is not split into words", "knowledge/secrets.py",
          "    if not any(part in upper for part in _SECRETISH):\n        return False  #", "    if False:\n        return False  #"),
    Trick("secret-length", "values shorter than any secret shape are not searched", "knowledge/secrets.py",
          "    if len(value) < _SHORTEST_SECRET:\n        return None  #", "    if False:\n        return None  #"),
    Trick("pretty-json", "the indented JSON report written by hand", "output/formats/json_format.py",
          "    return pretty_json.dumps(report_to_dict(report)) + \"\\n\"  #",
          "    return __import__(\"json\").dumps(report_to_dict(report), indent=2, ensure_ascii=False) + \"\\n\"  #"),
    Trick("command-start", "build and run commands are matched only where docker or podman is written", "dockerfile/compose.py",
          "    for start in _COMMAND_START.finditer(text):\n        if start.start() >= end and (match := pattern.match(text, start.start())):\n            end = match.end()\n            yield match",
          "    yield from pattern.finditer(text)", "real"),
)

# Measured with this script on commit 4c4fa33 (300 files) and replaced by the plain version
# since: (name, what, % of lint it saved). A negative figure: the plain version was faster.
REMOVED = (
    ("split-once", "keyword split without a regex", 0.5),
    ("no-flags-shortcut", "a line without `--` skips the flag walk", 1.1),
    ("blank-separated", "str.split() for ASCII text", 1.0),
    ("command-key-ascii", "str.lower() for an ASCII keyword", -0.2),
    ("one-line-instruction", "an instruction on one line skips the heredoc and range reading", 0.3),
    ("cr-free-lines", "no \\r in the file: lines are not copied twice", 0.3),
    ("size-checks", "line lengths checked only when the file could hold a long line", 0.2),
    ("posixpath", "path joins without posixpath's generality", 0.3),
    ("run-dollar-check", "instructions without `$` skip the stage's variables", -0.0),
    ("frozen-dict-init", "frozen results are built by writing the instance dict", 0.3),
    ("gc-pause", "the cyclic garbage collector paused while a batch is linted", -0.4),
    ("read-capped", "the Dockerfile read in growing chunks by os.read", -0.1),
    ("secret-markers", "a secret shape's regex runs only on values holding its marker", -0.6),  # measured on b0de25d
    # measured with --repos on the 180 real Dockerfiles of bench_real.py, on 9d499b8
    ("argv-cache", "a named program's argv parsed once (an lru_cache), whichever rules read it", 0.2),
    ("script-tables", "pyproject.toml's script tables parsed without the rest of the file", -0.7),
    ("switch-programs", "DH930 parses the options of the programs it has switches for, once", 0.9),
    ("switch-markers", "DH930 searches a word for a sources or apt.conf switch only when it holds 'deb' or '::'", 0.6),
)

_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from dockharden.checks.lint import lint_files
from dockharden.checks.catalog import all_rules
from dockharden.core.vocabulary import Report
from dockharden.output.formats.json_format import render
import dockharden
assert dockharden.__file__.startswith(sys.argv[1]), dockharden.__file__  # the copy, not the installed package
paths = [Path(line) for line in Path(sys.argv[2]).read_text().splitlines()]
warm, corpus = paths[:20], paths[20:]
render(Report(lint_files(warm), tuple(all_rules())))  # first calls: lazy imports, regex compiles
if sys.argv[3] == "lint":
    sys.stdout.write(str(len(render(Report(lint_files(corpus), tuple(all_rules()))))))
"""
_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(src: Path, listing: Path, mode: str) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, "-c", _CHILD, str(src), str(listing), mode]
    done = subprocess.run(command, capture_output=True, text=True, check=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"})
    return int(_COLLECTED.findall(done.stderr)[-1])


def variant(trick: Trick, into: Path) -> Path:
    """A copy of src/ with the trick replaced by its plain version."""
    shutil.copytree(ROOT / "src", into, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    target = into / "dockharden" / trick.file
    text = target.read_text(encoding="utf-8")
    if text.count(trick.fast) != 1:
        raise SystemExit(f"{trick.name}: its fast text occurs {text.count(trick.fast)} times in {trick.file}")
    target.write_text(text.replace(trick.fast, trick.plain), encoding="utf-8")
    return into


def net(src: Path, listing: Path) -> int:
    return instructions(src, listing, "lint") - instructions(src, listing, "import")


def measure(tricks: tuple[Trick, ...], files: int, work: Path, repos: Path | None = None) -> dict:
    listing = work / "files.txt"
    if repos is not None:
        from benchmarks.bench_real import dockerfiles

        paths = [path for found in dockerfiles(repos).values() for path in found]
        files = len(paths) - 20
    else:
        paths = write_corpus(generate(files + 20, 2024), work / "corpus")
    listing.write_text("\n".join(map(str, paths)))
    base = _copy(work / "src-base")
    fast = net(base, listing)
    rows = []
    for trick in tricks:
        plain = net(variant(trick, work / f"src-{trick.name}"), listing)
        rows.append({"trick": trick.name, "what": trick.what, "file": trick.file, "corpus": trick.corpus, "fast": fast, "plain": plain,
                     "saved": round(1 - fast / plain, 4), "keep": 1 - fast / plain >= KEEP_AT})
        print(f"{trick.name:24} saved {100 * (1 - fast / plain):5.1f}%", flush=True)
    return {"files": files, "corpus": "real" if repos is not None else "generated", "instructions": fast, "tricks": rows}


def _copy(into: Path) -> Path:
    shutil.copytree(ROOT / "src", into, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    return into


def markdown(result: dict) -> str:
    corpus = "Dockerfiles of real repositories (bench_real.py's)" if result.get("corpus") == "real" else "generated Dockerfiles"
    lines = [f"# Speed tricks, one at a time ({result['files']} {corpus}, linted and rendered as JSON, pure Python)",
             "", f"Instructions with every trick in place: {result['instructions']:,}.", "",
             "| trick | what | saved | verdict |", "|---|---|---:|---|"]
    for row in result["tricks"]:
        verdict = "kept" if row["keep"] else "below 2%: replace it by the plain version"
        lines.append(f"| {row['trick']} | {row['what']} | {100 * row['saved']:.1f}% | {verdict} |")
    if result.get("corpus") != "real":
        lines += ["", "Measured on commit 4c4fa33 and replaced by the plain version (saved under 2%):", "",
                  "| trick | what | saved |", "|---|---|---:|"]
        lines += [f"| {name} | {what} | {saved:.1f}% |" for name, what, saved in REMOVED]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--only", default="", help="comma-separated trick names")
    parser.add_argument("--repos", type=Path, help="real repositories (as bench_real.py takes them): measure the real-corpus tricks")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    corpus = "real" if args.repos else "generated"
    chosen = tuple(t for t in TRICKS if t.corpus == corpus and (not args.only or t.name in args.only.split(",")))
    with tempfile.TemporaryDirectory() as work:
        result = measure(chosen, args.files, Path(work), args.repos)
    args.results.mkdir(parents=True, exist_ok=True)
    name = "tricks" if corpus == "generated" else "tricks-real"
    earlier = args.results / f"{name}.json"
    if args.only and earlier.exists():  # keep the other tricks' rows of the last full run
        kept = [row for row in json.loads(earlier.read_text())["tricks"] if row["trick"] not in args.only.split(",")]
        result["tricks"] = sorted(kept + result["tricks"], key=lambda row: [t.name for t in TRICKS].index(row["trick"]) if row["trick"] in [t.name for t in TRICKS] else 99)
    (args.results / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.results / f"{name}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
