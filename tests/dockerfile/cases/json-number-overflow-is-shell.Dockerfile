FROM python:3.12-slim
CMD [1e999]
RUN [NaN]
