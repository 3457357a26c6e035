"""DH910 pipe-without-pipefail: a pipeline whose left side can fail, without pipefail."""
import pytest

from dockharden.checks.dockerfile import pipe_without_pipefail
from support.lintcase import flagged, report, rule_tests

PASSES = {
    "no-pipe": "FROM python:3.12-slim\nRUN curl -fsSLo /tmp/x https://example.com/x || true\n",
    "pipefail-in-shell": 'FROM python:3.12-slim\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN curl -fsSL https://x | sh\n',
    "pipefail-in-the-parent-stages-shell": """
        FROM python:3.12-slim AS base
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        FROM base
        RUN curl -fsSL https://x | sh
    """,
    "set-o-pipefail-first": "FROM python:3.12-alpine\nRUN set -euo pipefail; wget -qO- https://x | sh\n",
    "echo-cannot-fail": 'FROM python:3.12-slim\nRUN src="$(echo "$src" | tr A-Z a-z)" && echo "$SHA  x.tgz" | sha256sum -c -\n',
    "printf-and-cat-heredoc": "FROM python:3.12-slim\nRUN printf 'a\\n' | sort && cat <<EOF | sh\necho hi\nEOF\n",
    "seq-cannot-fail": "FROM python:3.12-slim\nRUN seq 2 7 | xargs -I{} mkdir -p /usr/share/man/man{} && apt-get update\n",
    "yes-pipefail-would-break": "FROM ubuntu:22.04\nRUN yes | dpkg -i /tmp/x.deb\n",
    "head-stops-reading-early": "FROM ubuntu:22.04\nRUN find / -name '*.so' | head -1 && dpkg -l | grep -q libssl\n",
    "substitution-in-a-commands-words": 'FROM debian:12\nRUN chmod g+w "$(python3 -c \'print(1)\' | tr -d x)/list.json"\n',
    "substitution-in-an-echo": 'FROM debian:12\nRUN echo "version: $(git describe --tags | sed s/^v//)" > /VERSION\n',
    "case-patterns": 'FROM debian:12\nRUN case "$(uname -m)" in arm64|aarch64) a=arm ;; *) a=x86 ;; esac\n',
    "or-is-no-pipe": "FROM debian:12\nRUN test -f x || exit 1\n",
    "heredoc-body-is-data": "FROM debian:12\nRUN cat <<EOF > /etc/motd\ncurl x | sh\nEOF\n",
    "exec-form-program": 'FROM debian:12\nRUN ["python", "-c", "print(1 | 2)"]\n',
    "powershell": 'FROM python:3.12\nSHELL ["powershell", "-Command"]\nRUN Get-Content x | Out-File y\n',
    "windows-image": "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN type x | findstr y\n",
    # cat of files an earlier COPY put in the image cannot fail
    "cat-of-a-copied-key": "FROM debian:12\nCOPY repo.gpg.key /tmp/repo.gpg.key\nRUN cat /tmp/repo.gpg.key | gpg --dearmor -o /k.gpg\n",
    "cat-of-files-copied-into-the-workdir": "FROM debian:12\nWORKDIR /src\nCOPY a.txt b.txt ./\nRUN cat -n a.txt ../src/b.txt | sort -u > /all\n",
    "cat-of-a-file-the-parent-stage-copied": """
        FROM debian:12 AS base
        COPY repo.gpg.key /tmp/
        FROM base
        RUN cat /tmp/repo.gpg.key | gpg --dearmor -o /k.gpg
    """,
}

