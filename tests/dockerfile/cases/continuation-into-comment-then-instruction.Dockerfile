FROM python:3.12-slim
ENV A=1 \
# comment
B=2
USER app
