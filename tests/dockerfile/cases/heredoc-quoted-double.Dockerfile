FROM python:3.12-slim
RUN python3 <<"PY"
import sys
print(sys.argv)
PY
