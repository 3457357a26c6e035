# foo=bar
# escape=`
FROM python:3.12-slim
RUN echo a `
 b
