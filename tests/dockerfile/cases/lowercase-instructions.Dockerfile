from python:3.12-slim as builder
run pip install uv
from python:3.12-slim
copy --from=builder /usr/local /usr/local
user 1000:1000
healthcheck cmd ["python", "-V"]
cmd ["python"]
RuN echo mixed
