"""Match feedback on the cards: who may give it, what it records, and the dismissed card goes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory

from accounts.models import Membership
from search.matching import match_need
from search.models import MatchFeedback
from search.services import give_match_feedback, record_match_feedback
from tests.accounts.factories import member_of, staff_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/search/matches/feedback/"


def _post(client, source, match, htmx=False, **data):
    kind = "need" if source.__class__.__name__ == "Need" else "achievement"
    payload = {"source_kind": kind, "source_id": source.pk, "match_id": match.pk} | data
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(URL, payload, **headers)


def _panel(listing, user):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load search_tags %}{% listing_matches listing %}").render(
        Context({"listing": listing, "request": request})
    )


# -- the service --------------------------------------------------------------------------


def test_not_relevant_without_a_reason_is_refused(corpus):
    with pytest.raises(ValidationError, match="请选择不相关的原因"):
        record_match_feedback(
            need=corpus["glue_need"],
            achievement=corpus["glue"],
            user=UserFactory(),
            verdict=MatchFeedback.Verdict.NOT_RELEVANT,
        )


def test_the_other_reason_needs_an_explanation(corpus):
    with pytest.raises(ValidationError, match="请填写说明"):
        record_match_feedback(
            need=corpus["glue_need"],
            achievement=corpus["glue"],
            user=UserFactory(),
            verdict=MatchFeedback.Verdict.NOT_RELEVANT,
            reason=MatchFeedback.Reason.OTHER,
            note="  ",
        )


def test_a_second_verdict_replaces_the_first(corpus):
    user = member_of(corpus["firm"])
    for verdict, reason in [("relevant", ""), ("not_relevant", "too_expensive")]:
        give_match_feedback(
            listing=corpus["glue_need"],
            counterpart_id=corpus["glue"].pk,
            by=user,
            verdict=verdict,
            reason=reason,
        )
    feedback = MatchFeedback.objects.get()
    assert (feedback.verdict, feedback.reason) == ("not_relevant", "too_expensive")
    assert feedback.organization == corpus["firm"]


def test_feedback_from_an_achievement_page_records_the_pair_the_right_way_round(corpus):
    user = member_of(corpus["firm"])
    give_match_feedback(
        listing=corpus["vision"], counterpart_id=corpus["challenge"].pk, by=user, verdict="relevant"
    )
    feedback = MatchFeedback.objects.get()
    assert (feedback.need, feedback.achievement) == (corpus["challenge"], corpus["vision"])


def test_outsiders_cannot_judge_another_organizations_matches(corpus):
    with pytest.raises(PermissionDenied):
        give_match_feedback(
            listing=corpus["glue_need"],
            counterpart_id=corpus["glue"].pk,
            by=member_of(corpus["uni"]),
            verdict="relevant",
        )
    assert not MatchFeedback.objects.exists()


def test_staff_may_judge_any_listings_matches(corpus):
    feedback = give_match_feedback(
        listing=corpus["glue_need"],
        counterpart_id=corpus["glue"].pk,
        by=staff_user(),
        verdict="not_relevant",
        reason="wrong_field",
    )
    assert feedback.organization == corpus["firm"]


def test_feedback_on_an_unpublished_counterpart_is_refused(corpus):
    with pytest.raises(ValidationError, match="已下线"):
        give_match_feedback(
            listing=corpus["glue_need"],
            counterpart_id=corpus["secret"].pk,
            by=member_of(corpus["firm"]),
            verdict="relevant",
        )


# -- the cards ----------------------------------------------------------------------------


def test_members_see_the_feedback_form_on_each_card(indexed):
    html = _panel(indexed["glue_need"], member_of(indexed["firm"]))
    assert html.count('class="match-feedback"') >= 1
    for label in ["相关", "领域不对", "成熟度太低", "价格太高", "已经解决", "其他"]:
        assert label in html
    assert 'hx-post="/search/matches/feedback/"' in html


def test_outsiders_and_visitors_see_the_cards_without_the_form(indexed):
    from django.contrib.auth.models import AnonymousUser

    for user in [member_of(indexed["uni"]), AnonymousUser()]:
        html = _panel(indexed["glue_need"], user)
        assert "植物蛋白基无醛木材胶黏剂" in html
        assert 'class="match-feedback"' not in html


def test_a_card_marked_not_relevant_disappears_for_that_organization(client, indexed):
    need, glue = indexed["glue_need"], indexed["glue"]
    member = member_of(indexed["firm"])
    client.force_login(member)
    assert "植物蛋白基无醛木材胶黏剂" in _panel(need, member)
    response = _post(client, need, glue, verdict="not_relevant", reason="already_solved")
    assert response.status_code == 302
    assert "植物蛋白基无醛木材胶黏剂" not in _panel(need, member)
    assert glue.pk not in [m.pk for m in match_need(need)]


def test_a_card_marked_relevant_stays_and_says_so(client, indexed):
    need, glue = indexed["glue_need"], indexed["glue"]
    member = member_of(indexed["firm"], role=Membership.Role.MEMBER)
    client.force_login(member)
    _post(client, need, glue, verdict="relevant")
    html = _panel(need, member)
    assert "植物蛋白基无醛木材胶黏剂" in html
    assert "您已标记为相关" in html


# -- the view -----------------------------------------------------------------------------


def test_htmx_not_relevant_replaces_the_card_with_a_confirmation(client, corpus):
    client.force_login(member_of(corpus["firm"]))
    response = _post(
        client,
        corpus["glue_need"],
        corpus["glue"],
        htmx=True,
        verdict="not_relevant",
        reason="too_expensive",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "已不再向贵机构推荐“植物蛋白基无醛木材胶黏剂”" in html
    assert "价格太高" in html
    assert f'id="match-need-{corpus["glue_need"].pk}-{corpus["glue"].pk}"' in html
    assert "HX-Retarget" not in response.headers


def test_htmx_relevant_replaces_only_the_form(client, corpus):
    client.force_login(member_of(corpus["firm"]))
    response = _post(client, corpus["glue_need"], corpus["glue"], htmx=True, verdict="relevant")
    card = f"match-need-{corpus['glue_need'].pk}-{corpus['glue'].pk}"
    assert response.headers["HX-Retarget"] == f"#{card}-fb"
    assert "已标记为相关" in response.content.decode()


def test_htmx_validation_errors_appear_under_the_card(client, corpus):
    client.force_login(member_of(corpus["firm"]))
    response = _post(
        client,
        corpus["glue_need"],
        corpus["glue"],
        htmx=True,
        verdict="not_relevant",
        reason="other",
    )
    card = f"match-need-{corpus['glue_need'].pk}-{corpus['glue'].pk}"
    assert response.headers["HX-Retarget"] == f"#{card}-errors"
    assert response.headers["HX-Reswap"] == "innerHTML"
    assert "选择“其他”时请填写说明" in response.content.decode()
    assert not MatchFeedback.objects.exists()


def test_plain_post_errors_come_back_as_a_message_on_the_page(client, corpus):
    client.force_login(member_of(corpus["firm"]))
    response = _post(
        client,
        corpus["glue_need"],
        corpus["glue"],
        verdict="not_relevant",
        next=f"/needs/{corpus['glue_need'].pk}/",
    )
    assert response.status_code == 302
    assert response.url == f"/needs/{corpus['glue_need'].pk}/"
    page = client.get(response.url)
    assert "请选择不相关的原因" in page.content.decode()


def test_plain_post_never_redirects_off_site(client, corpus):
    client.force_login(member_of(corpus["firm"]))
    response = _post(
        client,
        corpus["glue_need"],
        corpus["glue"],
        verdict="relevant",
        next="https://evil.example.com/",
    )
    assert response.url == f"/needs/{corpus['glue_need'].pk}/"


def test_outsiders_are_refused_by_the_view(client, corpus):
    client.force_login(member_of(corpus["uni"]))
    response = _post(client, corpus["glue_need"], corpus["glue"], verdict="relevant")
    assert response.status_code == 403
    assert not MatchFeedback.objects.exists()


def test_visitors_are_sent_to_log_in(client, corpus):
    response = _post(client, corpus["glue_need"], corpus["glue"], verdict="relevant")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_feedback_on_a_draft_listing_is_not_found(client, corpus):
    client.force_login(member_of(corpus["uni"]))
    response = _post(client, corpus["secret"], corpus["glue_need"], verdict="relevant")
    assert response.status_code == 404


# -- staff ----------------------------------------------------------------------------------


def test_staff_read_and_filter_feedback_in_the_wagtail_admin(client, corpus):
    for reason, achievement in [("too_expensive", corpus["glue"]), ("wrong_field", corpus["cold"])]:
        give_match_feedback(
            listing=corpus["glue_need"],
            counterpart_id=achievement.pk,
            by=member_of(corpus["firm"]),
            verdict="not_relevant",
            reason=reason,
        )
    client.force_login(staff_user())
    listing = client.get("/admin/search/match-feedback/")
    assert listing.status_code == 200
    assert "果蔬产地差压预冷装置" in listing.content.decode()
    filtered = client.get("/admin/search/match-feedback/?reason=too_expensive").content.decode()
    assert "植物蛋白基无醛木材胶黏剂" in filtered
    assert "果蔬产地差压预冷装置" not in filtered
    assert client.get("/admin/search/match-feedback/new/").status_code in (302, 403, 404)


def test_members_cannot_open_the_feedback_admin(client, corpus):
    client.force_login(member_of(corpus["firm"]))
    assert client.get("/admin/search/match-feedback/").status_code in (302, 403)


def test_feedback_does_not_redirect_off_site(client, corpus):
    client.force_login(member_of(corpus["firm"]))
    response = _post(
        client,
        corpus["glue_need"],
        corpus["glue"],
        verdict="relevant",
        next="https://evil.example/",
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"].endswith(f"/needs/{corpus['glue_need'].pk}/")
