# syntax=docker/dockerfile:1
FROM python:3.12-slim
ENV A=1
USER app
CMD ["python"]
