FROM python:3.12-slim
RUN pip install \
# a column-0 comment
    fastapi \
    # an indented comment \
    uvicorn
CMD ["uvicorn", "app:app"]
