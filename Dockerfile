# jourfixe as a container: slim Python, a non-root user, the data directory as a volume.
#   docker build -t jourfixe .
#   docker run -d --name jourfixe -e TELEGRAM_BOT_TOKEN=123456:ABC… -v jourfixe-daten:/data jourfixe
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    JOURFIXE_DATA_DIR=/data

# the wheel carries the bundled sources and content (bot/_bundled), so the checkout can go; the
# semantic extra (README) comes with it on x86-64
COPY . /tmp/jourfixe
RUN pip install "/tmp/jourfixe[semantic]" \
    && rm -rf /tmp/jourfixe \
    && useradd --system --create-home --uid 10001 jourfixe \
    && mkdir -p /data \
    && chown jourfixe:jourfixe /data

USER jourfixe
WORKDIR /home/jourfixe
# database, uploaded readings and the daily backups (/data/backups)
VOLUME ["/data"]
CMD ["jourfixe", "run"]
