FROM python:3.12-slim
CMD []
ENTRYPOINT    [ "tini" , "--" ]
SHELL ["/bin/bash", "-c"]
VOLUME ["/data", "/models"]
