"""## What it does
Flags a file that a RUN downloads with curl or wget and then runs, installs or extracts,
in the same RUN or a later RUN of the stage, when nothing checks it: `curl URL | sh` (also
`| bash -s -- -y`, `| python3 -`, `| sudo -E bash -`: an interpreter that runs what it reads, not
`| python3 -c CODE` or `| bash parse.sh`, which read it as data), a script saved and run (`bash Miniforge.sh`,
`./install.sh`), a binary made executable (`chmod +x`) or saved into a `bin` or `lib`
folder, a package installed (`dpkg -i`, `apt-get install ./x.deb`, `rpm -i`, `pip install
x.whl`), an archive extracted (`tar -x`, `unzip`, `| tar -xz`). A check is any of
`sha256sum -c` (and the other `*sum`s, `shasum -a 256 -c`, `echo "<hex>  file" | sha256sum
-c`), `gpg --verify`/`gpgv`, `cosign verify`, `minisign`, a `--checksum` option, or `pip install
--require-hashes`, in the RUN that downloads or uses the file, or in a RUN between them.
A script piped into a shell is reported whatever else its RUN checks: nothing can check it
before it runs. Any stage is looked at: what a builder downloads and runs shapes what it builds.

Left alone: what the package managers fetch (apt, apk, dnf, pip: signed or indexed), keys
piped into `gpg --dearmor` or `apt-key` (they are what checks packages), a probe of localhost,
HTTP calls and outputs kept in a variable (`V=$(curl -s URL)`), a download nothing runs,
installs or extracts (a model checkpoint, a CSV, a .proto), and a URL that names a full
40-hex commit (`raw.githubusercontent.com/org/repo/<sha>/install.sh`): the commit pins its
content, as a checksum would (a release asset or a branch does not). An archive whose name says
it holds data (`vosk-model-en.zip`, a dataset, weights, a checkpoint), extracted but never run,
is reported at info. No peer has this rule (hadolint, trivy and checkov have none; DH911 and
checkov's CKV_DOCKER_4 are the ADD <url> half).

## Why is this bad?
HTTPS proves which server answered, not what it sent: a release asset replaced on a
compromised account, a moved tag, a hijacked install script or a mirror serving another file
is installed and run as root in the build, and the image ships it. A checksum pinned in the
Dockerfile, or the publisher's signature, is what ties the file to the version reviewed.

## Example
```dockerfile
FROM debian:12-slim
RUN curl -fsSL -o /usr/local/bin/yq https://github.com/mikefarah/yq/releases/download/v4.44.3/yq_linux_amd64 \
 && chmod +x /usr/local/bin/yq
```

## Use instead
```dockerfile
FROM debian:12-slim
ARG YQ_SHA256=a2c097180dd884a8d50c956ee16a9cec070f30a7947cf4ebf87d5f36213e9ed7
RUN curl -fsSL -o /usr/local/bin/yq https://github.com/mikefarah/yq/releases/download/v4.44.3/yq_linux_amd64 \
 && echo "$YQ_SHA256  /usr/local/bin/yq" | sha256sum -c - \
 && chmod +x /usr/local/bin/yq
```
"""
import fnmatch
import posixpath
import re

from dockharden.checks.dockerfile.shared import is_local, lowered, shell_runs, switched
from dockharden.core.records import frozen
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.model import shell_scripts
from dockharden.dockerfile.shell import pipelines
from dockharden.knowledge.options import parse_argv
from dockharden.knowledge.shells import SHELLS

RULE = Rule("DH932", "download-without-checksum", None, Severity.WARNING,
            "A RUN runs, installs or extracts a file it downloaded, with no checksum or signature check.", __doc__)

_DOWNLOADERS = frozenset({"curl", "wget"})
_SCRIPT_RUNNERS = SHELLS | {"perl", "ruby", "node"}
_WRAPPERS = frozenset({"sudo", "env"})
_PACKAGE_TOOLS = frozenset({"dpkg", "apt", "apt-get", "gdebi", "rpm", "dnf", "yum", "microdnf", "apk", "pip", "pip3", "uv", "conda", "mamba"})
_UNPACKERS = frozenset({"unzip", "7z", "7za", "gunzip", "bunzip2", "unxz", "bsdtar", "cpio"})
_PLACES = ("/usr/local/bin/", "/usr/bin/", "/bin/", "/sbin/", "/usr/sbin/", "/usr/local/sbin/")
_VERIFIED = re.compile(r"\b(?:sha(?:1|224|256|384|512)sum|shasum|md5sum|b2sum|gpgv2?|cosign|minisign|slsa-verifier)\b"
                       r"|--verify\b|--checksum\b|--require-hashes\b|\bopenssl\s+dgst\b")
