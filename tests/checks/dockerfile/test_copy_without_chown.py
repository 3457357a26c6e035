"""DH402 copy-without-chown: context files copied into a non-root final stage without --chown."""
import pytest
from dockharden.checks.dockerfile import copy_without_chown
from support.lintcase import flagged, rule_tests

PASSES = {
    "root-ownership-stated-by-a-later-chown": """
        FROM python:3.12-slim
        COPY . /app
        RUN chown -R root:root /app && chmod -R a-w /app
        USER 1000:1000
    """,
    "a-folder-of-etc-without-its-slash": """
        FROM python:3.12-slim
        COPY etc /etc/
        USER 1000:1000
    """,
    "build-inputs-in-roots-home": """
        FROM python:3.12-slim
        COPY . /root/
        RUN pip install --no-cache-dir -r /root/requirements.txt
        USER 1000:1000
    """,
    "replaced-by-a-later-copy-of-the-context-with-chown": """
        FROM python:3.12-slim
        WORKDIR /app
        COPY pyproject.toml uv.lock ./
        RUN pip install --no-cache-dir uv && uv sync --no-install-project
        COPY --chown=app . /app
        RUN useradd app
        USER app
    """,
    "removed-by-a-later-run": """
        FROM python:3.12-slim
        COPY requirements.txt /tmp/requirements.txt
        RUN pip install --no-cache-dir -r /tmp/requirements.txt && rm -rf /tmp/requirements.txt
        COPY --chown=1000:1000 . /app
        USER 1000
    """,
    "a-requirements-file-a-later-run-installs-from": """
        FROM python:3.12-slim
        WORKDIR /srv/web
        COPY requirements/deploy.txt ./
        RUN pip install --no-cache-dir -r deploy.txt
        COPY --chown=1000:1000 . .
        USER 1000
    """,
    "installed-from-by-a-python-a-variable-names": """
        FROM registry.access.redhat.com/ubi9
        ENV VIRTUAL_ENV=/srv/venv
        COPY reqs/deploy.txt /tmp/requirements.txt
        RUN PY="${VIRTUAL_ENV}/bin/python3" && ${PY} -m pip install --no-cache-dir -r /tmp/requirements.txt
        USER 1000
    """,
    "constraints-a-later-uv-install-reads": """
        FROM python:3.12-slim
        COPY pins.txt /opt/pins.txt
        RUN uv pip install --system -c /opt/pins.txt flask
        USER 1000
    """,
    "its-folder-removed-by-a-later-run-in-a-child-stage": """
        FROM python:3.12-slim AS base
        WORKDIR /build
        COPY wheels/ wheels/
        FROM base
        RUN pip install --no-cache-dir /build/wheels/*.whl && rm -r /build
        USER 1000
    """,
    "removed-by-a-glob": """
        FROM python:3.12-slim
        COPY req.txt dev.txt /tmp/
        RUN pip install --no-cache-dir -r /tmp/req.txt -r /tmp/dev.txt; rm -f /tmp/*.txt
        USER 1000
    """,
    "removed-after-if-blocks-and-semicolons": """
        FROM python:3.12-slim
        COPY ./install_gpu.sh /tmp/install_gpu.sh
        RUN apt-get update ; apt-get install -y --no-install-recommends curl || exit 1; \\
            if [ "$GPU" = "1" ] ; then /tmp/install_gpu.sh ; fi ; \\
            apt-get clean ; rm -rf /tmp/install_gpu.sh && rm -rf /var/lib/apt/lists/*
        USER 1000
    """,
    "chown-to-the-user": """
        FROM python:3.12-slim
        COPY --chown=1000:1000 . /app
        USER 1000
    """,
    "deliberately-root-owned": """
        FROM python:3.12-slim
        COPY --chown=0:0 . /app
        USER 1000
    """,
    "root-final-stage": """
        FROM python:3.12-slim
        COPY . /app
    """,
    "copy-from-a-stage": """
        FROM python:3.12-slim AS builder
        FROM python:3.12-slim
        COPY --from=builder /opt/venv /opt/venv
        USER 1000
    """,
    "heredoc-copy": """
        FROM python:3.12-slim
        COPY <<EOF /app/config.ini
        [app]
        EOF
        USER 1000
    """,
    "only-in-builder": """
        FROM python:3.12-slim AS builder
        COPY . /src
        USER 1000
        FROM python:3.12-slim
        USER 1000
    """,
    "chowned-later-by-run": """
        FROM python:3.12-slim
        WORKDIR /srv
        COPY . .
        RUN adduser --uid 1000 web && chown -R web:web /srv
        USER 1000
    """,
    "chowned-in-the-parent-stage": """
        FROM python:3.12-slim AS app
        COPY src/ /srv/src/
        RUN chown --recursive 1000 /srv
        FROM app
        USER 1000
    """,
    "system-paths-belong-to-root": """
        FROM python:3.12-slim
        COPY entrypoint.sh /usr/local/bin/entrypoint.sh
        COPY nginx.conf /etc/nginx/conf.d/default.conf
        COPY start.sh /docker-entrypoint.sh
        USER 1000:1000
    """,
    "scripts-a-pattern-copies-to-the-root": """
        FROM python:3.12-slim
        COPY *.sh /
        COPY docker/start-*.py /
        COPY conf/*.yaml /etc/acme/
        USER 1000:1000
    """,
}