FLAGS = {
    "curl-sh": ("FROM python:3.12-slim\nRUN curl -fsSL https://astral.sh/uv/install.sh | sh\n", [2]),
    "on-the-pipelines-line": ("""
        FROM python:3.12-slim
        RUN apt-get update && \\
            curl -fsSL https://x | sh
    """, [3]),
    "pipe-inside-a-substitution": ('FROM debian:12\nRUN v="$(curl -fsSL https://x/version | cut -d. -f1)"\n', [2]),
    "pipefail-only-on-a-later-line": ("FROM debian:12\nRUN curl x | sh && \\\n    set -o pipefail\n", [2]),
    "heredoc-script": ("FROM debian:12\nRUN <<EOF\nset -eux\nwget -qO- https://x | sh\nEOF\n", [4]),
    "one-finding-per-run": ("FROM debian:12\nRUN curl a | sh && curl b | sh\n", [2]),
    "bash-without-pipefail": ('FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl x | sh\n', [3]),
    "cat-of-a-file-copied-later": ("FROM debian:12\nRUN cat /tmp/repo.gpg.key | gpg --dearmor -o /k.gpg\nCOPY repo.gpg.key /tmp/repo.gpg.key\n", [2]),
    "cat-of-a-copied-file-and-another": ("FROM debian:12\nCOPY a.txt /src/a.txt\nRUN cat /src/a.txt /etc/b.txt | sort\n", [3]),
    "cat-of-a-file-in-a-copied-folder": ("FROM debian:12\nCOPY keys/ /tmp/keys/\nRUN cat /tmp/keys/repo.key | gpg --dearmor -o /k.gpg\n", [3]),
    "cat-of-files-a-pattern-copied": ("FROM debian:12\nCOPY *.key /tmp/\nRUN cat /tmp/repo.key | gpg --dearmor -o /k.gpg\n", [3]),
    "cat-of-a-file-another-stage-copied": ("""
        FROM debian:12 AS other
        COPY repo.gpg.key /tmp/repo.gpg.key
        FROM debian:12
        RUN cat /tmp/repo.gpg.key | gpg --dearmor -o /k.gpg
    """, [4]),
    "cat-reading-its-input": ("FROM debian:12\nCOPY a.txt /a.txt\nRUN cat < /a.txt | sh\n", [3]),
    "a-copied-file-then-curl": ("FROM debian:12\nCOPY a.txt /a.txt\nRUN cat /a.txt | curl -d @- https://x | sh\n", [3]),
}

test_passes, test_flagged = rule_tests(pipe_without_pipefail, PASSES, FLAGS)


@pytest.mark.parametrize("text, fix", [
    ("FROM python:3.12-slim-bookworm\nRUN curl x | sh\n", '/bin/sh is dash here, without pipefail before Debian 13 and Ubuntu 25.04: put SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN'),
    ("FROM python:3.12-alpine\nRUN wget -qO- x | sh\n", "/bin/sh is busybox ash here, which has pipefail (bash is not installed)"),
    ("FROM almalinux:9\nRUN curl x | sh\n", "/bin/sh is bash here: start the RUN with `set -o pipefail &&`"),
    ("FROM example.com/base:1\nRUN curl x | sh\n", "start the RUN with `set -o pipefail &&` (bash, busybox ash, dash from Debian 13)"),
    ('FROM debian:12\nSHELL ["/usr/bin/zsh", "-c"]\nRUN curl x | sh\n', 'add -o pipefail to SHELL: SHELL ["/usr/bin/zsh", "-o", "pipefail", "-c"]'),
])
def test_the_fix_is_the_one_the_images_shell_takes(text, fix):
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH910"]
    assert finding.message.startswith("`curl | sh` hides a failure on its left: " if "curl" in text else "`wget | sh` hides")
    assert fix in finding.message


@pytest.mark.parametrize("text", [
    "FROM debian:12\nRUN if [ \"$M\" = 1 ]; then grep -rl x /etc/apt/ | xargs sed -i s/a/b/; fi; apt-get update\n",
    "FROM debian:12\nRUN curl x | sh; echo done\n",
    "FROM debian:12\nRUN G=$(getent group 1000 | cut -d: -f1 || echo \"\"); \\\n    [ -n \"$G\" ] || groupadd -g 1000 app\n",
    "FROM debian:12\nRUN <<EOF\ncurl x | sh\necho done\nEOF\n",
    "FROM debian:12\nRUN set -e; ls /x/*.so | grep -v y | xargs -r rm -f || true\n",
    "FROM debian:12\nRUN ( cd /x && ls lib*.so 2>/dev/null | grep -v y | xargs -r rm -f ) || true && rm -rf /y\n",
    'FROM debian:12\nRUN missing="$(ldd /x.so | awk \'/not found/ { print $1 }\' | grep -v -x libc.so || true)" && test -z "$missing"\n',
    'FROM alpine:3.21\nRUN arch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')" && wget -O /x "$arch" && command -v gpgconf && gpgconf --kill all || true && rm -rf /tmp/x\n',
])
def test_passes_a_pipeline_whose_status_nothing_looks_at(text):
    assert flagged(text, pipe_without_pipefail) == []


