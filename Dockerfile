# Image for the web (daphne) and worker services of docker-compose.yml.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# manage.py in the image (migrate, db_worker, cron jobs) runs production settings too.
ENV DJANGO_SETTINGS_MODULE=config.settings.prod
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
RUN useradd --system --create-home linyi && mkdir -p /srv/media && chown linyi /srv/media
USER linyi
EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "config.asgi:application"]