FLAGS = {
    "a-chown-of-another-folder-states-nothing-of-this-one": ("""
        FROM python:3.12-slim
        COPY . /app
        COPY conf /srv/conf
        RUN chown -R root:root /srv
        USER 1000:1000
    """, [2]),
    "a-folder-whose-name-starts-like-etc": ("""
        FROM python:3.12-slim
        COPY data /etcetera
        USER 1000:1000
    """, [2]),
    "only-a-part-removed-later": ("""
        FROM python:3.12-slim
        COPY req.txt app.py /srv/
        RUN pip install --no-cache-dir -r /srv/req.txt && rm /srv/req.txt
        USER 1000
    """, [2]),
    "requirements-beside-code-that-is-not-installed-from": ("""
        FROM python:3.12-slim
        WORKDIR /srv/web
        COPY deploy.txt main.py ./
        RUN pip install --no-cache-dir -r deploy.txt
        USER 1000
    """, [3]),
    "installed-from-before-it-is-copied": ("""
        FROM python:3.12-slim
        RUN pip install --no-cache-dir -r /opt/deploy.txt || true
        COPY deploy.txt /opt/deploy.txt
        USER 1000
    """, [3]),
    "removed-only-if-a-setting-says-so": ("""
        FROM python:3.12-slim
        COPY ./ serve
        RUN if [ "$LOCAL" = "false" ]; then rm -rf serve; git clone https://x/serve.git serve; fi
        USER 1000
    """, [2]),
    "removed-only-after-a-failure": ("""
        FROM python:3.12-slim
        COPY setup-gpu.sh /tmp/setup-gpu.sh
        RUN /tmp/setup-gpu.sh || rm -f /tmp/setup-gpu.sh
        USER 1000
    """, [2]),
    "removed-only-in-a-loop-or-group": ("""
        FROM python:3.12-slim
        COPY setup-gpu.sh /tmp/setup-gpu.sh
        RUN for f in a b; do rm -f /tmp/setup-gpu.sh; done; { rm -f /tmp/setup-gpu.sh; }
        USER 1000
    """, [2]),
    "removed-before-it-is-copied": ("""
        FROM python:3.12-slim
        RUN rm -rf /tmp/requirements.txt
        COPY requirements.txt /tmp/requirements.txt
        USER 1000
    """, [3]),
    "copy-after-user": ("""
        FROM python:3.12-slim
        USER 1000
        COPY . /app
    """, [3]),
    "copy-before-user": ("""
        FROM python:3.12-slim
        WORKDIR /app
        COPY requirements/base.txt .
        COPY --chown=1000:1000 . .
        USER 1000
    """, [3]),
    "copy-in-the-parent-stage": ("""
        FROM python:3.12-slim AS base
        COPY . /app
        FROM base
        USER 1000
    """, [2]),
    "chmod-later-leaves-root-as-owner": ("""
        FROM python:3.12-slim
        COPY . /srv
        RUN chmod -R a+rX /srv
        USER 1000
    """, [2]),
    "chown-of-another-folder": ("""
        FROM python:3.12-slim
        COPY . /srv
        RUN mkdir /data && chown -R 1000 /data
        USER 1000
    """, [2]),
    "add-too": ("""
        FROM python:3.12-slim
        ADD app.tar.gz /app/
        USER 1000
    """, [2]),
    "a-pattern-of-the-app's-files-into-its-folder": ("""
        FROM python:3.12-slim
        WORKDIR /srv
        COPY *.py ./
        COPY conf/* /
        USER 1000
    """, [3, 4]),
    "a-folder-at-the-root-is-the-app": ("""
        FROM python:3.12-slim
        COPY src /srv
        COPY config.yaml /usr/local/etc/app.yaml
        USER 1000
    """, [2]),
}

test_passes, test_flagged = rule_tests(copy_without_chown, PASSES, FLAGS)


def test_windows_has_no_chown():
    text = 'FROM python:3.11-windowsservercore\nSHELL ["powershell", "-Command"]\nRUN net user app /add\nUSER app\nCOPY . C:/app\n'
    assert flagged(text, copy_without_chown) == []


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

@pytest.mark.parametrize(("user", "flag"), [("USER 1000:1000", "--chown=1000:1000"), ("USER 1000", "--chown=1000")])
def test_fix_gives_the_final_user_the_files(user, flag):
    text = f"FROM python:3.12-slim\nCOPY . /app\n{user}\n"
    assert fixed(text, copy_without_chown, unsafe=True) == f"FROM python:3.12-slim\nCOPY {flag} . /app\n{user}\n"
    assert fix_of(text, copy_without_chown) == ("unsafe", f"COPY {flag}")


def test_a_later_copy_of_the_context_replaces_only_the_same_paths():
    text = "FROM python:3.12-slim\nWORKDIR /app\nCOPY src/settings.py ./\nCOPY --chown=1000 . /app\nUSER 1000\n"
    assert flagged(text, copy_without_chown) == [("DH402", 3)]


def test_one_file_of_the_context_at_the_root_is_a_start_script(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "httpd-foreground").write_text("#!/bin/sh\n")
    (tmp_path / "app").mkdir()
    text = ("FROM python:3.12-slim\nCOPY ./httpd-foreground /httpd-foreground\nCOPY app /app\n"
            "COPY made-by-a-script /made-by-a-script\nUSER 1000:1000\n")
    assert flagged(text, copy_without_chown, context_dir=tmp_path) == [("DH402", 3), ("DH402", 4)]
    assert flagged(text, copy_without_chown) == [("DH402", 2), ("DH402", 3), ("DH402", 4)]  # no context: nothing known of the sources