@pytest.mark.parametrize("text, line", [
    ("FROM debian:12\nRUN set -eux; curl x | sh; echo done\n", 2),
    ("FROM debian:12\nRUN if [ -n x ]; then curl x | sh; fi && echo done\n", 2),
    ("FROM debian:12\nRUN for u in a b; do curl $u | sh; done\n", 2),
    ('FROM debian:12\nSHELL ["/bin/bash", "-e", "-c"]\nRUN curl x | sh; echo done\n', 3),
    ("FROM debian:12\nRUN <<EOF\nset -e\ncurl x | sh\necho done\nEOF\n", 4),
    ("FROM debian:12\nRUN curl x | sh || true_or_not\n", 2),
    ("FROM debian:12\nRUN ( curl x | sh ) || exit 1\n", 2),
    ("FROM debian:12\nRUN curl x | sh && echo ok || exit 1\n", 2),
    ("FROM debian:12\nRUN curl x | sh && echo ok; cat /x || true\n", 2),
])
def test_flags_a_pipeline_whose_status_is_looked_at(text, line):
    assert flagged(text, pipe_without_pipefail) == [("DH910", line)]


UPGRADE_ALL = "pip list --format freeze | grep -v '^-e' | cut -d= -f1"


@pytest.mark.parametrize("last", [
    "xargs python -m pip install --upgrade",
    "xargs -n1 pip3 install -U",  # -n runs it once with no input too
    "xargs -0 pip uninstall -y",
    "xargs --max-procs 2 /opt/venv/bin/pip install --no-cache-dir",
])
def test_info_on_xargs_running_pip_that_fails_with_no_requirement(last):
    # a failure on the left leaves xargs no input: it still runs pip, which exits 1
    text = f"FROM python:3.12-slim\nWORKDIR /app\nRUN {UPGRADE_ALL} \\\n    | {last}\n"
    assert anyway(text) == [(3, "xargs still runs pip once, with no requirement, and pip exits 1")]


@pytest.mark.parametrize("last", [
    "xargs -r pip install --upgrade",  # no input, no run: the build goes on
    "xargs --no-run-if-empty pip install -U",
    "xargs -I{} pip install {}",  # runs once per input line: none
    "xargs pip install -r requirements.txt",  # has requirements of its own
    "xargs pip install -e .",
    "xargs pip install wheel",
    "xargs pip download -d /wheels",  # not install or uninstall
    "xargs rm -f",  # rm -f with no operand exits 0
    "xargs -j4 pip install -U",  # an option xargs does not have: not read
])
def test_flags_xargs_whose_command_may_succeed_with_no_input(last):
    text = f"FROM python:3.12-slim\nWORKDIR /app\nRUN {UPGRADE_ALL} \\\n    | {last}\n"
    assert [(f.line, f.end_line, f.rule.severity.name) for f in report(text).findings if f.rule.code == "DH910"] == [(3, 4, "WARNING")]


@pytest.mark.parametrize("pipe, program", [
    ("curl -fsSL https://example.com/k.asc | gpg --dearmor -o /usr/share/keyrings/k.gpg", "gpg"),
    ("wget -qO - https://example.com/k.asc | gpg --batch --yes --dearmor --output /usr/share/keyrings/k.gpg", "gpg"),
    ("curl -fsSL https://example.com/k.asc | gpg --dearmor > /etc/apt/trusted.gpg.d/k.gpg", "gpg"),
    ("curl -fsSL https://example.com/k.asc | gpg --import", "gpg"),
    ("curl -sS https://example.com/k.asc | apt-key add -", "apt-key"),
])
def test_info_on_a_key_read_from_a_download_which_fails_on_empty_or_cut_input(pipe, program):
    assert anyway(f"FROM debian:12\nRUN {pipe} && apt-get update\n") == [
        (2, f"{program} exits non-zero on the empty or cut input a failed left side leaves")]


