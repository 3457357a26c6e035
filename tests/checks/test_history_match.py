"""history_match.made_by: each history step's instruction, for hand-written histories in
the classic builder's and BuildKit's forms (the engine-built ones are in
tests/checks/test_image_at_dockerfile_engine.py)."""
from __future__ import annotations

from dockharden.dockerfile.model import Model
from dockharden.checks.history_match import EXACT, SAME_KEYWORD, align, assigned_names, made_by, signature
from dockharden.checks.lint import check_text
from dockharden.core.settings import Settings

MULTI_STAGE = """\
FROM python:3.12-slim AS builder
ARG A=1
RUN echo builder > /b
FROM builder
ARG B=2
ENV X=1 Y="two words"
WORKDIR /app
COPY app.py /app/
COPY --chown=1000:1000 . /app
RUN chown -R 1000 /app && \\
    echo $A $B
USER 1000:1000
HEALTHCHECK --interval=30s CMD ["python3", "-c", "print(1)"]
RUN ["echo", "exec"]
CMD python3 app.py
"""
# A base image's own steps first, as python:3.12-slim's history has them.
BASE = ["/bin/sh -c #(nop) ADD file:4d1b in / ", '/bin/sh -c #(nop)  CMD ["bash"]', "ENV PATH=/usr/local/bin:/usr/bin",
        "ENV LANG=C.UTF-8", "RUN /bin/sh -c set -eux; apt-get update # buildkit", "ENV PYTHON_VERSION=3.12.4",
        "RUN /bin/sh -c set -eux; wget python.tar.xz # buildkit", 'CMD ["python3"]']
BUILDKIT = [
    "ARG A=1", "RUN |1 A=1 /bin/sh -c echo builder > /b # buildkit", "ARG B=2", "ENV X=1 Y=two words", "WORKDIR /app",
    "COPY app.py /app/ # buildkit", "COPY . /app # buildkit",
    "RUN |1 B=2 /bin/sh -c chown -R 1000 /app &&     echo $A $B # buildkit", "USER 1000:1000",
    'HEALTHCHECK &{["CMD" "python3" "-c" "print(1)"] "30s" "0s" "0s" \'\\x00\'}', "RUN |1 B=2 echo exec # buildkit",
    'CMD ["/bin/sh" "-c" "python3 app.py"]',
]
CLASSIC = [
    "/bin/sh -c #(nop)  ARG A=1", "|1 A=1 /bin/sh -c echo builder > /b", "/bin/sh -c #(nop)  ARG B=2",
    "/bin/sh -c #(nop)  ENV X=1 Y=two words", "/bin/sh -c #(nop) WORKDIR /app", "/bin/sh -c #(nop) COPY file:3594 in /app/ ",
    "/bin/sh -c #(nop) COPY --chown=1000:1000dir:83fc in /app ", "|1 B=2 /bin/sh -c chown -R 1000 /app &&     echo $A $B",
    "/bin/sh -c #(nop)  USER 1000:1000",
    '/bin/sh -c #(nop)  HEALTHCHECK &{["CMD" "python3" "-c" "print(1)"] "30s" "0s" "0s" \'\\x00\'}', "|1 B=2 echo exec",
    '/bin/sh -c #(nop)  CMD ["/bin/sh" "-c" "python3 app.py"]',
]
# The line of each step's instruction: the builder stage's, then the final stage's (FROM builder).
LINES = [2, 3, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15]


def model(text: str, target: str | None = None) -> Model:
    report, parsed = check_text(text, "Dockerfile", settings=Settings(target=target))
    assert parsed is not None, report.error
    return parsed


def lines(history: list[str], dockerfile: Model) -> list[int | None]:
    return [None if i is None else i.start_line for i in made_by(history, dockerfile)]


def test_buildkit_steps_after_the_base_image():
    assert lines(BASE + BUILDKIT, model(MULTI_STAGE)) == [None] * len(BASE) + LINES


