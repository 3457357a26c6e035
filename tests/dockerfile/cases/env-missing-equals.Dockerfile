FROM python:3.12-slim
ENV A=1 B
