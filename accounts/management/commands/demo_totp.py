from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User

DEMO_DOMAIN = "@demo.linyi"


class Command(BaseCommand):
    help = "Print the current two-step verification code of a demo account (@demo.linyi only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        import time

        from allauth.mfa import app_settings

        if not email.lower().endswith(DEMO_DOMAIN):
            raise CommandError(f"only demo accounts ({DEMO_DOMAIN}) have printable codes")
        authenticator = Authenticator.objects.filter(
            user__in=User.objects.filter(email__iexact=email), type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{email} has no authenticator; run `manage.py load_demo` first")
        secret = decrypt(authenticator.data["secret"])
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
