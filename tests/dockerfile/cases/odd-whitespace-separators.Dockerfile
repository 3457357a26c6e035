FROM	python:3.12-slim
RUNecho vt
RUNecho ff
RUN 　echo ideographic
COPY --from=a b /x /y
