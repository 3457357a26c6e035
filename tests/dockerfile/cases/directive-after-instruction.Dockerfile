FROM python:3.12-slim
# escape=`
RUN echo a \
 b
