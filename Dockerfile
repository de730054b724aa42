# Havre's image for docker-compose.yml: the package and nothing else. The
# browser bundle is built and committed inside the package, so no Node here.
FROM python:3.12-slim

RUN useradd --system --create-home --home-dir /home/havre havre \
    && mkdir /data && chown havre:havre /data && chmod 700 /data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY havre ./havre
RUN pip install --no-cache-dir . && rm -rf /app/havre

USER havre
ENV HAVRE_DATA_DIR=/data PYTHONDONTWRITEBYTECODE=1
EXPOSE 8000
CMD ["havre", "serve", "--host", "0.0.0.0", "--port", "8000", "--no-workers"]
