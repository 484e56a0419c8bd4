# One image for web, worker and beat; docker-compose.yml picks the command.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
RUN useradd --create-home --uid 1000 talenthub

COPY requirements/base.lock requirements/base.lock
RUN pip install --require-hashes -r requirements/base.lock

COPY . .
# collectstatic needs settings that import; the real key comes from the environment at run time.
RUN DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost SITE_URL=http://localhost \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media \
    && chown -R talenthub:talenthub /app/var

USER talenthub
EXPOSE 8000
# gunicorn reads WEB_CONCURRENCY for its number of worker processes.
CMD ["gunicorn", "talenthub.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