_COMMIT = re.compile(r"/[0-9a-f]{40}(?:[/.?#]|$)")
_DATA = re.compile(r"(?:^|[^a-z])(?:models?|datasets?|data|weights|checkpoints?|ckpt|corpus|embeddings?|vocab)(?:[^a-z]|$)", re.I)
_FIX = "pin a checksum (`echo \"$SHA256  {name}\" | sha256sum -c -`) or use ADD --checksum"


@frozen
class Download:
    url: str
    path: str  # where the file is saved, as written or resolved
    line: int


def check(model, settings):
    for stage in model.stages:
        saved: list[tuple[Download, object]] = []  # files the stage's RUNs downloaded so far, unchecked, with their RUN
        for run in shell_runs(stage):
            downloads = bool(_DOWNLOADERS & run.programs)
            if not downloads and not saved:
                continue
            if downloads and "|" in run.instruction.source:  # else no pipe to read
                yield from (switched(f, run) for f in _piped(model, run))
            if _VERIFIED.search(run.instruction.source):
                saved = []  # a RUN that checks files: what was downloaded so far, and here, is taken as checked
                continue
            if downloads:
                saved += [(d, run) for c in run.commands if c.program in _DOWNLOADERS for d in _saved(c, run.workdir)]
            told = []
            for download, origin in saved:
                finding = _used(download, origin, run)
                if finding is not None:
                    told.append(download)
                    yield switched(finding, origin)
            saved = [(d, r) for d, r in saved if d not in told]


def _piped(model, run):
    """`curl URL | sh`: a script run as it arrives, and `wget -O- URL | tar -xz`."""
    for script in shell_scripts(run.instruction, model.dockerfile.escape):
        for pipeline in pipelines(script.text, script.line_of):
            for index, command in enumerate(pipeline[:-1]):
                url = _stdout_download(command)
                if url is None:
                    continue
                consumer = _unwrapped(pipeline[index + 1])
                shown = f"{command.program} {_short(url)} | {consumer.program}"
                if _runs_script(consumer):
                    yield Finding(RULE, command.line, f"`{shown}` runs a downloaded script unseen: nothing checks what the server sent; "
                                  "save it to a file, check it (`echo \"$SHA256  install.sh\" | sha256sum -c -`), then run it", run.instruction.end_line)
                elif _extracts(consumer, None):
                    yield _judged(Finding(RULE, command.line, f"`{shown}` extracts a downloaded archive with no checksum or signature check: "
                                          f"{_FIX.format(name='file')}", run.instruction.end_line), url)


def _used(download: Download, origin, run) -> Finding | None:
    """The finding for a saved download that the RUN runs, installs or extracts unchecked."""
    how, line = (_placed(download), download.line) if run is origin else (None, 0)
    if how is None:
        how, line = next(((found, c.line) for c in run.commands
                          if (run is not origin or c.line >= download.line) and (found := _use(c, download.path)) is not None), (None, 0))
    if how is None:
        return None
    name = posixpath.basename(download.path)
    finding = Finding(RULE, download.line, f"{_short(download.url)} is downloaded and {how} (line {line}) with no checksum or signature check: "
                      f"{_FIX.format(name=name)}", origin.instruction.end_line)
    return _judged(finding, download.url) if how.startswith("extracted") else finding


def _judged(finding: Finding, url: str) -> Finding:
    if _DATA.search(posixpath.basename(url.split("?", 1)[0])):
        return lowered(finding, "its name says it holds data, which the image reads but does not run")
    return finding


def _urls(argv) -> list[str]:
    urls = [o for o in argv.operands if "://" in o or o.startswith("$")] + list(argv.values("--url"))
    return [u for u in urls if not is_local(u) and not _COMMIT.search(u)]


def _stdout_download(command) -> str | None:
    """The URL a curl or wget writes to stdout (what a pipe reads), None for any other command."""
    if command.program not in _DOWNLOADERS:
        return None
    argv = parse_argv(command.program, command.args)
    urls = _urls(argv)
    if not urls:
        return None
    if command.program == "curl":
        to_stdout = not argv.has("--remote-name") and argv.value("--output") in (None, "-")
    else:
        to_stdout = argv.value("--output-document") == "-"
    return urls[0] if to_stdout else None