def test_classic_builder_steps_after_the_base_image():
    assert lines(BASE + CLASSIC, model(MULTI_STAGE)) == [None] * len(BASE) + LINES


def test_a_multi_line_run_spans_its_lines():
    run = made_by(BASE + BUILDKIT, model(MULTI_STAGE))[len(BASE) + 7]
    assert (run.start_line, run.end_line) == (10, 11)


def test_an_image_from_scratch_and_a_docker_import_base():
    assert lines(BUILDKIT, model(MULTI_STAGE)) == LINES
    assert lines([""] + CLASSIC, model(MULTI_STAGE)) == [None] + LINES


def test_a_builder_that_records_no_arg_step_leaves_the_arg_unmatched():
    without_args = [step for step in BUILDKIT if not step.startswith("ARG ")]
    assert lines(BASE + without_args, model(MULTI_STAGE)) == [None] * len(BASE) + [3, 6, 7, 8, 9, 10, 12, 13, 14, 15]


def test_values_the_builder_expanded_still_match_by_keyword():
    dockerfile = model("FROM python:3.12-slim\nARG UID=1000\nWORKDIR $HOME/app\nUSER ${UID}\nCMD [\"python3\"]\n")
    history = BASE + ["ARG UID=1000", "WORKDIR /root/app", "USER 1000", 'CMD ["python3"]']
    assert lines(history, dockerfile) == [None] * len(BASE) + [2, 3, 4, 5]


def test_the_base_image_steps_that_look_like_the_dockerfiles_are_left_to_the_base():
    dockerfile = model("FROM python:3.12-slim\nENV LANG=C.UTF-8\nRUN set -eux; apt-get update\nCMD [\"python3\"]\n")
    history = BASE + ["ENV LANG=C.UTF-8", "RUN /bin/sh -c set -eux; apt-get update # buildkit", 'CMD ["python3"]']
    assert lines(history, dockerfile) == [None] * len(BASE) + [2, 3, 4]


def test_only_the_target_stage_and_its_parents_built_the_image():
    text = "FROM python:3.12-slim AS build\nRUN make\nFROM python:3.12-slim AS runtime\nCOPY --from=build /out /app\nUSER 1000\n"
    history = BASE + ["COPY /out /app # buildkit", "USER 1000"]
    assert lines(history, model(text)) == [None] * len(BASE) + [4, 5]
    assert lines(BASE + ["RUN /bin/sh -c make # buildkit"], model(text, target="build")) == [None] * len(BASE) + [2]


def test_an_onbuild_trigger_of_the_base_is_not_taken_for_an_instruction():
    dockerfile = model("FROM python:3.12-onbuild\nUSER 1000\n")
    history = BASE + ["/bin/sh -c #(nop)  ONBUILD COPY . /app", "COPY . /app # buildkit", "USER 1000"]
    assert lines(history, dockerfile) == [None] * (len(BASE) + 2) + [2]


def test_signatures_compare_what_both_builders_record():
    assert signature("COPY", "file:3594 in /app/") == signature("COPY", "app.py /app") == ("COPY", "/app")
    assert signature("ADD", "file:0123 in / ") == ("ADD", "/")
    assert signature("RUN", "chown -R 1000 /app &&     echo $A") == ("RUN", "chown -R 1000 /app && echo $A")
    assert signature("EXPOSE", "map[8000/tcp:{}]") == ("EXPOSE", None)
    assert assigned_names('X=1 Y="two words"') == assigned_names("X=1 Y=two words") == {"X", "Y"}
    assert assigned_names("X 1") == assigned_names("X") == {"X"}


def test_alignment_prefers_exact_pairs_and_never_pairs_other_keywords():
    steps = [("RUN", "a"), ("RUN", "b"), ("USER", "1")]
    assert align(steps, [("RUN", "b"), ("USER", "2")]) == [(1, 0), (2, 1)]
    assert align([("CMD", None)], [("ENTRYPOINT", None)]) == []
    assert (EXACT, SAME_KEYWORD) == (3, 1)
