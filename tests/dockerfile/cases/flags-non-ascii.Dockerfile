FROM python:3.12-slim
COPY --chown=josé:équipe app /app