def _saved(command, workdir: str) -> list[Download]:
    """The files a curl or wget saves, each with its URL."""
    argv = parse_argv(command.program, command.args)
    urls = _urls(argv)
    if not urls:
        return []
    if command.program == "curl":
        output, folder, remote = argv.value("--output"), argv.value("--output-dir") or "", argv.has("--remote-name")
    else:
        output, folder, remote = argv.value("--output-document"), argv.value("--directory-prefix") or "", True
    if output not in (None, "-"):
        return [Download(urls[0], _resolve(workdir, output), command.line)]
    if not remote:
        return []
    return [Download(url, _resolve(workdir, posixpath.join(folder, posixpath.basename(url.split("?", 1)[0]))), command.line) for url in urls]


def _resolve(workdir: str, path: str) -> str:
    return path if path.startswith(("/", "$", "~")) else posixpath.normpath(posixpath.join(workdir, path))


def _placed(download: Download) -> str | None:
    """How a download saved straight into a program folder (/usr/local/bin/x, a lib folder) is installed."""
    folder = posixpath.dirname(download.path) + "/"
    if folder.startswith(_PLACES) or "/bin/" in folder or "/lib/" in folder and ".so" in download.path:
        return f"saved into {folder}"
    return None


def _use(command, path: str) -> str | None:
    """How a command runs, installs or extracts the file at `path`; None when it does not."""
    name = posixpath.basename(path)
    if not name or not any(name in word or "*" in word for word in command.words):
        return None  # the common case, found without splitting paths
    command = _unwrapped(command)
    words = [w for w in command.args if _names(w, path)]
    program = command.program
    if _names(command.words[0] if command.words else "", path):
        return "run"
    if not words:
        return None
    if (program in _SCRIPT_RUNNERS or program.startswith("python")) and _first_operand(command.args) in words:
        return f"run by {program}"
    if program == "chmod" and _executable(command.args):
        return "made executable (chmod)"
    if program in _PACKAGE_TOOLS or program.startswith("python") and command.args[:2] == ("-m", "pip"):
        return f"installed ({program})"
    if _extracts(command, path):
        return f"extracted ({program})"
    if program in ("mv", "cp", "install", "ln") and command.args and command.args[-1].startswith(_PLACES) and command.args[-1] not in words:
        return f"installed into {command.args[-1]} ({program})"
    return None


def _names(word: str, path: str) -> bool:
    """Whether a word names the downloaded file: the same path, the same file name, or a glob
    that matches it (`dpkg -i *.deb`; with a folder, `/tmp/*.deb`, the whole path)."""
    name = posixpath.basename(path)
    if not name or word == path or posixpath.basename(word) == name:
        return bool(name)
    if "*" not in word and "?" not in word:
        return False
    return fnmatch.fnmatchcase(path, word) if "/" in word else fnmatch.fnmatchcase(name, word)


def _first_operand(args) -> str | None:
    return next((a for a in args if not a.startswith("-")), None)


def _executable(args) -> bool:
    mode = _first_operand(args) or ""
    if mode.isdigit():
        return int(mode.zfill(3)[-3]) & 1 == 1
    return "x" in mode and ("+" in mode or "=" in mode)


def _extracts(command, path: str | None) -> bool:
    """tar -x, unzip, 7z x, gunzip... of the file (of stdin when `path` is None)."""
    if command.program in _UNPACKERS or command.program in ("xz", "bzip2", "gzip", "zstd") and "-d" in command.args:
        return True
    if command.program != "tar":
        return False
    letters = command.args[0] if command.args and not command.args[0].startswith("-") else ""
    letters += "".join(a[1:] for a in command.args if a.startswith("-") and not a.startswith("--"))
    return "x" in letters or "--extract" in command.args or any(a.startswith("--extract") for a in command.args)


def _unwrapped(command):
    """`sudo -E bash -` is bash's, `env X=1 sh` sh's."""
    if command.program not in _WRAPPERS:
        return command
    rest = [w for w in command.args if not w.startswith("-") and "=" not in w]
    return type(command)(tuple(rest), command.line) if rest else command


def _runs_script(command) -> bool:
    """Whether an interpreter runs what it reads on stdin: `sh`, `sh -s -- -y`, `python3 -`; not
    `python3 -c CODE`, `python -m json.tool` or `bash parse.sh` (a program from its words), which
    read it as data."""
    if not (command.program in _SCRIPT_RUNNERS or re.fullmatch(r"python[\d.]*", command.program)):
        return False
    return "-s" in command.args or _first_operand(command.args) in (None, "-") or "-" in command.args[:1]


def _short(url: str) -> str:
    """The URL, its middle left out when long: https://github.com/…/yq_linux_amd64."""
    if len(url) <= 72:
        return url
    scheme, _, rest = url.partition("://")
    host, _, path = rest.partition("/")
    return f"{scheme}://{host}/…/{path.rstrip('/').rsplit('/', 1)[-1]}"
