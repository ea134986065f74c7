import os

from django.core.wsgi import get_wsgi_application

# Servers run production settings unless told otherwise; manage.py (development) defaults to dev.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
django_application = get_wsgi_application()


def application(environ, start_response):
    """gunicorn behind nginx: nginx sets X-Forwarded-For to the client's address (never appending
    what the client sent, deploy/nginx.conf), so the app sees that address as REMOTE_ADDR, as
    daphne's --proxy-headers does for the WebSocket side."""
    forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        environ["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
    return django_application(environ, start_response)
