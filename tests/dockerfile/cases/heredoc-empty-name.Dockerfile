FROM python:3.12-slim
RUN cat <<"" <<
USER app
