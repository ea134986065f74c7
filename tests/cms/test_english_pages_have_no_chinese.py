"""Every main page under /en/ reads in English: no CJK character in its visible text.

The rule: the test builds its world with English user content (organization, people, listing,
challenge, engagement and message texts are written in English here, the CMS pages are the demo's
English translations), so any Chinese left on an /en/ page is the portal's own text: a
template, a label, a menu, a system line. Visible text is every text node outside <script>,
<style> and <template>, plus the attributes people read (placeholder, title, aria-label, alt,
and the value of buttons). Text inside an element that declares itself Chinese with a `lang`
attribute (the language switch's 简体中文, the brand mark 沂, the ICP filing number, which the
law wants verbatim) is allowed.
"""

import re
from decimal import Decimal
from pprint import pformat

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from accounts.models import Membership, Organization
from brokerage.models import Stage
from brokerage.services import room as room_services
from cms import demo
from tests.brokerage.factories import EngagementFactory, broker
from tests.challenges.factories import published_challenge
from tests.factories import (
    AchievementFactory,
    MembershipFactory,
    NeedFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")

INDICATORS = [
    {
        "name": "Defect detection rate",
        "comparator": "gte",
        "target_value": Decimal("99.5"),
        "unit": "%",
    },
    {"name": "Time per panel", "comparator": "lte", "target_value": Decimal("2"), "unit": "s"},
]


def chinese_in(html: str) -> list[str]:
    """The visible snippets of an English page that contain CJK characters."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()
    for tag in soup.find_all(lang=re.compile(r"^zh")):
        if tag.name != "html":
            tag.decompose()
    found = [text.strip() for text in soup.find_all(string=CJK)]
    for tag in soup.find_all(True):
        for name in READ_ATTRIBUTES:
            value = tag.get(name) or ""
            if CJK.search(value):
                found.append(f'{tag.name}[{name}="{value}"]')
        if tag.name in ("button", "input") and tag.get("type") in ("submit", "button"):
            if CJK.search(tag.get("value") or ""):
                found.append(f'{tag.name}[value="{tag["value"]}"]')
    return found


def english_org(kind=Organization.Kind.ENTERPRISE, name="Linyi Panel Works Co."):
    return OrganizationFactory(name=name, kind=kind)


def english_member(org, name):
    return MembershipFactory(
        organization=org, role=Membership.Role.OWNER, user=UserFactory(name=name)
    ).user


@pytest.fixture
def world(home_page, monkeypatch, clean_indices):
    from tests.challenges import factories as challenge_factories

    monkeypatch.setattr(challenge_factories, "INDICATORS", INDICATORS)
    demo.load()
    university = english_org(Organization.Kind.UNIVERSITY, "Yimeng Institute of Technology")
    company = english_org()
    professor = english_member(university, "Prof. Wang")
    buyer = english_member(company, "Ms. Zhang")
    achievement = AchievementFactory(
        title="Formaldehyde-free soy protein adhesive",
        summary="A soy protein adhesive for plywood without added formaldehyde.",
        keywords=["adhesive", "plywood"],
        organization=university,
        created_by=professor,
        contact_name="Prof. Wang",
    )
    need = NeedFactory(
        title="Low-emission glue for multilayer board",
        description="We make multilayer board and need a glue without formaldehyde.",
        keywords=["glue", "board"],
        organization=company,
        created_by=buyer,
        contact_name="Ms. Zhang",
    )
    owner = english_member(english_org(name="Linyi Wood Group"), "Mr. Li")
    challenge = published_challenge(
        owner=owner,
        organization=owner.memberships.get().organization,
        title="Machine vision for panel defects",
        problem_statement="Blisters, cracks and knots are found by eye; too many are missed.",
    )
    engagement = EngagementFactory(
        title="Licensing the soy adhesive",
        achievement=achievement,
        supply_organization=university,
        demand_organization=company,
        stage=Stage.NEGOTIATING,
        lead_broker=broker(user__name="Broker Chen"),
    )
    room_services.post_text(engagement=engagement, by=buyer, body="Could you share test data?")
    room_services.make_offer(
        engagement=engagement,
        price="300000",
        payment_terms="Half on signing, half on acceptance",
        transfer_mode="license",
        by=buyer,
    )
    offer = engagement.offers.get()
    room_services.respond_to_offer(
        offer=offer,
        response="counter",
        by=professor,
        counter={"price": "350000", "payment_terms": "On signing", "transfer_mode": "license"},
    )
    return {
        "achievement": achievement,
        "need": need,
        "challenge": challenge,
        "engagement": engagement,
        "professor": professor,
        "buyer": buyer,
    }


PUBLIC_PAGES = [
    "/en/",
    "/en/achievements/",
    "/en/needs/",
    "/en/challenges/",
    "/en/news/",
    "/en/news/2027-broker-training-class/",
    "/en/policies/",
    "/en/policies/linzhengzi-2023-104/",
    "/en/services/",
    "/en/services/broker-services/",
    "/en/challenge-calls/",
    "/en/challenge-calls/2027-batch-1/",
]


def chinese_on(client, urls) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if snippets := chinese_in(response.content.decode()):
            found[url] = snippets
    return found


def test_main_english_pages_show_no_chinese(client, world):
    """One world, every page: the failure lists each page with its Chinese snippets."""
    with translation.override("en"):
        details = [world[name].get_absolute_url() for name in ("achievement", "need", "challenge")]
    found = chinese_on(client, [*PUBLIC_PAGES, *details])
    client.force_login(world["professor"])
    found |= chinese_on(client, ["/en/dashboard/", "/en/notifications/", "/en/engagements/"])
    client.force_login(world["buyer"])
    found |= chinese_on(client, [f"/en/engagements/{world['engagement'].pk}/room/"])
    assert found == {}, pformat(found, width=120)


def test_the_checker_sees_chinese_in_text_and_attributes():
    html = '<p>Hello <b>世界</b></p><input placeholder="搜索"><span lang="zh-hans">简体中文</span>'
    assert chinese_in(html) == ["世界", 'input[placeholder="搜索"]']
