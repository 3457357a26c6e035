"""Whatever the text, lint gives a report or a one-line error, never an exception."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockharden.checks.lint import lint_text

FRAGMENTS = [
    "FROM python:3.12-slim", "FROM builder", "FROM ${BASE:-python:3.12} AS builder", "ARG BASE", "ARG UID=1000",
    "USER ${UID}", "USER root", "USER 0:0", "USER", "ENV A=1 B", "ENV", "ENV X", "HEALTHCHECK NONE",
    "HEALTHCHECK --interval=abc CMD curl x", "HEALTHCHECK CMD", "HEALTHCHECK --retries=-1 CMD [\"python\"]",
    "COPY --chown=1000:1000 . .", "COPY", "COPY --from=0 /a /b", "ADD x", "RUN <<EOF", "EOF", "RUN chown -R",
    "RUN useradd -u", "RUN apk add --virtual", "RUN apt-get install", "CMD [\"a\"", "CMD []", "ENTRYPOINT exec",
    "WORKDIR", "WORKDIR ..", "LABEL", "EXPOSE 80/tcp 99999", "ONBUILD", "ONBUILD RUN <<X", "X", "\\", "`", "# dockharden ignore=",
    "# dockharden ignore=DH101,,", "# escape=`", "RUN a && b || c ; d | e & (f) {g}", "RUN 'unterminated",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=25))
def test_lint_never_raises(lines):
    report = lint_text("\n".join(lines), "Dockerfile")
    assert (report.error is None) or ("\n" not in report.error)
    assert report.error is not None or len(report.patterns) == 8
