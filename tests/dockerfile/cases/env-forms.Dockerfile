FROM python:3.12-slim
ENV PYTHONUNBUFFERED 1
ENV A=1 B="two words" C='x y' \
    D=4
ENV
ENV E "quoted value"
LABEL a=b c="d e"
LABEL old style value