@pytest.mark.parametrize("pipe", [
    "curl -fsSL https://example.com/k.asc | gpg --dearmor /tmp/other.asc",  # reads a file of its own
    "curl -fsSL https://example.com/k.asc | gpg --enarmor",  # armours anything, empty input too
    "curl -fsSL https://example.com/k.asc | apt-key add /tmp/k.asc",
])
def test_flags_a_key_command_that_does_not_read_the_download(pipe):
    text = f"FROM debian:12\nRUN {pipe} && apt-get update\n"
    assert [(f.line, f.rule.severity.name) for f in report(text).findings if f.rule.code == "DH910"] == [(2, "WARNING")]


@pytest.mark.parametrize("pipe", [
    "unzip -p /tmp/a.zip a/b.tgz | tar -xvz -C /opt",
    "curl -sSL https://example.com/x.tgz | tar xz",
    "curl -sSL https://example.com/x.tar.xz | tar -xJf - -C /opt",
    "curl -sSL https://example.com/x.tar | tar --zstd -x",
    "curl -sSL https://example.com/x.gz | gunzip > /opt/x",
    "curl -sSL https://example.com/x.xz | xz -dc > /opt/x",
    "curl -sSL https://example.com/x.tgz | tee /tmp/x.tgz | tar --extract --gzip",  # what reaches tar is cut as well
])
def test_info_on_a_decompressor_that_fails_on_the_empty_or_cut_input_of_a_failed_download(pipe):
    program = pipe.rsplit("| ", 1)[1].split()[0]
    assert anyway(f"FROM debian:12\nRUN {pipe} && rm -f /tmp/a.zip\n") == [
        (2, f"{program} exits non-zero on the empty or cut input a failed left side leaves")]


@pytest.mark.parametrize("pipe", [
    "curl -sSL https://example.com/x.tar | tar -x -C /opt",  # uncompressed: GNU tar refuses an empty archive, busybox's is not known to
    "curl -sSL https://example.com/x.tgz | tar -xzf /tmp/other.tgz",  # reads a file, not the pipe
    "curl -sSL https://example.com/x.gz | gzip > /opt/x.gz",  # compresses: empty input is fine
    "curl -sSL https://example.com/x.gz | gunzip | tar -x",  # the last command is not the decompressor
    "find /opt -name '*.so' | tar -czf /tmp/libs.tgz -T -",  # creates: a cut list of names is archived
])
def test_flags_a_right_side_that_takes_empty_input(pipe):
    assert flagged(f"FROM debian:12\nRUN {pipe} && rm -f /tmp/a.zip\n", pipe_without_pipefail) == [("DH910", 2)]


POETRY = "FROM python:3.12-slim\nRUN curl -sSL https://install.python-poetry.org | POETRY_HOME=/opt/poetry python3 -\nENV PATH=/opt/poetry/bin:$PATH\n"


@pytest.mark.parametrize("later", [
    'RUN echo "Poetry version:" && poetry --version\n',
    "COPY pyproject.toml /app/\nRUN cd /app && poetry install --no-root\n",
])
def test_info_on_an_install_script_whose_program_a_later_run_of_the_stage_runs(later):
    """A failed download leaves no poetry, and the later RUN fails the build with "poetry: not found"."""
    line = (POETRY + later).count("\n")
    assert anyway(POETRY + later) == [(2, f"line {line} runs poetry, which the downloaded script installs")]


@pytest.mark.parametrize("later", [
    "RUN poetry --version || true\n",  # the failure is let through
    "RUN poetry --version; echo done\n",
    "RUN pip --version\n",  # not the installed program
    "FROM python:3.12-slim\nRUN poetry --version\n",  # another stage, without it
    "COPY --from=acme/tools:1 /opt/bin/poetry /usr/local/bin/\nRUN poetry --version\n",  # poetry comes from elsewhere too
    "RUN pip install --no-cache-dir poetry==1.8.4\nRUN poetry --version\n",
])
def test_flags_an_install_script_whose_program_no_later_run_surely_runs(later):
    assert flagged(POETRY + later, pipe_without_pipefail) == [("DH910", 2)]


