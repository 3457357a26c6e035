"""Stages: names, parents, root images, FROM expansion, inheritance and the target."""
import pytest

from dockharden.dockerfile.syntax import ParseError
from support.lintcase import model_of

MULTI = """
    ARG BASE=python:3.12-slim
    FROM ${BASE} AS builder
    RUN python -m venv /opt/venv
    FROM builder AS test
    FROM python:3.12-alpine
    FROM Builder
"""


def test_stage_names_bases_parents_and_root_images():
    model = model_of(MULTI)
    rows = [(s.index, s.name, s.line, s.base, s.parent, s.root_image) for s in model.stages]
    assert rows == [
        (0, "builder", 2, "python:3.12-slim", None, "python:3.12-slim"),
        (1, "test", 4, "builder", 0, "python:3.12-slim"),
        (2, None, 5, "python:3.12-alpine", None, "python:3.12-alpine"),
        (3, None, 6, "Builder", 0, "python:3.12-slim"),
    ]


def test_the_last_stage_is_the_target_by_default():
    model = model_of(MULTI)
    assert (model.target, model.final.index) == (3, 3)


def test_target_by_name_any_case():
    assert model_of(MULTI, target="TEST").final.name == "test"


def test_unknown_target_names_the_file():
    with pytest.raises(ParseError, match="no stage named 'prod'"):
        model_of(MULTI, target="prod")


def test_lineage_walks_the_from_chain_nearest_first():
    model = model_of(MULTI)
    assert [s.index for s in model.lineage(model.stages[1])] == [1, 0]
    assert [s.index for s in model.lineage(model.stages[2])] == [2]


def test_instructions_belong_to_their_stage():
    model = model_of(MULTI)
    assert [i.name for i in model.stages[0].instructions] == ["FROM", "RUN"]
    assert model.stages[0].end_line == 3


def test_from_with_platform_flag_and_unknown_arg():
    model = model_of("""
        ARG TAG
        FROM --platform=$BUILDPLATFORM python:${TAG:-3.12}-slim
        FROM python:$TAG
    """)
    assert [s.base for s in model.stages] == ["python:3.12-slim", "python:"]


def test_no_from_is_a_parse_error_at_the_first_instruction():
    with pytest.raises(ParseError, match="no FROM instruction") as error:
        model_of("""
            ARG X=1
            RUN echo
        """)
    assert error.value.line == 1


def test_user_env_healthcheck_workdir_carry_into_from_stage():
    model = model_of("""
        FROM python:3.12-slim AS base
        ENV HF_HOME=/models
        USER 1000
        WORKDIR /app
        HEALTHCHECK CMD ["python", "-c", "1"]
        FROM base
    """)
    final = model.final
    assert (final.env["HF_HOME"].value, final.user.uid, final.workdir, final.healthcheck.line) == ("/models", 1000, "/app", 5)


def test_nothing_carries_across_from_image():
    model = model_of("""
        FROM python:3.12-slim AS base
        ENV HF_HOME=/models
        USER 1000
        WORKDIR /app
        HEALTHCHECK CMD ["python", "-c", "1"]
        FROM python:3.12-slim
    """)
    final = model.final
    assert (final.env, final.user, final.workdir, final.healthcheck) == ({}, None, "/", None)


def test_args_carry_into_a_stage_built_from_the_stage_but_not_into_the_next():
    # BuildKit: a stage inherits the ARGs of the stage it is based on (Docker's build-variables
    # docs, `FROM stage-a AS stage-c`); a stage FROM an image starts with none.
    model = model_of("""
        FROM python:3.12-slim AS base
        ARG UID=1000
        FROM base AS child
        ARG GID=1000
        FROM python:3.12-slim
    """)
    assert [s.args for s in model.stages] == [{"UID": "1000"}, {"UID": "1000", "GID": "1000"}, {}]


def test_entrypoint_in_child_resets_the_inherited_cmd_but_not_its_own():
    inherited = model_of("""
        FROM python:3.12-slim AS base
        CMD ["serve"]
        FROM base
        ENTRYPOINT ["app"]
    """).final
    own = model_of("""
        FROM python:3.12-slim
        CMD ["serve"]
        ENTRYPOINT ["app"]
    """).final
    assert (inherited.entrypoint.start_line, inherited.cmd) == (4, None)
    assert (own.entrypoint.start_line, own.cmd.start_line) == (3, 2)


