FROM python:3.12-slim
LABEL description=a\ b version=1
LABEL key="multi word" other=x
