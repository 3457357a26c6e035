FROM python:3.12-slim
ONBUILD COPY --from=builder --chown=1000:1000 /opt/venv /opt/venv
ONBUILD RUN ["echo", "x"]
