from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/saved/", views.saved_search_list, name="saved_list"),
    path("search/saved/new/", views.saved_search_create, name="saved_create"),
    path("search/saved/<int:pk>/", views.saved_search_update, name="saved_update"),
    path("search/saved/<int:pk>/delete/", views.saved_search_delete, name="saved_delete"),
    path("search/matches/", views.my_matches, name="my_matches"),
    path("search/matches/feedback/", views.match_feedback, name="match_feedback"),
]
