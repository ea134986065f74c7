"""Each role on each page: anonymous visitor, outsider, org member, org admin, staff."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from marketplace.models import Achievement, Inquiry, Need, Status
from tests.factories import MembershipFactory, industry
from tests.marketplace.factories import good_achievement, good_need, member, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_and_owner():
    user, org = member()
    return org, user


@pytest.fixture
def published(org_and_owner):
    org, owner = org_and_owner
    return good_achievement(org, created_by=owner, reserve_price_cny=Decimal("345678"))


@pytest.fixture
def draft(org_and_owner):
    org, owner = org_and_owner
    return good_achievement(org, created_by=owner, status=Status.DRAFT, published_at=None)


def test_browse_pages_list_published_listings_for_anonymous_visitors(client, published, draft):
    need = good_need(published.organization)
    page = client.get("/achievements/").content.decode()
    assert published.title in page
    assert draft.title not in page
    assert need.title in client.get("/needs/").content.decode()


def test_browse_filters_by_industry_maturity_and_price(client, org_and_owner):
    org, _owner = org_and_owner

    wood = good_achievement(org, title="木业成果", asking_price_cny=Decimal("100000"))
    food = good_achievement(
        org, title="食品成果", industry=industry("food"), maturity="industrialized"
    )
    page = client.get("/achievements/?industry=food").content.decode()
    assert food.title in page and wood.title not in page
    page = client.get("/achievements/?maturity=pilot").content.decode()
    assert wood.title in page and food.title not in page
    page = client.get("/achievements/?price_max=20").content.decode()
    assert wood.title in page and food.title not in page
    page = client.get("/achievements/?org_kind=university&region=hedong").content.decode()
    assert wood.title not in page


def test_needs_filter_by_budget_and_sort(client, org_and_owner):
    org, _owner = org_and_owner
    small = good_need(org, title="小预算需求", budget_min_cny=10000, budget_max_cny=50000)
    challenge = good_need(org, title="大预算项目", budget_max_cny=3000000)
    page = client.get("/needs/?budget_min=100").content.decode()
    assert challenge.title in page and small.title not in page
    page = client.get("/needs/?sort=-budget_max_cny").content.decode()
    assert page.index(challenge.title) < page.index(small.title)


def test_browse_paginates(client, org_and_owner):
    org, _owner = org_and_owner
    for _ in range(13):
        good_achievement(org)
    page = client.get("/achievements/").content.decode()
    assert "第 1 / 2 页" in page
    assert client.get("/achievements/?page=2").status_code == 200


def test_anonymous_visitor_sees_published_detail_without_the_reserve_price(client, published):
    response = client.get(f"/achievements/{published.pk}/")
    assert response.status_code == 200
    assert published.title in response.content.decode()
    assert "345,678" not in response.content.decode()
    assert "345678" not in response.content.decode()
    assert 'data-testid="reserve-price"' not in response.content.decode()


def test_outsider_does_not_see_the_reserve_price(client, published):
    outsider, _org = member()
    client.force_login(outsider)
    assert (
        'data-testid="reserve-price"'
        not in client.get(f"/achievements/{published.pk}/").content.decode()
    )


def test_owner_and_staff_see_the_reserve_price(client, published, org_and_owner):
    _org, owner = org_and_owner
    for user in (owner, staff_user()):
        client.force_login(user)
        page = client.get(f"/achievements/{published.pk}/").content.decode()
        assert 'data-testid="reserve-price"' in page
        assert "345,678" in page


def test_drafts_are_hidden_from_outsiders_but_visible_to_members(client, draft):
    assert client.get(f"/achievements/{draft.pk}/").status_code == 404
    outsider, _org = member()
    client.force_login(outsider)
    assert client.get(f"/achievements/{draft.pk}/").status_code == 404
    colleague = MembershipFactory(organization=draft.organization, role=Membership.Role.MEMBER).user
    client.force_login(colleague)
    assert client.get(f"/achievements/{draft.pk}/").status_code == 200


def test_plain_member_cannot_edit_a_colleagues_listing_but_the_admin_can(client, draft):
    colleague = MembershipFactory(organization=draft.organization, role=Membership.Role.MEMBER).user
    client.force_login(colleague)
    assert client.get(f"/achievements/{draft.pk}/edit/").status_code == 403
    admin = MembershipFactory(organization=draft.organization, role=Membership.Role.ADMIN).user
    client.force_login(admin)
    assert client.get(f"/achievements/{draft.pk}/edit/").status_code == 200


def test_anonymous_visitor_is_sent_to_login_for_create_and_dashboard(client):
    for url in ("/achievements/new/", "/needs/new/", "/dashboard/", "/dashboard/import/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_member_of_unverified_org_cannot_open_the_create_form(client):
    user, _org = member(verified_org=False)
    client.force_login(user)
    response = client.get("/needs/new/", follow=True)
    # The refusal says why: the organization is still under review.
    assert "认证正在审核中" in response.content.decode()


def test_member_creates_a_draft_need_through_the_form(client, org_and_owner):
    org, owner = org_and_owner
    client.force_login(owner)
    response = client.post(
        "/needs/new/",
        {
            "organization": org.pk,
            "title": "污水处理站氨氮超标",
            "description": "食品厂污水站出水氨氮偏高，希望找到低成本的深度处理工艺。",
            "keywords": "污水；氨氮",
            "industry": industry("chemicals").pk,
            "budget_min_cny": "100000",
            "budget_max_cny": "300000",
            "save": "1",
        },
    )
    need = Need.objects.get(title="污水处理站氨氮超标")
    assert response.status_code == 302
    assert need.status == Status.DRAFT
    assert need.created_by == owner
    assert need.keywords == ["污水", "氨氮"]


def test_form_reports_errors_field_by_field(client, org_and_owner):
    org, owner = org_and_owner
    client.force_login(owner)
    response = client.post(
        "/achievements/new/",
        {
            "organization": org.pk,
            "title": "",
            "summary": "简介",
            "industry": industry().pk,
            "patent_type": "invention",
            "patent_number": "ZL202310456781.2",
            "ipc": "C9J",
            "maturity": "lab",
            "asking_price_cny": "-3",
            "save": "1",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"title", "patent_number", "ipc", "asking_price_cny"} <= set(errors)
    assert not Achievement.objects.filter(summary="简介").exists()


def test_express_interest_records_an_inquiry_the_owner_sees(client, published, org_and_owner):
    _org, owner = org_and_owner
    visitor, _other = member()
    client.force_login(visitor)
    client.post(f"/achievements/{published.pk}/interest/", {"message": "我们想洽谈许可合作"})
    inquiry = Inquiry.objects.get(achievement=published)
    assert inquiry.user == visitor
    client.force_login(owner)
    assert "我们想洽谈许可合作" in client.get("/dashboard/").content.decode()


def test_favourite_toggles(client, published):
    visitor, _org = member()
    client.force_login(visitor)
    client.post(f"/achievements/{published.pk}/favourite/")
    assert visitor.favourites.count() == 1
    assert published.title in client.get("/dashboard/").content.decode()
    client.post(f"/achievements/{published.pk}/favourite/")
    assert visitor.favourites.count() == 0


def test_the_detail_page_asks_the_browser_to_report_the_view(client, published):
    page = client.get(f"/achievements/{published.pk}/").content.decode()
    assert f'data-view-beacon="/achievements/{published.pk}/seen/"' in page
    published.refresh_from_db()
    assert published.view_count == 0  # the page itself counts nothing; the beacon does


def test_a_view_counts_once_per_visitor_within_the_window(published):
    cache.clear()  # the window's marks live in the cache (Redis), across runs
    url = f"/achievements/{published.pk}/seen/"
    assert Client(REMOTE_ADDR="10.0.0.1").post(url).status_code == 204
    Client(REMOTE_ADDR="10.0.0.1").post(url)
    Client(REMOTE_ADDR="10.0.0.2").post(url)
    published.refresh_from_db()
    assert published.view_count == 2


def test_an_unpublished_listing_counts_no_view_and_is_not_confirmed(client, draft):
    assert client.post(f"/achievements/{draft.pk}/seen/").status_code == 404
    assert client.get(f"/achievements/{draft.pk}/seen/").status_code in (404, 405)
    draft.refresh_from_db()
    assert draft.view_count == 0


def test_dashboard_lists_the_organizations_listings(client, published, draft, org_and_owner):
    _org, owner = org_and_owner
    client.force_login(owner)
    page = client.get(reverse("marketplace:dashboard")).content.decode()
    assert "我的工作台" in page
    assert published.title in page and draft.title in page


def test_owner_submits_from_the_detail_page(client, draft, org_and_owner):
    _org, owner = org_and_owner
    client.force_login(owner)
    client.post(f"/achievements/{draft.pk}/submit/")
    draft.refresh_from_db()
    assert draft.status == Status.PENDING


def test_detail_template_has_a_matches_block_for_the_search_helper():
    from django.template.loader import get_template

    for name in ("marketplace/achievement_detail.html", "marketplace/need_detail.html"):
        source = get_template(name).template.source
        parent = get_template("marketplace/detail_base.html").template.source
        assert "{% block matches %}" in source + parent


def test_favouriting_a_draft_of_another_organization_is_refused_and_shows_nothing(client, draft):
    outsider, _org = member()
    client.force_login(outsider)
    assert client.post(f"/achievements/{draft.pk}/favourite/").status_code == 404
    assert outsider.favourites.count() == 0
    assert draft.title not in client.get("/dashboard/").content.decode()


def test_a_favourite_whose_listing_is_withdrawn_leaves_the_dashboard(client, published):
    outsider, _org = member()
    client.force_login(outsider)
    client.post(f"/achievements/{published.pk}/favourite/")
    Achievement.objects.filter(pk=published.pk).update(status=Status.WITHDRAWN)
    assert published.title not in client.get("/dashboard/").content.decode()


def test_a_member_of_an_organization_under_review_is_told_so_instead_of_offered_buttons(client):
    user, org = member(verified_org=False)
    client.force_login(user)
    page = client.get("/dashboard/").content.decode()
    assert "认证正在审核中" in page and org.name in page
    assert "/achievements/new/" not in page
    refused = client.get("/achievements/new/", follow=True).content.decode()
    assert "认证正在审核中" in refused


def test_a_member_of_a_verified_organization_gets_the_publishing_buttons(client, org_and_owner):
    _org, owner = org_and_owner
    client.force_login(owner)
    page = client.get("/dashboard/").content.decode()
    assert "/achievements/new/" in page and "认证正在审核中" not in page
