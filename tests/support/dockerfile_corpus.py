"""A deterministic corpus of realistic Python/AI service Dockerfiles.

`generate(n, seed)` returns n Dockerfile texts (15-80 lines each) drawn from a
seeded random generator: the same arguments always give the same texts. The files
mix good and bad hardening (root or missing USER, no or curl HEALTHCHECK, `chown -R`
after COPY, secrets in ENV, compilers in the final stage, shell-form CMD) with the
syntax a parser must survive: directives, backtick escape, continuations holding
comments, blank lines and trailing blanks, heredocs of every kind, lowercase
keywords, CRLF line endings and comments everywhere.

Only the standard library is used, so benchmarks can import it as
`tests.support.dockerfile_corpus` and tests as `support.dockerfile_corpus`.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["generate", "Instr"]

BASES = (
    "python:3.12-slim", "python:3.11-slim-bookworm", "python:3.12-slim-bookworm", "python:3.12-alpine",
    "python:3.10", "local/python-base:bookworm", "${BASE_IMAGE}", "nvidia/cuda:12.2.0-runtime-ubuntu22.04",
    "python:3.12-slim@sha256:8f0c1f1e2a9a8e1b6b3c9d4e5f60718293a4b5c6d7e8f90112233445566778899",
)
APPS = ("fastapi", "flask", "django", "inference", "worker", "streamlit")
PORTS = {"fastapi": 8000, "flask": 5000, "django": 8000, "inference": 8080, "worker": 8000, "streamlit": 8501}
SECRETS = (
    "API_KEY=sk-live-4f9a8b7c6d5e4f3a2b1c", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY",
    "DATABASE_PASSWORD=hunter2", "HF_TOKEN=hf_abcdefghijklmnopqrstuvwx", "OPENAI_API_KEY ${OPENAI_API_KEY}",
)
TRAILING_BLANKS = (" ", "\t", "  ", " \t")


@dataclass
class Instr:
    """One instruction: keyword, its head lines (joined by continuations) and a heredoc body."""

    keyword: str
    lines: list[str]
    body: list[str] = field(default_factory=list)
    comment: str = ""


@dataclass
class Spec:
    rng: random.Random
    app: str
    base: str
    escape: str
    multi_stage: bool
    bad: frozenset[str]
    case: str  # upper, lower or mixed
    newline: str
    uid: str

    @property
    def port(self) -> int:
        return PORTS[self.app]


def generate(n: int, seed: int) -> list[str]:
    """n Dockerfile texts, the same for the same (n, seed)."""
    rng = random.Random(seed)
    return [_dockerfile(random.Random(rng.getrandbits(64))) for _ in range(n)]


def _dockerfile(rng: random.Random) -> str:
    for _ in range(8):
        spec = _spec(rng)
        instrs = _header(spec) + _global_args(spec) + _stages(spec)
        text = _render(instrs, spec)
        if 15 <= text.count("\n") + 1 <= 80:
            return text
    return text


def _spec(rng: random.Random) -> Spec:
    problems = ("root", "no_healthcheck", "curl_probe", "chown_after_copy", "secret_env", "gcc_final", "shell_cmd")
    bad = frozenset(p for p in problems if rng.random() < 0.25) if rng.random() < 0.7 else frozenset()
    return Spec(
        rng=rng,
        app=rng.choice(APPS),
        base=rng.choice(BASES),
        escape=rng.choice("\\" * 17 + "`" * 3),
        multi_stage=rng.random() < 0.6,
        bad=bad,
        case=rng.choice(["upper"] * 8 + ["lower", "mixed"]),
        newline="\r\n" if rng.random() < 0.1 else "\n",
        uid=rng.choice(["1000", "10001", "999"]),
    )


def _header(spec: Spec) -> list[Instr]:
    rng = spec.rng
    directives = []
    if rng.random() < 0.4:
        directives.append(f"# syntax=docker/dockerfile:{rng.choice(['1', '1.7', '1.4'])}")
    if spec.escape == "`" or rng.random() < 0.05:
        directives.append(f"# escape={spec.escape}")
    if rng.random() < 0.1:
        directives.append(f"# check={rng.choice(['skip=JSONArgsRecommended', 'error=true'])}")
    intro = [] if rng.random() < 0.5 else [f"# {spec.app} service image", "#", "# Build: docker build -t app ."]
    return [Instr("", [], comment="\n".join(directives + intro))] if directives or intro else []


def _global_args(spec: Spec) -> list[Instr]:
    rng = spec.rng
    args = []
    if spec.base == "${BASE_IMAGE}" or rng.random() < 0.4:
        args.append(Instr("ARG", ["BASE_IMAGE=python:3.12-slim"]))
    if rng.random() < 0.4:
        args.append(Instr("ARG", [rng.choice(["PYTHON_VERSION=3.12", "APP_VERSION=0.1.0", "UID=1000 GID=1000"])]))
    return args


def _stages(spec: Spec) -> list[Instr]:
    if not spec.multi_stage:
        return _single_stage(spec)
    stages = _builder(spec)
    if spec.rng.random() < 0.3:
        stages += _test_stage(spec)
    return stages + _final(spec)


def _from(spec: Spec, image: str, alias: str = "") -> Instr:
    platform = "--platform=$BUILDPLATFORM " if alias and spec.rng.random() < 0.1 else ""
    as_word = spec.rng.choice([" AS ", " as "]) if alias else ""
    return Instr("FROM", [f"{platform}{image}{as_word}{alias}"])


def _builder(spec: Spec) -> list[Instr]:
    rng = spec.rng
    instrs = [_from(spec, spec.base, "builder"), _env_python(spec)]
    instrs.append(_apt_install(spec, ["build-essential", "gcc", "libpq-dev"]))
    instrs.append(Instr("RUN", ["python -m venv /opt/venv"]))
    instrs.append(Instr("ENV", ['PATH="/opt/venv/bin:$PATH"']))
    instrs.append(Instr("WORKDIR", ["/build"]))
    instrs.append(_copy(spec, "requirements.txt ./", link=rng.random() < 0.3))
    instrs.append(_pip_install(spec))
    if rng.random() < 0.3:
        instrs.append(_heredoc_run(spec))
    return instrs


def _test_stage(spec: Spec) -> list[Instr]:
    return [
        _from(spec, "builder", "test"),
        Instr("COPY", [". ."], comment="# tests run against the builder's venv"),
        Instr("RUN", ["pip install pytest", "&& python -m pytest -q"]),
    ]


def _single_stage(spec: Spec) -> list[Instr]:
    rng = spec.rng
    instrs = [_from(spec, spec.base), _env_python(spec), Instr("WORKDIR", ["/app"])]
    if rng.random() < 0.5 or "gcc_final" in spec.bad:
        instrs.append(_apt_install(spec, ["gcc", "build-essential"] if "gcc_final" in spec.bad else ["libgomp1"]))
    instrs.append(_copy(spec, "requirements.txt ."))
    instrs.append(_pip_install(spec))
    return instrs + _runtime_tail(spec)


def _final(spec: Spec) -> list[Instr]:
    rng = spec.rng
    instrs = [_from(spec, spec.base, rng.choice(["", "runtime", "final"]))]
    instrs += _labels(spec) if rng.random() < 0.5 else []
    instrs.append(_env_python(spec))
    if "gcc_final" in spec.bad:
        instrs.append(_apt_install(spec, ["gcc", "g++", "make"]))
    instrs.append(Instr("WORKDIR", ["/app"]))
    instrs.append(_copy(spec, "/opt/venv /opt/venv", source="builder", link=rng.random() < 0.3))
    instrs.append(Instr("ENV", [rng.choice(['PATH="/opt/venv/bin:$PATH"', "PATH=/opt/venv/bin:$PATH"])]))
    return instrs + _runtime_tail(spec)


def _runtime_tail(spec: Spec) -> list[Instr]:
    rng = spec.rng
    instrs = _user_setup(spec) + _app_copy(spec) + _extras(spec)
    if "secret_env" in spec.bad:
        instrs.append(Instr("ENV", [rng.choice(SECRETS)]))
    instrs.append(Instr("EXPOSE", [str(spec.port)]))
    instrs += _user(spec) + _healthcheck(spec) + _entry(spec)
    return instrs


def _env_python(spec: Spec) -> Instr:
    rng = spec.rng
    if rng.random() < 0.3:
        return Instr("ENV", ["PYTHONUNBUFFERED 1"])
    pairs = ["PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1", "PIP_NO_CACHE_DIR=1", "PIP_DISABLE_PIP_VERSION_CHECK=1"]
    if spec.app == "inference":
        pairs.append(rng.choice(["HF_HOME=/models/hf", 'TRANSFORMERS_CACHE="/models/cache"']))
    chosen = pairs[: rng.randint(2, len(pairs))]
    return Instr("ENV", chosen if rng.random() < 0.6 else [" ".join(chosen)])


def _labels(spec: Spec) -> list[Instr]:
    return [Instr("LABEL", [
        'org.opencontainers.image.title="' + spec.app + ' service"',
        'org.opencontainers.image.source="https://example.com/repo"',
        "maintainer=team@example.com",
    ])]


def _apt_install(spec: Spec, packages: list[str]) -> Instr:
    rng = spec.rng
    if spec.base.endswith("alpine"):
        return Instr("RUN", [f"apk add --no-cache {' '.join(packages)}"])
    lines = ["apt-get update", "&& apt-get install -y --no-install-recommends " + " ".join(packages)]
    if rng.random() < 0.7:
        lines.append("&& rm -rf /var/lib/apt/lists/*")
    mount = "--mount=type=cache,target=/var/cache/apt,sharing=locked " if rng.random() < 0.2 else ""
    return Instr("RUN", [mount + lines[0]] + lines[1:], comment="# system packages" if rng.random() < 0.3 else "")


def _pip_install(spec: Spec) -> Instr:
    rng = spec.rng
    choice = rng.random()
    if choice < 0.3:
        return Instr("RUN", ["--mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt"])
    if choice < 0.45:
        return Instr("RUN", ["--mount=type=secret,id=pip_token,required=true", "PIP_INDEX_URL=$(cat /run/secrets/pip_token) pip install -r requirements.txt"])
    if choice < 0.6:
        return Instr("RUN", ['["pip", "install", "--no-cache-dir", "-r", "requirements.txt"]'])
    return Instr("RUN", ["pip install --no-cache-dir --upgrade pip", "&& pip install --no-cache-dir -r requirements.txt"])


def _copy(spec: Spec, paths: str, source: str = "", link: bool = False, chown: str = "") -> Instr:
    flags = [f"--from={source}"] if source else []
    flags += [f"--chown={chown}"] if chown else []
    flags += ["--link"] if link else []
    keyword = "ADD" if not source and spec.rng.random() < 0.1 else "COPY"
    return Instr(keyword, [" ".join(flags + [paths])])


def _user_setup(spec: Spec) -> list[Instr]:
    rng = spec.rng
    if "root" in spec.bad and rng.random() < 0.5:
        return []
    if spec.base.endswith("alpine"):
        command = f"addgroup -S -g {spec.uid} app && adduser -S -u {spec.uid} -G app app"
    else:
        command = rng.choice([f"groupadd -g {spec.uid} app && useradd -m -u {spec.uid} -g app app", "useradd -m app"])
    return [Instr("RUN", [command], comment="# an unprivileged account" if rng.random() < 0.4 else "")]


def _app_copy(spec: Spec) -> list[Instr]:
    rng = spec.rng
    if "chown_after_copy" in spec.bad:
        return [_copy(spec, ". ."), Instr("RUN", ["chown -R app:app /app"])]
    owner = rng.choice([f"{spec.uid}:{spec.uid}", "app:app", ""])
    instrs = [_copy(spec, ". .", chown=owner, link=rng.random() < 0.2)]
    if rng.random() < 0.3:
        instrs.append(_heredoc_copy(spec))
    if rng.random() < 0.2:
        instrs.append(Instr("COPY", [f"--chmod=755 {'--chown=app:app ' if rng.random() < 0.5 else ''}entrypoint.sh /usr/local/bin/"]))
    return instrs


def _extras(spec: Spec) -> list[Instr]:
    rng = spec.rng
    instrs = []
    if rng.random() < 0.25:
        instrs.append(Instr("SHELL", ['["/bin/bash", "-o", "pipefail", "-c"]']))
    if rng.random() < 0.3:
        instrs.append(_heredoc_run(spec))
    if rng.random() < 0.1:
        instrs.append(Instr("VOLUME", [rng.choice(['["/data"]', "/models /tmp/cache"])]))
    if rng.random() < 0.1:
        instrs.append(Instr("STOPSIGNAL", ["SIGTERM"]))
    if rng.random() < 0.05:
        instrs.append(Instr("ONBUILD", ["COPY requirements.txt /app/"]))
    if rng.random() < 0.03:
        instrs.append(Instr("ONBUILD", ["RUN <<EOF"], body=["pip install -r /app/requirements.txt", "EOF"]))
    return instrs


def _user(spec: Spec) -> list[Instr]:
    rng = spec.rng
    if "root" in spec.bad:
        return rng.choice([[], [Instr("USER", ["root"])], [Instr("USER", ["0"])], [Instr("USER", ["0:0"])]])
    value = rng.choice([f"{spec.uid}:{spec.uid}", "app", "app:app", "1000:1000", "${UID}", spec.uid])
    arg = [Instr("ARG", [f"UID={spec.uid}"])] if value == "${UID}" else []
    return arg + [Instr("USER", [value])]


def _healthcheck(spec: Spec) -> list[Instr]:
    rng = spec.rng
    if "no_healthcheck" in spec.bad:
        return [] if rng.random() < 0.7 else [Instr("HEALTHCHECK", ["NONE"])]
    flags = rng.choice(["", "--interval=30s --timeout=5s ", "--interval=10s --timeout=3s --start-period=20s --retries=3 "])
    url = f"http://127.0.0.1:{spec.port}/health"
    if "curl_probe" in spec.bad:
        return [Instr("HEALTHCHECK", [f"{flags}CMD curl -f {url} || exit 1"])]
    probe = f'"import urllib.request as u; u.urlopen(\'{url}\', timeout=5)"'
    if rng.random() < 0.7:
        return [Instr("HEALTHCHECK", [f"{flags}CMD", f'["python", "-c", {probe.replace(chr(92), "")}]'])]
    return [Instr("HEALTHCHECK", [f"{flags}CMD python -c {probe} || exit 1"])]


def _entry(spec: Spec) -> list[Instr]:
    rng = spec.rng
    command = {
        "fastapi": ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"],
        "flask": ["gunicorn", "-c", "gunicorn.conf.py", "app:app"],
        "django": ["gunicorn", "project.wsgi:application", "--bind", "0.0.0.0:8000"],
        "inference": ["python", "-m", "server", "--model", "/models/default"],
        "worker": ["celery", "-A", "tasks", "worker", "--loglevel=info"],
        "streamlit": ["streamlit", "run", "app.py", "--server.port=8501"],
    }[spec.app]
    instrs = [Instr("ENTRYPOINT", ['["tini", "--"]'])] if rng.random() < 0.2 else []
    if "shell_cmd" in spec.bad:
        return instrs + [Instr("CMD", [" ".join(command)])]
    return instrs + [Instr("CMD", ["[" + ", ".join(f'"{word}"' for word in command) + "]"])]


def _heredoc_run(spec: Spec) -> Instr:
    """One of the heredoc shapes BuildKit accepts."""
    kind = spec.rng.choice(["plain", "chomp", "quoted", "double", "two", "fd", "continued"])
    script = ["set -eux", "python -m compileall -q /opt/venv || true", 'echo "built $(date)" > /build-info']
    if kind == "plain":
        return Instr("RUN", ["<<EOF"], body=script + ["pip install \\", "  --no-cache-dir uvloop", "EOF"])
    if kind == "chomp":
        return Instr("RUN", ["<<-EOT bash"], body=["\t" + line for line in script] + ["\tEOT"])
    if kind == "quoted":
        return Instr("RUN", ["<<'SCRIPT'"], body=['echo "HOME is $HOME"', "SCRIPT"])
    if kind == "double":
        return Instr("RUN", ['python3 <<"PY"'], body=["import sys", "print(sys.version)", "PY"])
    if kind == "two":
        return Instr("RUN", ["<<FILE1 cat > /etc/app-a.conf && <<FILE2 cat > /etc/app-b.conf"],
                     body=["workers=2", "FILE1", "threads=4", "FILE2"])
    if kind == "fd":
        return Instr("RUN", ["cat /dev/fd/3 > /app/VERSION 3<<EOF"], body=["0.1.0", "EOF"])
    return Instr("RUN", ["--mount=type=cache,target=/root/.cache", "<<EOF"], body=script + ["EOF"])


def _heredoc_copy(spec: Spec) -> Instr:
    conf = ["import multiprocessing", 'bind = "0.0.0.0:8000"', "workers = multiprocessing.cpu_count() * 2 + 1",
            "worker_tmp_dir = \"/dev/shm\""]
    if spec.rng.random() < 0.5:
        return Instr("COPY", ["<<EOF /app/gunicorn.conf.py"], body=conf + ["EOF"])
    return Instr("COPY", ["--chmod=644", "<<conf1 <<conf2 /etc/app/"], body=conf[:2] + ["conf1", "level=info", "conf2"])


# --- rendering --------------------------------------------------------------------------


def _render(instrs: list[Instr], spec: Spec) -> str:
    out: list[str] = []
    for number, instr in enumerate(instrs):
        if number and spec.rng.random() < 0.35:
            out.append("")
        if instr.comment:
            out.extend(instr.comment.split("\n"))
        elif spec.rng.random() < 0.1:
            out.append(spec.rng.choice(["# keep layers small", "#", "   # indented comment", "## note ##"]))
        out.extend(_render_instr(instr, spec))
    if spec.rng.random() < 0.2:
        out.append("# end of file")
    return spec.newline.join(out) + (spec.newline if spec.rng.random() < 0.9 else "")


def _render_instr(instr: Instr, spec: Spec) -> list[str]:
    if not instr.keyword:
        return []
    rng = spec.rng
    head = [f"{_keyword(instr.keyword, spec)} {instr.lines[0]}"]
    indent = rng.choice(["    ", "  ", "\t", "      "])
    for line in instr.lines[1:]:
        head[-1] += f" {spec.escape}" + (rng.choice(TRAILING_BLANKS) if rng.random() < 0.1 else "")
        head.extend(_inside_continuation(rng))
        head.append(indent + line)
    return head + instr.body


def _inside_continuation(rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.12:
        return [rng.choice(["    # why: keep the image small", "# pinned for reproducibility", "\t# tab comment"])]
    if roll < 0.16:
        return [rng.choice(["", "   ", "\t"])]
    return []


def _keyword(keyword: str, spec: Spec) -> str:
    if spec.case == "lower":
        return keyword.lower()
    if spec.case == "mixed":
        return spec.rng.choice([keyword, keyword.lower(), keyword.capitalize()])
    return keyword
