"""On the demo, every demo account opens 我的工作台 to something waiting for it."""

import pytest
from django.core.management import call_command

from accounts.demo import USERS
from accounts.models import User
from core.work import work_for
from portal.demo.work import DEMO_BILL_PREFIX

pytestmark = pytest.mark.django_db


def test_every_demo_role_has_work_waiting(capsys):
    call_command("load_demo")
    capsys.readouterr()
    for email, *_rest in USERS:
        user = User.objects.get(email=email)
        counted = [item for item in work_for(user) if not item.is_entry]
        assert counted, f"{email} has an empty work queue"
    # The expert's, the broker's and staff's queues hold their own work, not a filler bill.
    for email in ("expert.sun@demo.linyi", "chen.broker@demo.linyi", "admin@demo.linyi"):
        labels = [item.label for item in work_for(User.objects.get(email=email))]
        assert (
            "待支付的账单" not in labels
            or not User.objects.get(email=email)
            .payments.filter(number__startswith=DEMO_BILL_PREFIX)
            .exists()
        ), (email, labels)
