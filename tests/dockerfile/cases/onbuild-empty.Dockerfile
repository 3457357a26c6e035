FROM python:3.12-slim
ONBUILD
onbuild  