def test_copy_from_names_earlier_stages_only():
    model = model_of("""
        FROM python:3.12-slim AS builder
        FROM python:3.12-slim
        COPY --from=builder /a /a
        COPY --from=0 /b /b
        COPY --from=python:3.12 /c /c
        COPY --from=later /d /d
        FROM python:3.12-slim AS later
    """)
    stage = model.stages[1]
    assert [getattr(model.source_stage(c, stage), "index", None) for c in stage.copies] == [0, 0, None, None]


def test_a_frozen_stage_carries_every_field_the_builder_collected():
    model = model_of("""
        FROM python:3.12-slim AS base
        ARG VERSION=1
        ENV PYTHONUNBUFFERED=1
        LABEL org.opencontainers.image.version=$VERSION
        RUN useradd -u 1000 app && apt-get install -y curl
        COPY --chown=app:app . /app
        WORKDIR /app
        USER app
        HEALTHCHECK CMD curl -f http://localhost/
        ENTRYPOINT ["python"]
        CMD ["-m", "app"]
    """)
    stage = model.final
    assert (stage.index, stage.name, stage.line, stage.base, stage.parent, stage.root_image) == (0, "base", 1, "python:3.12-slim", None, "python:3.12-slim")
    assert [i.name for i in stage.instructions] == ["FROM", "ARG", "ENV", "LABEL", "RUN", "COPY", "WORKDIR", "USER", "HEALTHCHECK", "ENTRYPOINT", "CMD"]
    assert (stage.args, list(stage.env), stage.labels) == ({"VERSION": "1"}, ["PYTHONUNBUFFERED"], {"org.opencontainers.image.version": ("$VERSION", 4)})
    assert (stage.user.user, stage.user.uid, stage.healthcheck.line, stage.workdir) == ("app", 1000, 9, "/app")
    assert (stage.entrypoint.start_line, stage.cmd.start_line) == (10, 11)
    assert ([c.dest for c in stage.copies], [r.instruction.start_line for r in stage.runs]) == (["/app"], [5])
    assert ([a.name for a in stage.accounts], [p.packages for p in stage.packages]) == (["app"], [("curl",)])
    assert all(type(getattr(stage, f)) is not list for f in ("instructions", "copies", "runs", "accounts", "packages"))


def test_shipped_stages_are_the_final_lineage_and_stages_nothing_builds_on():
    model = model_of("""
        FROM python:3.12-slim AS toolchain
        FROM toolchain AS wheels
        FROM python:3.12-slim AS base
        FROM base AS cpu
        FROM base AS gpu
        RUN --mount=type=bind,from=wheels,target=/w pip install /w/*
        FROM python:3.12-slim AS venv
        COPY --from=venv /opt/venv /opt/venv
    """)
    by_name = {s.name: s.index for s in model.stages}
    # toolchain and wheels only feed others; cpu is another target; gpu is used by no one either
    assert sorted(model.shipped) == sorted(by_name[n] for n in ("base", "cpu", "gpu", "venv"))
    assert model.stages_used(model.stages[by_name["gpu"]]) == (by_name["wheels"],)


def test_stages_a_platform_variable_names_ship_only_with_the_stage_built_on_them():
    # metaflow-service: the golang stages are only the bases of the goose builder.
    builder = model_of("""
        FROM golang:1.20.2-buster AS amd64-golang
        FROM arm64v8/golang:1.20.2-buster AS arm64-golang
        FROM ${TARGETARCH}-golang AS goose
        RUN go install github.com/pressly/goose/v3/cmd/goose@v3.9.0
        FROM python:3.11-slim
        COPY --from=goose /go/bin/goose /usr/local/bin/
    """)
    assert sorted(builder.shipped) == [3]
    final = model_of("""
        FROM debian:bookworm-slim AS amd64-base
        FROM arm64v8/debian:bookworm-slim AS arm64-base
        FROM python:3.12-slim AS tools
        FROM ${TARGETARCH}-base
        COPY --from=tools /usr/local/bin/tool /usr/local/bin/
    """)
    assert sorted(final.shipped) == [0, 1, 3]


@pytest.mark.parametrize("word", ["${BASE}", "${BASE_ARCH}-base"])
def test_a_from_variable_with_a_value_or_without_text_names_no_stage(word):
    model = model_of(f"""
        ARG BASE_ARCH=x86
        FROM debian:bookworm-slim AS amd64-base
        FROM {word} AS builder
        FROM python:3.12-slim
        COPY --from=builder /out /out
    """)
    assert sorted(model.shipped) == [0, 2]
