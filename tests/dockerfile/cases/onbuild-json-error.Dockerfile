FROM python:3.12-slim
ONBUILD CMD [1, 2]
