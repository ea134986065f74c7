# Image for the web (gunicorn), ws (daphne), worker and scheduler services of docker-compose.yml.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# manage.py in the image (migrate, db_worker, cron jobs) runs production settings too.
ENV DJANGO_SETTINGS_MODULE=config.settings.prod
WORKDIR /app
# pg_dump / pg_restore for manage.py backup and restore (the scheduler's nightly backup).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
RUN useradd --system --create-home linyi \
    && mkdir -p /srv/static /srv/media /srv/private /srv/backups \
    && chown linyi /srv/static /srv/media /srv/private /srv/backups
USER linyi
EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]
