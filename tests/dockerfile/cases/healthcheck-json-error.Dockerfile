FROM python:3.12-slim
HEALTHCHECK CMD ["a", true]