def test_info_on_rustup_whose_cargo_a_later_run_runs():
    text = "FROM debian:12\nRUN curl -sSf https://sh.rustup.rs | sh -s -- -y\nRUN /root/.cargo/bin/cargo install ripgrep\n"
    assert anyway(text) == [(2, "line 3 runs cargo, which the downloaded script installs")]


NVM = "curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.40.1/install.sh | bash"


@pytest.mark.parametrize("run, how", [
    (f'RUN {NVM} \\\n    && . "$NVM_DIR/nvm.sh" \\\n    && nvm install 22', ". nvm.sh"),  # sourcing the file it installs fails
    (f"RUN apt-get update && {NVM} && source /root/.nvm/nvm.sh && nvm use 22", "source nvm.sh"),
    (f"RUN {NVM} && export NVM_DIR=/root/.nvm && nvm install 22 >/dev/null", "nvm"),
    ("RUN curl -sSL https://install.python-poetry.org | python3 - && poetry config virtualenvs.create false", "poetry"),
])
def test_info_on_an_install_script_whose_program_the_same_and_list_runs(run, how):
    text = f"FROM debian:12\nENV NVM_DIR=/root/.nvm\n{run}\n"
    assert anyway(text) == [(3, f"{how} later in the same && list needs what the downloaded script installs, and fails without it")]


@pytest.mark.parametrize("run", [
    f'RUN {NVM} && echo nvm install 22',  # only words of a command
    f'RUN {NVM} && . "$NVM_DIR/nvm.sh" && nvm install 22 || echo "no node"',  # || lets the failure through
    f'RUN {NVM} && nvm install 22; echo done',  # the RUN's status is echo's
    f'RUN {NVM} && . "$NVM_DIR/other.sh"',  # not a file of what it installs
    f'RUN . "$NVM_DIR/nvm.sh" && nvm install 22 && {NVM}',  # before the download, not after
    f'RUN {NVM} && if [ -s "$NVM_DIR/nvm.sh" ]; then . "$NVM_DIR/nvm.sh"; fi',  # a test lets the failure through
    "RUN curl -sSL https://example.com/install.sh | sh && nvm install 22",  # an unknown script
])
def test_flags_an_install_script_whose_program_the_same_list_does_not_surely_run(run):
    assert flagged(f"FROM debian:12\nENV NVM_DIR=/root/.nvm\n{run}\n", pipe_without_pipefail) == [("DH910", 3)]


def test_a_run_with_a_pipeline_that_hides_a_failure_and_one_that_fails_anyway_gets_the_warning():
    text = "FROM debian:12\nRUN curl -sSL https://example.com/x.tgz | tar -xz && curl -sSL https://example.com/i.sh | sh\n"
    assert [(f.line, f.rule.severity.name) for f in report(text).findings if f.rule.code == "DH910"] == [(2, "WARNING")]


def anyway(text):
    """(line, how the build fails anyway) of each DH910 finding, which must be at info."""
    found = [f for f in report(text).findings if f.rule.code == "DH910"]
    assert all(f.rule.severity.name == "INFO" for f in found), [f.message for f in found]
    return [(f.line, f.message.partition("(info: the build fails anyway: ")[2].removesuffix(")")) for f in found]


def test_flags_an_install_script_whose_program_only_an_earlier_run_runs():
    text = "FROM python:3.12-slim\nRUN poetry --version\nRUN curl -sSL https://install.python-poetry.org | python3 -\n"
    assert flagged(text, pipe_without_pipefail) == [("DH910", 3)]


def test_flags_an_install_script_of_unknown_programs():
    assert flagged("FROM debian:12\nRUN curl -sSL https://example.com/install.sh | sh\nRUN poetry --version\n", pipe_without_pipefail) == [("DH910", 2)]
