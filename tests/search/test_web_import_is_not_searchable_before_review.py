"""A web-imported row saying status=published is not found by search: it waits for review."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from marketplace.models import Achievement, Status
from search.outbox import drain_outbox, record_change
from search.selectors import search_listings
from tests.marketplace.factories import RICH_SUMMARY, member

pytestmark = pytest.mark.django_db

HEADER = "external_id,title,summary,keywords,industry,patent_type,patent_number,maturity,"
HEADER += "contact_name,contact_phone,status\n"
ROW = f"TR-S1,豆粕蛋白无醛胶黏剂,{RICH_SUMMARY},无醛;胶黏剂,wood_furniture,invention,"
ROW += "CN202310456781.4,pilot,王老师,0539-8888888,published\n"


def test_the_imported_row_is_not_in_search_results(client, clean_indices):
    admin, org = member()
    client.force_login(admin)
    upload = SimpleUploadedFile("rows.csv", (HEADER + ROW).encode("utf-8"))
    client.post(
        "/dashboard/import/", {"organization": org.pk, "kind": "achievements", "file": upload}
    )
    client.post("/dashboard/import/", {"confirm": "1"})
    drain_outbox(refresh=True)
    assert not search("无醛胶黏剂")
    # Once a moderator publishes it, the same query finds it: the search above was no blank.
    listing = Achievement.objects.get(external_id="TR-S1")
    Achievement.objects.filter(pk=listing.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now()
    )
    record_change(listing)
    drain_outbox(refresh=True)
    assert search("无醛胶黏剂") == [listing.pk]


def search(query):
    hits = search_listings(query=query, kinds=["achievements"], per_page=50).hits
    return [h["id"] for h in hits]
