FROM python:3.12-slim
COPY --chown="app a b
