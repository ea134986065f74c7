"""Need.kind and Need.bounty_cny retire: a 揭榜挂帅 with a bounty is a challenges.Challenge.
challenges 0007 (run before this one) turned every need of kind "challenge" into one."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('marketplace', '0009_listing_events_into_activity_log'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='need',
            name='bounty_cny',
        ),
        migrations.RemoveField(
            model_name='need',
            name='kind',
        ),
    ]
