"""DH401 chown-after-copy: RUN chown/chmod -R over files an earlier COPY brought in."""
import pytest
from dockharden.checks.dockerfile import chown_after_copy
from support.lintcase import report, rule_tests

PASSES = {
    "copy-chown": """
        FROM python:3.12-slim
        COPY --chown=1000:1000 . /app
        USER 1000
    """,
    "empty-dir-chowned-before-any-copy": """
        FROM python:3.12-slim
        RUN mkdir -p /app/models /app/data && chown -R 1000:1000 /app/models /app/data
        COPY --chown=1000:1000 . /app
    """,
    "chown-in-another-stage": """
        FROM python:3.12-slim AS builder
        COPY . /src
        FROM python:3.12-slim
        RUN mkdir /src && chown -R 1000 /src
        COPY --from=builder --chown=1000 /src /src
    """,
    "copied-file-does-not-cover-a-sibling-dir": """
        FROM python:3.12-slim
        WORKDIR /app
        COPY requirements.txt .
        RUN mkdir -p /app/models && chown -R 1000 /app/models
    """,
    # the RUN makes the folder itself: a COPY of the folder above it is no sign it holds files
    "folder-the-run-makes-inside-a-copied-tree": """
        FROM python:3.12-slim
        WORKDIR /app
        COPY . .
        RUN mkdir -p chromium-profile && chown -R 1000:1000 chromium-profile
    """,
    "copy-to-another-tree": """
        FROM python:3.12-slim
        COPY --from=python:3.12 /usr/local/lib /usr/local/lib
        RUN mkdir /app && chown -R 1000 /app
    """,
    "not-recursive": """
        FROM python:3.12-slim
        COPY entrypoint.sh /app/
        RUN chown 1000 /app
    """,
    "copied-with-the-same-owner": """
        FROM python:3.12-slim
        COPY --chown=app:app . /app
        RUN chown -R app:app /app
    """,
    "copied-with-the-same-uid-by-name": """
        FROM python:3.12-slim
        RUN useradd -u 1000 app
        COPY --chown=1000:1000 . /app
        RUN chown -R app /app
    """,
    "copied-with-the-same-mode": """
        FROM python:3.12-slim
        COPY --chmod=755 bin /opt/bin
        RUN chmod -R 755 /opt/bin
    """,
    # --from root:root only changes root's files; these were copied as app
    "from-another-owner": """
        FROM python:3.12-slim
        COPY --chown=app:app . /app
        RUN chown --from root:root --changes --recursive app:app /app
    """,
    "workdir-changed-before-the-run": """
        FROM python:3.12-slim
        WORKDIR /srv
        COPY . .
        WORKDIR /app
        RUN chown -R 1000 .
    """,
    "in-a-stage-whose-files-alone-are-copied-on": """
        FROM python:3.12-slim AS static
        COPY static/ /static/
        RUN chmod a+rX-w -R /static
        FROM python:3.12-slim
        COPY --from=static /static/ /static/
    """,
    "cd-before-a-relative-path": """
        FROM python:3.12-slim
        WORKDIR /srv
        COPY pyproject.toml ./
        RUN cd /opt/web && npm install && chown -R 1000 .
    """,
}

FLAGS = {
    "chown-after-copy": ("""
        FROM python:3.12-slim
        WORKDIR /app
        COPY . .
        RUN chown -R app:app /app
    """, [4]),
    "chown-relative-to-workdir": ("""
        FROM python:3.12-slim
        WORKDIR /app
        COPY src/ ./src/
        RUN chown -R 1000 .
    """, [4]),
    "chown-of-a-parent-dir": ("""
        FROM python:3.12-slim
        COPY app /srv/app
        RUN chown -R 1000 /srv
    """, [3]),
    "chown-of-a-copied-subdir": ("""
        FROM python:3.12-slim
        COPY . /app
        RUN chown -R 1000 /app/models
    """, [3]),
    "chmod-recursive": ("""
        FROM python:3.12-slim
        COPY app /app
        RUN chmod -R g+w /app
    """, [3]),
    "combined-and-long-flags": ("""
        FROM python:3.12-slim
        COPY app /app
        RUN chown -hR 1000 /app && chown --recursive 1000 /app/x
    """, [3, 3]),
    "chown-by-reference": ("""
        FROM python:3.12-slim
        COPY app /app
        RUN chown -R --reference=/home/app /app
    """, [3]),
    "copied-file-then-its-dir": ("""
        FROM python:3.12-slim
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt
        RUN useradd -u 1000 app && chown -R app /app
    """, [5]),
    "a-copy-into-the-folder-the-run-makes": ("""
        FROM python:3.12-slim
        COPY . /app
        COPY --from=ghcr.io/org/ext:1 /ext /app/ext/
        RUN mkdir -p /app/ext && chown -R 1000 /app/ext
    """, [4]),
    "reported-on-the-chown-line-of-a-long-run": ("""
        FROM python:3.12-slim
        COPY app /app
        RUN useradd -u 1000 app && \\
            mkdir -p /data && \\
            chown -R app:app /app /data
    """, [5]),
    "one-finding-for-a-command-over-several-copied-targets": ("""
        FROM python:3.12-slim
        COPY app /app
        COPY models /models
        RUN chown -R 1000:1000 /app /models /data
    """, [4]),
    "copies-of-the-parent-stage-count": ("""
        FROM python:3.12-slim AS base
        COPY . /app
        FROM base
        RUN chown -R 1000 /app
    """, [4]),
    # the owner is the first operand, not a path; --from and --changes take their places
    "from-root-and-long-options": ("""
        FROM python:3.12-slim
        COPY . /app
        RUN chown --from root:root --changes --recursive app:app /app
    """, [3]),
    "copied-with-another-owner": ("""
        FROM python:3.12-slim
        COPY --chown=root:root . /app
        RUN chown -R app:app /app
    """, [3]),
    "chgrp": ("""
        FROM python:3.12-slim
        COPY . /app
        RUN chgrp -R 0 /app && chgrp -R app /app
    """, [3]),
    "chown-in-a-heredoc": ("""
        FROM python:3.12-slim
        COPY . /app
        RUN <<EOF
        useradd -u 1000 app
        chown -R app /app
        EOF
    """, [5]),
}

