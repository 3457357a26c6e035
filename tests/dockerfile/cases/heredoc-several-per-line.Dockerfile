FROM python:3.12-slim
RUN <<FILE1 cat > /file1 && <<FILE2 cat > /file2
I am
first
FILE1
I am
second
FILE2
RUN cat /file1 /file2
