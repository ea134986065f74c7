"""Language-neutral URLs of the portal's content: feeds, sitemap and robots.txt."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from cms import feeds, views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feeds/news.xml", feeds.NewsFeed(), name="feed_news"),
    path("feeds/policies.xml", feeds.PolicyFeed(), name="feed_policies"),
    path("feeds/challenge-calls.xml", feeds.ChallengeCallFeed(), name="feed_challenge_calls"),
]