test_passes, test_flagged = rule_tests(chown_after_copy, PASSES, FLAGS)


def test_a_relative_path_after_cd_is_the_folder_cd_went_to():
    text = "FROM python:3.12-slim\nWORKDIR /srv\nCOPY a.json /opt/web/\nRUN cd /opt/web && npm install && chown -R 1000 .\n"
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH401"]
    assert finding.message == "chown -R /opt/web rewrites files copied at line 3; use COPY --chown"


def test_message_names_the_copy_and_spans_the_run():
    (finding,) = [f for f in report(FLAGS["reported-on-the-chown-line-of-a-long-run"][0]).findings if f.rule.code == "DH401"]
    assert finding.message == "chown -R /app rewrites files copied at line 2; use COPY --chown"
    assert (finding.line, finding.end_line) == (5, 5)


def test_the_chmod_variant_suggests_copy_chmod():
    (finding,) = [f for f in report(FLAGS["chmod-recursive"][0]).findings if f.rule.code == "DH401"]
    assert finding.message == "chmod -R /app rewrites files copied at line 2; use COPY --chmod"


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

@pytest.mark.parametrize(("text", "expected"), [
    ("RUN useradd -u 1000 app\nCOPY . /app\nRUN chown -R app:app /app\n",
     "RUN useradd -u 1000 app\nCOPY --chown=app:app . /app\nRUN chown app:app /app\n"),
    # the user is created after the COPY: its IDs, so the COPY never names a user that is not there yet
    ("COPY . /app\nRUN useradd -u 1000 app && chown -R app:app /app\n",
     "COPY --chown=1000:1000 . /app\nRUN useradd -u 1000 app && chown app:app /app\n"),
    ("WORKDIR /app\nCOPY req.txt .\nCOPY . .\nRUN chmod -R 755 /app\n",
     "WORKDIR /app\nCOPY --chmod=755 req.txt .\nCOPY --chmod=755 . .\nRUN chmod 755 /app\n"),
    ("COPY . /app\nRUN chmod -R u+x /app\n", "COPY . /app\nRUN chmod -R u+x /app\n"),  # COPY --chmod takes octal modes
    ("COPY . /app\nRUN useradd app && chown -R app /app\n", "COPY . /app\nRUN useradd app && chown -R app /app\n"),  # no UID known
    ("COPY --chown=1:1 . /app\nRUN chown -Rv 2:2 /app\n", "COPY --chown=1:1 . /app\nRUN chown -Rv 2:2 /app\n"),
])
def test_fix(text, expected):
    assert fixed("FROM python:3.12-slim\n" + text, chown_after_copy) == "FROM python:3.12-slim\n" + expected


def test_the_message_names_the_copy_that_wrote_the_folder_rather_than_one_of_its_parent():
    text = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCOPY --from=ghcr.io/org/ext:1 /ext ext/\nRUN chown -R 1000 ext\n"
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH401"]
    assert finding.message == "chown -R /app/ext rewrites files copied at line 4; use COPY --chown"


# mkdir -p makes the folders above its operand too; a folder an earlier RUN made counts as made.
COPIED_TREE = """
    FROM python:3.12-slim AS build
    RUN python -m venv /app/venv
    FROM python:3.12-slim
    COPY --from=build /app /app
    COPY etc /etc/
"""


@pytest.mark.parametrize(("run", "expected"), [
    ("RUN mkdir -p /app/data/python/customize && touch /app/data/python/customize/models.py && chown -R 1000 /app/data/python", []),
    ("RUN mkdir /app/data/python/customize && chown -R 1000 /app/data/python", [6]),  # without -p the folders above may be copied ones
    ("RUN mkdir -p /app/data/python/customize\nRUN chmod -R 770 /app/data", []),  # an earlier RUN of the stage made it
    ("RUN mkdir -p /app/data/python\nCOPY . /app/\nRUN chmod -R 770 /app/data", [8]),  # a COPY after that RUN may fill it
    ("RUN mkdir -p /app/data\nRUN chmod -R 770 /app/data", []),  # the folder mkdir names
    # the build context may hold static/ with files: only the folder mkdir names is new
    ("COPY . /app/\nRUN mkdir -p /app/static/media && chown -R 1000 /app/static", [7]),
    ("COPY . /app/\nRUN mkdir -p /app/static/media && chown -R 1000 /app/static/media", []),
])
def test_folders_mkdir_makes_hold_no_earlier_copy(run, expected):
    text = COPIED_TREE + "    " + run.replace("\n", "\n    ") + "\n"
    assert [f.line for f in report(text).findings if f.rule.code == "DH401"] == expected


def test_the_message_names_a_folder_that_a_context_copy_fills_before_one_only_a_stage_copy_overlaps():
    text = COPIED_TREE + "    RUN chmod -R 770 /app/cache /etc/supervisor/conf.d\n"
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH401"]
    assert finding.message == "chmod -R /etc/supervisor/conf.d rewrites files copied at line 5; use COPY --chmod"
