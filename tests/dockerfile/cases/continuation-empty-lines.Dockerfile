FROM python:3.12-slim
RUN apt-get update \

    && apt-get install -y curl \
   
	
    && rm -rf /var/lib/apt/lists/*
USER 1000:1000
