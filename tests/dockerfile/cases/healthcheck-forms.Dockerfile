FROM python:3.12-slim
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["python", "-c", "print(1)"]
HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1
HEALTHCHECK NONE
healthcheck	CMD	["x"]
