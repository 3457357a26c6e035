"""DH913 cd-instead-of-workdir: a RUN that starts with cd, where WORKDIR says the same."""
from dockharden.checks.dockerfile import cd_instead_of_workdir
from support.lintcase import rule_tests

PASSES = {
    "workdir": "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir -r requirements.txt\n",
    "cd-into-what-the-run-clones": "FROM python:3.12-slim\nRUN git clone https://x/y.git && cd y && make\n",
    "cd-into-what-the-run-makes": "FROM python:3.12-slim\nRUN mkdir -p /src && cd /src && tar -xf /x.tgz\n",
    "scoped-cd-mid-run": "FROM python:3.12-slim\nRUN curl -o /x https://x && cd /usr/local/bin && ln -s /x y\n",
    "a-second-cd": "FROM python:3.12-slim\nRUN cd /src && make && cd / && rm -rf /src\n",
    "dir-removed-again": "FROM python:3.12-slim\nRUN cd /build && make install && rm -rf /build\n",
    "tmp": "FROM python:3.12-slim\nRUN cd /tmp && curl -O https://x/y.tgz && tar -xf y.tgz\n",
    "mounted": "FROM python:3.12-slim\nRUN --mount=type=cache,target=/downloads cd /downloads && wget -nc https://x/y.deb\n",
    "variable-target": "FROM python:3.12-slim\nRUN cd \"$(mktemp -d)\" && make\n",
    "cd-back": "FROM python:3.12-slim\nRUN cd -\n",
}

FLAGS = {
    "starts-with-cd": ("FROM python:3.12-slim\nRUN cd /app && pip install --no-cache-dir -r requirements.txt\n", [2]),
    "after-activating-a-venv": ("FROM python:3.12-slim\nRUN . /opt/venv/bin/activate && cd server && \\\n    make gen-server\n", [2]),
    "on-the-cds-line": ("FROM python:3.12-slim\nRUN set -eux; \\\n    cd /app; \\\n    python -m compileall .\n", [3]),
}

test_passes, test_flagged = rule_tests(cd_instead_of_workdir, PASSES, FLAGS)
