ARG BASE=python:3.12-slim
ARG UID=1000
FROM ${BASE} AS base
ENV PYTHONUNBUFFERED=1
FROM base AS builder
RUN python -m venv /opt/venv
FROM base AS final
ARG UID
COPY --from=builder /opt/venv /opt/venv
USER ${UID}
CMD ["python"]
