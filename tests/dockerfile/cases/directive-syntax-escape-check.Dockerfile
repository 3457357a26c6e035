# syntax=docker/dockerfile:1.7
# escape=`
# check=skip=JSONArgsRecommended
FROM python:3.12-slim
RUN pip install `
    fastapi
CMD uvicorn app:app
