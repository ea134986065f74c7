import os

from django.core.wsgi import get_wsgi_application

# Servers run production settings unless told otherwise; manage.py (development) defaults to dev.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()
